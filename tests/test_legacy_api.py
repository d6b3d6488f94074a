"""The legacy recording_lookup responses, compared as whole bodies, on SQLite and MariaDB."""
import datetime
import json

import pytest
from django.test import override_settings

from tests.api_client import api_get, api_post, lookup

ROW_1001 = "2024-03-01 09:00:00|1000|1001|100001|http://10.0.0.5/RECORDINGS/MP3/a.mp3\n"
ROW_1002 = "2024-03-01 10:00:00|1000|1002|100002|http://10.0.0.5/RECORDINGS/MP3/b.mp3\n"


@pytest.fixture
def recordings(api_user, recording_factory):
    recording_factory()
    recording_factory(
        start_time=datetime.datetime(2024, 3, 1, 10, 0, 0),
        lead_id=100002,
        location="http://10.0.0.5/RECORDINGS/MP3/b.mp3",
        length_in_sec=0,
        start_epoch=100,
        end_epoch=145,
    )


def test_rows_for_agent_and_day(recordings):
    assert lookup("agent_user=1000&date=2024-03-01").body == ROW_1001 + ROW_1002


def test_every_answer_has_legacy_headers(recordings):
    answer = lookup("agent_user=1000&date=2024-03-01")
    assert answer.content_type == "text/html; charset=utf-8"
    assert answer.headers["Cache-Control"] == "no-cache, must-revalidate"
    assert answer.headers["Pragma"] == "no-cache"


def test_error_answer_has_legacy_headers(recordings):
    answer = lookup("")
    assert (answer.status, answer.headers["Pragma"]) == (200, "no-cache")


def test_no_search_fields(recordings):
    assert lookup("").body == "ERROR: recording_lookup INVALID SEARCH PARAMETERS: 6666||||\n"


def test_no_rows_found(recordings):
    assert lookup("agent_user=1000&date=2030-01-01").body == (
        "ERROR: recording_lookup NO RECORDINGS FOUND - 6666|1000||2030-01-01|\n"
    )


def test_invalid_day_counts_but_finds_nothing(recordings):
    assert lookup("agent_user=1000&date=2024-02-30").body == (
        "ERROR: recording_lookup NO RECORDINGS FOUND - 6666|1000||2024-02-30|\n"
    )


def test_csv_header_and_duration(recordings):
    assert lookup("agent_user=1000&date=2024-03-01&stage=csv&header=YES&duration=Y").body == (
        "start_time,user,recording_id,lead_id,location\n"
        "2024-03-01 09:00:00,1000,1001,100001,30,http://10.0.0.5/RECORDINGS/MP3/a.mp3\n"
        "2024-03-01 10:00:00,1000,1002,100002,45,http://10.0.0.5/RECORDINGS/MP3/b.mp3\n"
    )


def test_tab_stage(recordings):
    assert lookup("lead_id=100001&stage=tab").body == (
        "2024-03-01 09:00:00\t1000\t1001\t100001\thttp://10.0.0.5/RECORDINGS/MP3/a.mp3\n"
    )


def test_null_start_time_first(api_user, recording_factory):
    recording_factory(recording_id=2000, lead_id=5)
    recording_factory(recording_id=1999, lead_id=5, start_time=None, user=None, location=None)
    assert lookup("lead_id=5").body == (
        "||1999|5|\n2024-03-01 09:00:00|1000|2000|5|http://10.0.0.5/RECORDINGS/MP3/a.mp3\n"
    )


def test_equal_start_times_by_recording_id(api_user, recording_factory):
    recording_factory(recording_id=3002, lead_id=6)
    recording_factory(recording_id=3001, lead_id=6)
    assert [line.split("|")[2] for line in lookup("lead_id=6").body.splitlines()] == ["3001", "3002"]


@override_settings(RECORDING_LOOKUP_LIMIT=1)
def test_row_cap_cuts_silently(recordings):
    assert lookup("agent_user=1000&date=2024-03-01").body == ROW_1001


def test_uniqueid_outbound_prefix(api_user, recording_factory, call_factory):
    call_factory("1709805600.100")
    recording_factory(vicidial_id="1709805600.100")
    assert lookup("uniqueid=1709805600.999").body == ROW_1001


