"""Known attack strings in every API parameter and every field of the search and login forms.

Each response must be a documented one, no markup may come back unescaped, and the
VICIdial tables must be unchanged afterwards, apart from the log tables and the login
counters of vicidial_users that VICIdial itself updates on every login.
"""
from urllib.parse import quote_plus, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from recordings.filters import RecordingFilter
from tests.api_client import API_PATH, LOGIN
from tests.hostile_requests import (
    MARKUP_PAYLOADS,
    PAYLOADS,
    RowFormat,
    documented_api_problem,
    requested_format,
    snapshot_tables,
)

API_PARAMETERS = ["function", "user", "pass", "source", "agent_user", "lead_id", "date", "uniqueid", "extension",
                  "stage", "header", "duration", "DB"]
LOG_TABLES = {"vicidial_api_log", "vicidial_api_urls", "vicidial_urls", "vicidial_webservers",
              "vicidial_recording_access_log"}
LOGIN_COUNTERS = {"vicidial_users": ("last_login_date", "last_ip", "failed_login_count", "failed_login_attempts_today",
                                     "failed_login_count_today", "failed_last_ip_today", "failed_last_type_today")}
SEARCH = "agent_user=1000&date=2024-03-01"


@pytest.fixture
def recordings(api_user, manager, recording_factory):
    return [recording_factory(), recording_factory(lead_id=100002, location="http://10.0.0.5/RECORDINGS/MP3/b.mp3")]


@pytest.fixture
def unchanged_tables(recordings):
    """Fail the test when a VICIdial table other than a log table changed during it."""
    before = snapshot_tables(LOG_TABLES, LOGIN_COUNTERS)
    yield
    assert snapshot_tables(LOG_TABLES, LOGIN_COUNTERS) == before


def api_requests(payload):
    """Yield (query, form body) pairs that put ``payload`` into each parameter, by GET and by POST.

    The POST requests send the login in the query string, so they also cover GET and
    POST together. Array forms (``name[]=``) are left to test_hostile_input.py.
    """
    for name in API_PARAMETERS:
        pair = f"{name}={quote_plus(payload)}"
        yield f"{LOGIN}&{SEARCH}&{pair}", ""
        yield LOGIN, f"{SEARCH}&{pair}"


def send_api(query, body, **headers):
    client = Client()
    if body:
        response = client.generic("POST", API_PATH, body.encode(), content_type="application/x-www-form-urlencoded",
                                  QUERY_STRING=query, **headers)
    else:
        response = client.generic("GET", API_PATH, QUERY_STRING=query, **headers)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return response, content.decode("utf-8", "surrogateescape")


def reset_login_counters():
    from tests.vicidial_factories import run_sql

    run_sql("UPDATE vicidial_users SET failed_login_count = 0, last_login_date = '2024-01-01 00:00:00'")


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_api_parameters_resist_payload(recordings, unchanged_tables, payload):
    problems = []
    for query, body in api_requests(payload):
        reset_login_counters()
        response, text = send_api(query, body)
        row_format = requested_format(parse(query), parse(body))
        problem = documented_api_problem(response.status_code, response.get("Content-Type"), text, row_format, recordings)
        if problem:
            problems.append((query, body, problem))
    assert problems == []


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_forwarded_address_resists_payload(recordings, unchanged_tables, settings, payload):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]

    response, text = send_api(f"{LOGIN}&{SEARCH}", "", HTTP_X_FORWARDED_FOR=payload)

    assert documented_api_problem(response.status_code, response.get("Content-Type"), text, RowFormat(), recordings) is None


def parse(encoded):
    from urllib.parse import parse_qsl

    return parse_qsl(encoded, keep_blank_values=True, errors="surrogateescape")


