"""The shared VICIdial login check: outcomes, lockout transitions and counters."""
import pytest

from recordings.login import Reason, check_login
from recordings.models import VicidialUser
from tests.vicidial_factories import run_sql, seconds_ago


def counters(user):
    row = VicidialUser.objects.get(pk=user.pk)
    return {
        "failed_login_count": row.failed_login_count,
        "failed_login_attempts_today": row.failed_login_attempts_today,
        "failed_login_count_today": row.failed_login_count_today,
        "failed_last_ip_today": row.failed_last_ip_today,
        "failed_last_type_today": row.failed_last_type_today,
        "last_ip": row.last_ip,
    }


def test_right_password_logs_in(api_user):
    assert check_login("6666", "1234", "127.0.0.1").reason is Reason.OK


def test_plain_password_compare_ignores_case(manager):
    assert check_login("manager", "MANAGERPW", "127.0.0.1").ok


def test_user_name_ignores_case(vicidial_user_factory):
    vicidial_user_factory("apilvl7", "Pass7x", user_level=7)
    assert check_login("APILVL7", "PASS7X", "127.0.0.1").reason is Reason.OK


def test_unknown_user_is_refused_without_changes(api_user):
    assert check_login("nosuchuser", "1234", "127.0.0.1").reason is Reason.UNKNOWN_USER


def test_empty_user_is_unknown(api_user):
    assert check_login("", "", "127.0.0.1").reason is Reason.UNKNOWN_USER


def test_empty_password_never_matches(vicidial_user_factory):
    vicidial_user_factory("nopass", "")
    assert check_login("nopass", "", "127.0.0.1").reason is Reason.BAD_PASSWORD


def test_wrong_password_counts_failure(api_user):
    check_login("6666", "wrong", "10.1.2.3")
    assert counters(api_user) == {
        "failed_login_count": 1,
        "failed_login_attempts_today": 1,
        "failed_login_count_today": 1,
        "failed_last_ip_today": "10.1.2.3",
        "failed_last_type_today": "aBAD",
        "last_ip": "",
    }


def test_level_6_is_refused_as_bad_password(vicidial_user_factory):
    user = vicidial_user_factory("apilvl6", "pass6x", user_level=6)
    assert check_login("apilvl6", "pass6x", "127.0.0.1").reason is Reason.BAD_PASSWORD
    assert counters(user)["failed_login_count"] == 1


def test_min_level_is_a_parameter(vicidial_user_factory):
    vicidial_user_factory("apilvl6", "pass6x", user_level=6)
    assert check_login("apilvl6", "pass6x", "127.0.0.1", min_level=6).ok


def test_inactive_user_is_refused(vicidial_user_factory):
    vicidial_user_factory("inactive", "passin", active="N")
    assert check_login("inactive", "passin", "127.0.0.1").reason is Reason.BAD_PASSWORD


def test_success_resets_failures_and_records_address(vicidial_user_factory):
    user = vicidial_user_factory("someone", "pw12", failed_login_count=4)
    check_login("someone", "pw12", "10.9.8.7")
    assert counters(user)["failed_login_count"] == 0
    assert counters(user)["last_ip"] == "10.9.8.7"


def test_locked_user_is_refused_with_right_password(locked_user):
    assert check_login("lockme", "lockpw", "127.0.0.1").reason is Reason.LOCKED


def test_locked_attempt_counts_as_lock(locked_user):
    check_login("lockme", "nope", "127.0.0.1")
    after = counters(locked_user)
    assert after["failed_last_type_today"] == "aLOCK"
    assert after["failed_login_attempts_today"] == 1
    assert after["failed_login_count"] == 10


def test_lock_holds_at_14_minutes(locked_user):
    run_sql("UPDATE vicidial_users SET last_login_date = %s WHERE user = 'lockme'", [seconds_ago(14 * 60)])
    assert check_login("lockme", "lockpw", "127.0.0.1").reason is Reason.LOCKED


def test_lock_ends_after_15_minutes(locked_user):
    run_sql("UPDATE vicidial_users SET last_login_date = %s WHERE user = 'lockme'", [seconds_ago(16 * 60)])
    assert check_login("lockme", "lockpw", "127.0.0.1").ok