def test_uniqueid_inbound_closecallid(api_user, recording_factory, call_factory):
    call_factory("1709809190.300", inbound=True, closecallid=42)
    recording_factory(vicidial_id="42")
    assert lookup("uniqueid=1709809190.300").body == ROW_1001


def test_function_version_needs_no_login():
    assert api_get("function=version").body.startswith("VERSION: 2.14-194|BUILD: 241004|DATE: ")


@pytest.mark.parametrize("function", ["coffee", "start_coffee", "make_coffee", "brew_coffee"])
def test_teapot_functions(function):
    answer = api_get(f"function={function}")
    assert (answer.status, answer.body) == (418, f"Coffee: {function}|Error 418 I'm a teapot")


def test_unknown_function_after_login(api_user):
    assert api_get("function=nosuch&user=6666&pass=1234").body == "ERROR: NO FUNCTION SPECIFIED\n"


def test_login_before_function_check(api_user):
    assert api_get("function=nosuch&user=6666&pass=bad").body == "ERROR: Login incorrect, please try again: |6666||BAD|\n"


def test_short_source(api_user):
    assert api_get("function=recording_lookup&user=6666&pass=1234&source=a!").body == (
        "ERROR: Invalid Source - a\nERROR: Invalid Source: |a|\n"
    )


def test_function_not_allowed(vicidial_user_factory):
    vicidial_user_factory("nofunc", "passnf", api_allowed_functions=" add_lead recording_lookupx ")
    assert api_get("function=recording_lookup&user=nofunc&pass=passnf&source=test").body == (
        "ERROR: auth USER DOES NOT HAVE PERMISSION TO USE THIS FUNCTION: |nofunc|recording_lookup|\n"
    )


def test_function_listed_with_spaces(vicidial_user_factory, recording_factory):
    vicidial_user_factory("funcok", "passfo", api_allowed_functions=" recording_lookup ")
    recording_factory()
    assert api_get("function=recording_lookup&user=funcok&pass=passfo&source=test&lead_id=100001").body == ROW_1001


def test_no_api_access(vicidial_user_factory):
    vicidial_user_factory("noapi", "passna", vdc_agent_api_access="0")
    assert api_get("function=recording_lookup&user=noapi&pass=passna&source=test&lead_id=1").body == (
        "ERROR: recording_lookup USER DOES NOT HAVE PERMISSION TO GET RECORDING INFO: |noapi|0|\n"
    )


def test_locked_login(locked_user):
    assert api_get("function=recording_lookup&user=lockme&pass=lockpw&source=test").body == (
        "ERROR: Too many login attempts, try again in 15 minutes: |lockme|LOCK|\n"
    )


def test_ip_blocked_login(api_user, set_system_settings, ip_list_factory, user_group_factory):
    set_system_settings(allow_ip_lists="1")
    ip_list_factory("REMOTEONLY", "10.20.30.40")
    user_group_factory("ADMIN", api_ip_list="REMOTEONLY")
    assert lookup("lead_id=1").body == "ERROR: Your IP Address is not allowed: 127.0.0.1: ||IPBLOCK|\n"


def test_two_factor_refusal(api_user, set_system_settings):
    set_system_settings(two_factor_auth_hours=1, two_factor_container="TWO_FACTOR_SETTINGS")
    assert lookup("lead_id=1").body == "ERROR: Login incorrect, please try again: |6666||2FA|\n"


def test_get_wins_over_post(recordings):
    answer = api_post("function=recording_lookup&user=6666&pass=wrong&source=test&lead_id=100001", query="pass=1234")
    assert answer.body == ROW_1001


def test_post_fields_used(recordings):
    assert api_post("lead_id=100001", query="function=recording_lookup&user=6666&pass=1234&source=test").body == ROW_1001


def test_json_body_is_not_read(recordings):
    body = json.dumps({"function": "recording_lookup", "user": "6666", "pass": "1234"})
    assert api_post(body, content_type="application/json").body == "ERROR: Login incorrect, please try again: |||BAD|\n"


def test_post_needs_no_csrf_token(recordings):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/vicidial/non_agent_api.php", {"function": "version"})
    assert response.status_code == 200


def test_last_repeated_name_wins(recordings):
    assert api_get("function=recording_lookup&user=x&pass=1234&source=test&lead_id=100001&user=6666").body == ROW_1001