def search_fields():
    return list(RecordingFilter(data={}).form.fields) + ["page", "sort", "per_page"]


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_search_fields_resist_payload(logged_in_client, unchanged_tables, payload):
    for name in search_fields():
        response = logged_in_client.get(reverse("search"), {name: payload, "agent": "1000"})

        page = response.content.decode()
        assert response.status_code == 200, name
        assert [markup for markup in MARKUP_PAYLOADS if markup in page] == [], name


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_export_fields_resist_payload(logged_in_client, unchanged_tables, payload):
    # Every field at once: the export of an invalid search is the search page, tested field by field above.
    response = logged_in_client.get(reverse("export"), {name: payload for name in search_fields()})

    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200
    assert [markup for markup in MARKUP_PAYLOADS if markup.encode() in body] == []


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_detail_path_resists_payload(logged_in_client, unchanged_tables, payload):
    response = logged_in_client.get(f"/recordings/{quote_plus(payload)}/")

    assert response.status_code == 404


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_login_fields_resist_payload(unchanged_tables, payload):
    for fields in ({"username": payload, "password": "x"}, {"username": "manager", "password": payload},
                   {"username": payload, "password": payload, "next": payload}):
        response = Client().post(reverse("login"), fields)

        page = response.content.decode()
        assert response.status_code == 200, fields
        assert response.context["form"].errors, fields
        assert [markup for markup in MARKUP_PAYLOADS if markup in page] == [], fields


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_login_next_stays_on_site(unchanged_tables, payload):
    response = Client().post(reverse("login"), {"username": "manager", "password": "managerpw", "next": payload})

    location = urlsplit(response["Location"])
    assert response.status_code == 302
    assert (location.scheme, location.netloc) == ("", "")
    assert "\n" not in response["Location"]


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/", "\\\\evil.example", "http:evil.example",
                                      "https:/\\evil.example", " //evil.example"])
def test_login_never_redirects_off_site(manager, next_url):
    response = Client().post(reverse("login"), {"username": "manager", "password": "managerpw", "next": next_url})

    assert response["Location"] == reverse("search")


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_audio_path_and_range_resist_payload(logged_in_client, manager, unchanged_tables, payload):
    path_response = logged_in_client.get(f"/recordings/{quote_plus(payload)}/audio")
    range_response = logged_in_client.get("/recordings/1001/audio", HTTP_RANGE=payload)

    assert path_response.status_code == 404
    assert range_response.status_code != 500


def test_page_number_past_64_bits(logged_in_client, recordings):
    response = logged_in_client.get(reverse("search"), {"agent": "1000", "page": "9" * 25})

    assert response.status_code == 200


def test_stored_markup_is_escaped_on_search_page(logged_in_client, vicidial_user_factory, recording_factory):
    # VICIdial's own tables are a second source of input: names and file names are typed by its admins.
    vicidial_user_factory("1000", "agentpw", user_level=1, full_name="<script>alert('name')</script>")
    recording_factory(filename="<svg onload=alert('file')>", location="http://10.0.0.5/RECORDINGS/\"><img src=x onerror=alert(1)>.mp3")

    page = logged_in_client.get(reverse("search"), {"agent": "1000"}).content.decode()

    assert "<script>alert('name')" not in page
    assert "<svg onload" not in page
    assert "<img src=x" not in page


UNREADABLE_BODIES = {
    "multipart without boundary": ("multipart/form-data", b"--x\r\n"),
    "body over the upload limit": ("application/x-www-form-urlencoded", b"lead_id=1&" * 300_000),
    "more fields than the limit": ("multipart/form-data; boundary=x", b"".join(
        b'--x\r\nContent-Disposition: form-data; name="f%d"\r\n\r\n1\r\n' % number for number in range(1200)) + b"--x--\r\n"),
}


@pytest.mark.parametrize("content_type, body", UNREADABLE_BODIES.values(), ids=UNREADABLE_BODIES.keys())
def test_unreadable_post_body_counts_as_no_fields(recordings, content_type, body):
    response = Client().generic("POST", API_PATH, body, content_type=content_type,
                                QUERY_STRING="function=recording_lookup&user=6666&pass=1234&source=test")

    assert response.content == b"ERROR: recording_lookup INVALID SEARCH PARAMETERS: 6666||||\n"


def test_multipart_array_counts_as_empty(recordings):
    # As in a form-encoded body: stage[]=csv is an array, so the stage stays the default pipe.
    response = Client().post(f"{API_PATH}?{LOGIN}", {"lead_id": "100002", "stage[]": "csv"})

    assert b"".join(response.streaming_content) == b"2024-03-01 09:00:00|1000|1002|100002|http://10.0.0.5/RECORDINGS/MP3/b.mp3\n"
