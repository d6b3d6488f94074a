"""The audit rows written for API calls that pass the login (vicidial_api_log and the rest)."""
import socket

import pytest

from tests.api_client import api_get, api_post, lookup
from tests.vicidial_factories import run_sql

LOG_COLUMNS = "user, api_script, function, agent_user, value, result, result_reason, source, data, webserver, api_url"


def api_log_rows():
    return run_sql(f"SELECT {LOG_COLUMNS} FROM vicidial_api_log ORDER BY api_id")


def api_url_rows():
    return run_sql("SELECT remote_ip, url FROM vicidial_api_urls ORDER BY api_id")


def lookup_ids():
    """Return the ids of the single vicidial_webservers and vicidial_urls rows."""
    return run_sql("SELECT webserver_id FROM vicidial_webservers")[0][0], run_sql("SELECT url_id FROM vicidial_urls")[0][0]


@pytest.fixture
def recording(api_user, recording_factory):
    return recording_factory()


def test_success_row(recording):
    lookup("lead_id=100001&stage=csv")
    webserver_id, url_id = lookup_ids()
    assert api_log_rows() == [
        ("6666", "non-agent", "recording_lookup", "", "", "SUCCESS", "recording_lookup RECORDINGS FOUND: 1", "test",
         "6666||100001|||csv", webserver_id, url_id),
    ]


def test_one_row_per_answered_call(recording):
    lookup("lead_id=100001")
    lookup("")
    lookup("lead_id=5")
    api_get("function=nosuch&user=6666&pass=1234")
    assert [row[6] for row in api_log_rows()] == [
        "recording_lookup RECORDINGS FOUND: 1",
        "recording_lookup INVALID SEARCH PARAMETERS",
        "recording_lookup NO RECORDINGS FOUND",
        "NO FUNCTION SPECIFIED",
    ]


def test_api_urls_row_per_log_row(recording):
    lookup("lead_id=100001")
    lookup("")
    log_ids = run_sql("SELECT api_id FROM vicidial_api_log ORDER BY api_id")
    assert run_sql("SELECT api_id FROM vicidial_api_urls ORDER BY api_id") == log_ids


def test_error_rows_data(recording, vicidial_user_factory):
    vicidial_user_factory("noapi", "passna", vdc_agent_api_access="0")
    vicidial_user_factory("nofunc", "passnf", api_allowed_functions=" add_lead ")
    api_get("function=recording_lookup&user=noapi&pass=passna&source=test")
    api_get("function=recording_lookup&user=nofunc&pass=passnf&source=test")
    api_get("function=recording_lookup&user=6666&pass=1234&source=a&agent_user=ag1")
    lookup('agent_user=1000&uniqueid=a"b')
    assert [(row[5], row[6], row[8]) for row in api_log_rows()] == [
        ("ERROR", "recording_lookup USER DOES NOT HAVE PERMISSION TO GET RECORDING INFO", "0"),
        ("ERROR", "auth USER DOES NOT HAVE PERMISSION TO USE THIS FUNCTION", ""),
        ("ERROR", "Invalid Source", ""),
        ("ERROR", "recording_lookup INVALID SEARCH PARAMETERS", "6666|1000|||ab"),
    ]


def test_failed_logins_write_no_row(api_user, locked_user):
    lookup("pass=wrong")
    api_get("function=recording_lookup&user=lockme&pass=lockpw&source=test")
    api_get("function=recording_lookup&user=nobody&pass=x&source=test")
    assert api_log_rows() == []


def test_logged_user_is_as_sent(recording, vicidial_user_factory):
    vicidial_user_factory("apilvl7", "Pass7x", user_level=7)
    api_get("function=recording_lookup&user=APILVL7&pass=Pass7x&source=test&lead_id=100001")
    assert api_log_rows()[0][0] == "APILVL7"


def test_get_url_masks_password(recording):
    lookup("lead_id=100001")
    assert api_url_rows() == [
        ("127.0.0.1",
         "http://testserver/vicidial/non_agent_api.php?function=recording_lookup&user=6666&pass=XXXXXXXX&source=test&lead_id=100001"),
    ]


def test_repeated_and_encoded_pass_masked(recording):
    api_get("function=recording_lookup&user=6666&p%61ss=1234&source=test&lead_id=100001&pass=1234")
    assert "1234" not in api_url_rows()[0][1]


def test_post_url_repeats_fields(recording):
    api_post("function=recording_lookup&user=6666&pass=1234&source=test&lead_id=100001&x=it%27s")
    fields = "function=recording_lookup&user=6666&pass=XXXXXXXX&source=test&lead_id=100001&x=its"
    assert api_url_rows()[0][1] == f"http://testserver/vicidial/non_agent_api.php?{fields}&GET-AND-POST=Y&{fields}"


def test_get_and_post_url(recording):
    api_post("lead_id=100001", query="function=recording_lookup&user=6666&pass=1234&source=test")
    assert api_url_rows()[0][1] == (
        "http://testserver/vicidial/non_agent_api.php?function=recording_lookup&user=6666&pass=XXXXXXXX&source=test"
        "&GET-AND-POST=Y&lead_id=100001"
    )


def test_post_value_column_empty(recording):
    api_post("function=recording_lookup&user=6666&pass=1234&source=test&lead_id=100001&x=last")
    assert api_log_rows()[0][4] == ""


def test_lookup_tables_filled_once(recording):
    lookup("lead_id=100001")
    lookup("lead_id=100001")
    assert run_sql("SELECT webserver, hostname FROM vicidial_webservers") == [("testserver", socket.gethostname()[:125])]
    assert run_sql("SELECT url FROM vicidial_urls") == [("http://testserver/vicidial/non_agent_api.php",)]


def test_long_values_cut_to_columns(recording):
    lookup("agent_user=" + "a" * 30 + "&source=" + "s" * 30 + "&lead_id=100001")
    row = api_log_rows()[0]
    assert (row[3], row[7]) == ("a" * 20, "s" * 20)


def test_long_function_name_cut(api_user):
    api_get("function=" + "f" * 30 + "&user=6666&pass=1234&source=test")
    assert api_log_rows()[0][2] == "f" * 20


def test_four_byte_characters_stored(api_user, set_system_settings):
    set_system_settings(use_non_latin="1")
    api_get("function=%F0%9F%98%80x&user=6666&pass=1234&source=test")
    assert api_log_rows()[0][2] == "?x"


def test_https_port_in_script_url(recording):
    api_get("function=recording_lookup&user=6666&pass=1234&source=test&lead_id=100001", SERVER_PORT="8443")
    assert run_sql("SELECT url FROM vicidial_urls") == [("https://testserver:8443/vicidial/non_agent_api.php",)]


def test_login_success_updates_user(recording):
    lookup("lead_id=100001", REMOTE_ADDR="10.1.1.1")
    assert run_sql("SELECT last_ip, failed_login_count FROM vicidial_users WHERE user = '6666'") == [("10.1.1.1", 0)]