def test_dot_in_name_counts_as_underscore(recordings):
    assert lookup("agent.user=1000&date=2024-03-01").body == ROW_1001 + ROW_1002


class TestDepartures:
    def test_d1_login_error_hides_password(self, api_user):
        assert lookup("pass=secret&lead_id=1").body == "ERROR: Login incorrect, please try again: |6666||BAD|\n"

    def test_d3_empty_hash_never_matches(self, vicidial_user_factory, set_system_settings):
        set_system_settings(pass_hash_enabled="1", pass_key="K3yForOracle0001", pass_cost=2)
        vicidial_user_factory("nohash", "plainpw", pass_hash="")
        assert api_get("function=recording_lookup&user=nohash&pass=x--help&source=test&lead_id=1").body == (
            "ERROR: Login incorrect, please try again: |nohash||BAD|\n"
        )

    def test_d4_underscore_is_literal(self, api_user, recording_factory, call_factory):
        call_factory("1709805600.100")
        recording_factory(vicidial_id="1709805600.100")
        assert lookup("uniqueid=_________").body == "ERROR: recording_lookup INVALID SEARCH PARAMETERS: 6666||||_________\n"

    def test_d4_empty_prefix_finds_nothing(self, api_user, recording_factory, call_factory):
        call_factory("1709805600.100")
        recording_factory(vicidial_id="1709805600.100")
        assert lookup("uniqueid=.12345678").body == "ERROR: recording_lookup INVALID SEARCH PARAMETERS: 6666||||.12345678\n"

    def test_d5_array_counts_as_empty(self, recordings):
        assert lookup("agent_user[]=1000&date=2024-03-01").body == (
            "ERROR: recording_lookup INVALID SEARCH PARAMETERS: 6666|||2024-03-01|\n"
        )

    def test_d6_overlong_values_still_answer(self, recordings):
        answer = lookup("agent_user=agent_twenty_chars012&lead_id=100001&x=it's")
        assert (answer.status, answer.body) == (200, ROW_1001)

    def test_d7_json_stage(self, recordings):
        answer = lookup("agent_user=1000&date=2024-03-01&stage=json&duration=Y")
        assert answer.content_type == "application/json"
        assert answer.body == (
            '[{"start_time":"2024-03-01 09:00:00","user":"1000","recording_id":1001,"lead_id":100001,'
            '"duration":30,"location":"http://10.0.0.5/RECORDINGS/MP3/a.mp3"},'
            '{"start_time":"2024-03-01 10:00:00","user":"1000","recording_id":1002,"lead_id":100002,'
            '"duration":45,"location":"http://10.0.0.5/RECORDINGS/MP3/b.mp3"}]\n'
        )

    def test_d7_json_null_and_unicode(self, api_user, recording_factory):
        recording_factory(lead_id=9, start_time=None, user=None, location="http://h/grabación.mp3")
        assert lookup("lead_id=9&stage=json").body == (
            '[{"start_time":null,"user":null,"recording_id":1001,"lead_id":9,"location":"http://h/grabación.mp3"}]\n'
        )

    def test_d7_json_errors_stay_legacy(self, recordings):
        answer = lookup("stage=json")
        assert (answer.content_type, answer.body) == (
            "text/html; charset=utf-8",
            "ERROR: recording_lookup INVALID SEARCH PARAMETERS: 6666||||\n",
        )

    def test_d8_debug_prints_nothing(self, recordings, set_system_settings):
        set_system_settings(allow_web_debug="1")
        assert lookup("lead_id=100001&DB=1").body == ROW_1001


def test_uniqueid_inbound_match_also_takes_prefix(api_user, recording_factory, call_factory):
    call_factory("1709809190.300", inbound=True, closecallid=42)
    recording_factory(vicidial_id="1709809190.777")
    assert lookup("uniqueid=1709809190.300").body == ROW_1001


def test_uniqueid_underscore_in_stored_id_is_literal(api_user, recording_factory, call_factory):
    call_factory("17098_5600.1")
    recording_factory(vicidial_id="1709815600.1")
    assert lookup("uniqueid=17098_5600.1").body == "ERROR: recording_lookup NO RECORDINGS FOUND - 6666||||17098_5600.1\n"
