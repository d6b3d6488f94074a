"""IP lists for API logins: system blacklist, group API list, class-C entries."""
import pytest

from recordings.ip_lists import class_c_form
from recordings.login import Reason, check_login
from recordings.models import VicidialUser


@pytest.fixture
def lists_on(set_system_settings, ip_list_factory, user_group_factory):
    set_system_settings(allow_ip_lists="1", system_ip_blacklist="")
    ip_list_factory("APILOCAL", "127.0.0.1")
    ip_list_factory("REMOTEONLY", "10.20.30.40", active="N")
    ip_list_factory("LOOPBACKC", "127.0.0.x")
    ip_list_factory("NOENTRIES")
    ip_list_factory("BLACKLIST", "127.0.0.1")
    user_group_factory("ADMIN", api_ip_list="APILOCAL")
    user_group_factory("REMOTEAPI", api_ip_list="REMOTEONLY")
    user_group_factory("CLASSC", api_ip_list="LOOPBACKC")
    user_group_factory("EMPTYLIST", api_ip_list="NOENTRIES")
    user_group_factory("SHORTLIST", api_ip_list="X")


def login_from(vicidial_user_factory, group, address="127.0.0.1", **fields):
    vicidial_user_factory("someone", "pw12", user_group=group, **fields)
    return check_login("someone", "pw12", address).reason


def test_class_c_form_of_ipv4():
    assert class_c_form("192.168.5.77") == "192.168.5.x"


def test_class_c_form_leaves_ipv6():
    assert class_c_form("::1") == "::1"


def test_listed_address_allowed(lists_on, vicidial_user_factory):
    assert login_from(vicidial_user_factory, "ADMIN") is Reason.OK


def test_unlisted_address_blocked(lists_on, vicidial_user_factory):
    assert login_from(vicidial_user_factory, "REMOTEAPI") is Reason.IP_BLOCKED


def test_inactive_list_still_applies(lists_on, vicidial_user_factory):
    assert login_from(vicidial_user_factory, "REMOTEAPI", address="10.20.30.40") is Reason.OK


def test_class_c_entry_allows(lists_on, vicidial_user_factory):
    assert login_from(vicidial_user_factory, "CLASSC", address="127.0.0.9") is Reason.OK


def test_empty_list_blocks(lists_on, vicidial_user_factory):
    assert login_from(vicidial_user_factory, "EMPTYLIST") is Reason.IP_BLOCKED


def test_one_char_list_id_ignored(lists_on, vicidial_user_factory):
    assert login_from(vicidial_user_factory, "SHORTLIST") is Reason.OK


def test_missing_group_skips_check(lists_on, vicidial_user_factory):
    assert login_from(vicidial_user_factory, "NOSUCHGROUP") is Reason.OK


def test_ignore_ip_list_skips_check(lists_on, vicidial_user_factory):
    assert login_from(vicidial_user_factory, "REMOTEAPI", ignore_ip_list="1") is Reason.OK


def test_blacklist_blocks(lists_on, set_system_settings, vicidial_user_factory):
    set_system_settings(system_ip_blacklist="BLACKLIST")
    assert login_from(vicidial_user_factory, "ADMIN") is Reason.IP_BLOCKED


def test_lists_off_allows_all(set_system_settings, ip_list_factory, user_group_factory, vicidial_user_factory):
    ip_list_factory("REMOTEONLY", "10.20.30.40")
    user_group_factory("REMOTEAPI", api_ip_list="REMOTEONLY")
    assert login_from(vicidial_user_factory, "REMOTEAPI") is Reason.OK


def test_ip_block_counts_attempt(lists_on, vicidial_user_factory):
    login_from(vicidial_user_factory, "REMOTEAPI")
    row = VicidialUser.objects.get(user="someone")
    assert (row.failed_last_type_today, row.failed_login_attempts_today) == ("aIPBLOCK", 1)


def test_wrong_password_beats_ip_block(lists_on, vicidial_user_factory):
    vicidial_user_factory("someone", "pw12", user_group="REMOTEAPI")
    assert check_login("someone", "wrong", "127.0.0.1").reason is Reason.BAD_PASSWORD