def test_ten_failures_lock_recent_login(vicidial_user_factory):
    vicidial_user_factory("lockme", "lockpw")
    check_login("lockme", "lockpw", "127.0.0.1")
    results = [check_login("lockme", "nope", "127.0.0.1").reason for _ in range(11)]
    assert results == [Reason.BAD_PASSWORD] * 10 + [Reason.LOCKED]


def test_stale_login_is_not_locked_by_ten_failures(vicidial_user_factory):
    vicidial_user_factory("lockme", "lockpw")
    for _ in range(10):
        check_login("lockme", "nope", "127.0.0.1")
    assert check_login("lockme", "lockpw", "127.0.0.1").ok


def test_eleventh_stale_failure_restarts_count(vicidial_user_factory):
    user = vicidial_user_factory("lockme", "lockpw")
    for _ in range(11):
        check_login("lockme", "nope", "127.0.0.1")
    assert counters(user)["failed_login_count"] == 1
    assert counters(user)["failed_login_count_today"] == 11


def test_twenty_stale_failures_then_lock(vicidial_user_factory):
    vicidial_user_factory("lockme", "lockpw")
    for _ in range(20):
        check_login("lockme", "nope", "127.0.0.1")
    assert check_login("lockme", "lockpw", "127.0.0.1").reason is Reason.LOCKED


class TestHashedPasswords:
    @pytest.fixture(autouse=True)
    def hashing_on(self, set_system_settings):
        set_system_settings(pass_hash_enabled="1", pass_key="K3yForOracle0001", pass_cost=2)

    def test_known_hash_logs_in(self, vicidial_user_factory):
        vicidial_user_factory("6666", "", pass_hash="0wFw3zLzSUtSUXbNW.WnTIsACAqC1fW")
        assert check_login("6666", "1234", "127.0.0.1").ok

    def test_plain_pass_is_ignored(self, vicidial_user_factory):
        vicidial_user_factory("nohash", "plainpw", pass_hash="")
        assert check_login("nohash", "plainpw", "127.0.0.1").reason is Reason.BAD_PASSWORD

    def test_empty_hash_never_matches(self, vicidial_user_factory):
        vicidial_user_factory("nohash", "plainpw", pass_hash="")
        assert check_login("nohash", "x--help", "127.0.0.1").reason is Reason.BAD_PASSWORD

    def test_hash_compare_is_case_sensitive(self, vicidial_user_factory):
        vicidial_user_factory("apilvl7", "", user_level=7, pass_hash="jhQrTtWajgKs8f2Hb7z4qKlhSopInc6")
        assert check_login("apilvl7", "PASS7X", "127.0.0.1").reason is Reason.BAD_PASSWORD


class TestTwoFactor:
    @pytest.fixture(autouse=True)
    def two_factor_on(self, set_system_settings):
        set_system_settings(two_factor_auth_hours=1, two_factor_container="TWO_FACTOR_SETTINGS")

    def test_missing_entry_refuses(self, api_user):
        assert check_login("6666", "1234", "127.0.0.1").reason is Reason.TWO_FACTOR

    def test_refusal_still_records_login(self, vicidial_user_factory):
        user = vicidial_user_factory("6666", "1234", failed_login_count=3)
        check_login("6666", "1234", "10.0.0.1")
        assert counters(user)["failed_login_count"] == 0

    def test_valid_entry_logs_in(self, api_user):
        run_sql(
            "INSERT INTO vicidial_two_factor_auth (user, auth_stage, auth_exp_date) VALUES ('6666', '1', %s)",
            [seconds_ago(-3600)],
        )
        assert check_login("6666", "1234", "127.0.0.1").ok

    def test_expired_entry_refuses(self, api_user):
        run_sql(
            "INSERT INTO vicidial_two_factor_auth (user, auth_stage, auth_exp_date) VALUES ('6666', '1', %s)",
            [seconds_ago(60)],
        )
        assert check_login("6666", "1234", "127.0.0.1").reason is Reason.TWO_FACTOR

    def test_override_disabled_skips(self, vicidial_user_factory):
        vicidial_user_factory("6666", "1234", two_factor_override="DISABLED")
        assert check_login("6666", "1234", "127.0.0.1").ok
