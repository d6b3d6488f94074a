"""Every API call that passes the login leaves one vicidial_api_log row; no other call leaves one."""
import pytest

from tests.api_client import api_get, api_post, lookup
from tests.vicidial_factories import run_sql

# One request for each outcome after a successful login, with the result_reason it logs.
OUTCOMES = [
    ("agent_user=1000&date=2024-03-01", "recording_lookup RECORDINGS FOUND: 1"),
    ("lead_id=999", "recording_lookup NO RECORDINGS FOUND"),
    ("agent_user=1000", "recording_lookup INVALID SEARCH PARAMETERS"),
    ("source=x&lead_id=100001", "Invalid Source"),
    ("function=add_lead&lead_id=100001", "NO FUNCTION SPECIFIED"),
]


@pytest.fixture
def recording(api_user, recording_factory):
    return recording_factory()


def logged_reasons():
    return [reason for (reason,) in run_sql("SELECT result_reason FROM vicidial_api_log ORDER BY api_id")]


def url_row_count():
    return run_sql("SELECT COUNT(*) FROM vicidial_api_urls")[0][0]


@pytest.mark.parametrize(("search", "reason"), OUTCOMES, ids=[reason for _, reason in OUTCOMES])
def test_outcome_writes_one_row(recording, search, reason):
    lookup(search)

    assert logged_reasons() == [reason]
    assert url_row_count() == 1


@pytest.mark.parametrize(("search", "reason"), OUTCOMES, ids=[reason for _, reason in OUTCOMES])
def test_post_outcome_writes_one_row(recording, search, reason):
    api_post(f"function=recording_lookup&user=6666&pass=1234&source=test&{search}")

    assert logged_reasons() == [reason]


def test_permission_refusals_write_rows(recording, vicidial_user_factory):
    vicidial_user_factory("noreports", "passnr", view_reports="0")
    vicidial_user_factory("nofunction", "passnf", api_allowed_functions=" add_lead ")

    api_get("function=recording_lookup&user=noreports&pass=passnr&source=test&lead_id=100001")
    api_get("function=recording_lookup&user=nofunction&pass=passnf&source=test&lead_id=100001")

    assert logged_reasons() == [
        "recording_lookup USER DOES NOT HAVE PERMISSION TO GET RECORDING INFO",
        "auth USER DOES NOT HAVE PERMISSION TO USE THIS FUNCTION",
    ]


def test_ip_block_and_two_factor_write_no_row(recording, set_system_settings, ip_list_factory, user_group_factory):
    set_system_settings(allow_ip_lists="1")
    ip_list_factory("REMOTEONLY", "10.20.30.40")
    user_group_factory("ADMIN", api_ip_list="REMOTEONLY")
    lookup("lead_id=100001")
    set_system_settings(allow_ip_lists="0", two_factor_auth_hours=1, two_factor_container="TWO_FACTOR_SETTINGS")
    lookup("lead_id=100001")

    assert logged_reasons() == []


def test_version_and_teapot_write_no_row(recording):
    api_get("function=version&user=6666&pass=1234")
    api_get("function=coffee&user=6666&pass=1234")

    assert logged_reasons() == []
