"""Random and adversarial requests: the API returns documented lines, the forms return form errors.

Complements test_api_robustness.py, which only checks for a status other than 500.
This module checks each response against the documented ones. It sends every
parameter empty, very long, in any script, with control characters, SQL text,
repeated, as an array, and by GET and POST at once. The "ci" profile replays the
same examples on every run; HYPOTHESIS_PROFILE=thorough draws 20 times more, fresh.
"""
import datetime
import os
from urllib.parse import parse_qsl, quote_plus

import pytest
from django.test import Client
from django.test.client import MULTIPART_CONTENT, encode_multipart, BOUNDARY
from django.urls import reverse
from django.utils.html import escape
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from recordings.filters import RecordingFilter
from tests.api_client import API_PATH
from tests.hostile_requests import PAYLOADS, documented_api_problem, requested_format
from tests.vicidial_factories import run_sql

SCALE = 20 if os.environ.get("HYPOTHESIS_PROFILE") == "thorough" else 1
HOSTILE = settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

LOGIN_NAMES = ["function", "user", "pass", "source", "pass[]", "user[x]", "DB", "x", ""]
SEARCH_NAMES = ["agent_user", "lead_id", "date", "uniqueid", "extension", "stage", "header", "duration",
                "agent.user", "stage[]", "lead_id[]", "date[", "agent user"]
USEFUL_VALUES = ["recording_lookup", "6666", "1234", "test", "1000", "2024-03-01", "100001", "100002", "csv", "tab",
                 "json", "pipe", "YES", "Y", "NY", "version", "coffee", "1709283600.123", "8309", "",
                 "\U00010000\u00e9"]
LONG_VALUES = st.builds(lambda unit, count: unit * count, st.sampled_from(["A", "9", "é", "'", "%", "\x00", "😀", "-"]),
                        st.integers(256, 6000))
USEFUL = st.sampled_from(USEFUL_VALUES)
VALUES = st.one_of(
    USEFUL,
    USEFUL,
    USEFUL,
    st.sampled_from(PAYLOADS),
    st.text(max_size=30),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=10),
    LONG_VALUES,
)
LOGIN_PAIRS = [("function", "recording_lookup"), ("user", "6666"), ("pass", "1234"), ("source", "test")]


def pairs_of(names):
    return st.lists(st.tuples(st.sampled_from(names), VALUES), max_size=8)


# Search parameters ten times as often as login ones, so that most requests get past the login.
API_PAIRS = st.lists(st.tuples(st.sampled_from(SEARCH_NAMES * 10 + LOGIN_NAMES), VALUES), max_size=6)
# Searches that find rows, for the random pairs to garble or leave alone.
FINDING_SEARCHES = [[], [("lead_id", "100001")], [("agent_user", "1000"), ("date", "2024-03-01")]]


@st.composite
def encoded_query(draw, pairs):
    """Encode pairs as a client would, or leave some raw: bad percent escapes and bare & stay as sent."""
    pieces = []
    for name, value in pairs:
        if draw(st.booleans()):
            pieces.append(f"{quote_plus(name)}={quote_plus(value)}")
        else:
            # A WSGI server hands the raw bytes over as latin-1 text.
            pieces.append(f"{name}={value}".encode("utf-8", "surrogatepass").decode("latin-1"))
    return "&".join(pieces)


@st.composite
def api_requests(draw):
    """Return (method, query, body, content type, decoded POST pairs) of a random recording_lookup request."""
    prefix = LOGIN_PAIRS if draw(st.sampled_from([True, True, True, False])) else []
    prefix = prefix + draw(st.sampled_from(FINDING_SEARCHES))
    get_pairs = prefix + draw(API_PAIRS)
    query = draw(encoded_query(get_pairs))
    method = draw(st.sampled_from(["GET", "GET", "POST", "POST-multipart", "POST-json"]))
    if method == "GET":
        return "GET", query, b"", None, []
    post_pairs = draw(API_PAIRS)
    if method == "POST-multipart":
        fields = {name: value.replace("\x00", "") for name, value in post_pairs if name}
        return "POST", query, encode_multipart(BOUNDARY, fields), MULTIPART_CONTENT, list(fields.items())
    if method == "POST-json":
        return "POST", query, b'{"function": "recording_lookup", "user": "6666"}', "application/json", []
    body = draw(encoded_query(prefix + post_pairs))
    return "POST", query, body.encode("latin-1"), "application/x-www-form-urlencoded", decoded_pairs(body)


def decoded_pairs(encoded):
    return parse_qsl(encoded, keep_blank_values=True, errors="surrogateescape")


def fresh_api_user():
    """Undo the failures of earlier examples, so that every example can get past the login."""
    run_sql("UPDATE vicidial_users SET failed_login_count = 0, last_login_date = '2024-01-01 00:00:00'")


@pytest.fixture
def recordings(api_user, recording_factory):
    return [
        recording_factory(),
        recording_factory(recording_id=1002, start_time=datetime.datetime(2024, 3, 1, 10, 0), lead_id=100002,
                          length_in_sec=0, location="http://10.0.0.5/RECORDINGS/MP3/b.mp3"),
        recording_factory(recording_id=1003, user="2000", lead_id=100001, location=""),
    ]


@settings(HOSTILE, max_examples=800 * SCALE)
@given(request=api_requests())
def test_api_answers_every_request_as_documented(recordings, request):
    fresh_api_user()
    method, query, body, content_type, post_pairs = request

    extra = {"content_type": content_type} if content_type else {}
    response = Client().generic(method, API_PATH, body, QUERY_STRING=query, **extra)
    content = b"".join(response.streaming_content) if response.streaming else response.content

    text = content.decode("utf-8", "surrogateescape")
    row_format = requested_format(decoded_pairs(query), post_pairs)
    problem = documented_api_problem(response.status_code, response.get("Content-Type"), text, row_format, recordings)
    event(text.split(":")[1].split(" - ")[0] if text.startswith("ERROR") else f"status {response.status_code}, not an error line")
    assert problem is None, f"{method} ?{query[:300]} body {body[:300]!r}: {problem}"


@settings(HOSTILE, max_examples=200 * SCALE)
@given(request=api_requests())
def test_non_latin_api_answers_as_documented(recordings, set_system_settings, request):
    # With use_non_latin=1 letters of any script survive the filters and reach the queries.
    set_system_settings(use_non_latin="1")
    test_api_answers_every_request_as_documented.hypothesis.inner_test(recordings, request)


def search_field_names():
    return list(RecordingFilter(data={}).form.fields) + ["page", "sort", "per_page", "x"]


@settings(HOSTILE, max_examples=250 * SCALE)
@given(data=st.data())
def test_search_form_answers_with_form_errors(logged_in_client, recordings, data):
    names = search_field_names()
    query = data.draw(encoded_query(data.draw(pairs_of(names + [name + "[]" for name in names]))))

    response = logged_in_client.generic("GET", reverse("search"), QUERY_STRING=query)

    assert response.status_code == 200, query[:300]
    page = response.content.decode()
    errors = [str(message) for messages in response.context["filter"].form.errors.values() for message in messages]
    assert [message for message in errors if escape(message) not in page] == [], query[:300]


@settings(HOSTILE, max_examples=250 * SCALE)
@given(data=st.data())
def test_login_form_answers_with_form_errors(manager, data):
    pairs = data.draw(pairs_of(["username", "password", "next", "username[]", "x"]))
    body = data.draw(encoded_query(pairs)).encode("latin-1")

    response = Client().generic("POST", reverse("login"), body, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 200, body[:300]
    form = response.context["form"]
    assert form.errors, body[:300]
    page = response.content.decode()
    errors = [str(message) for messages in form.errors.values() for message in messages]
    assert [message for message in errors if escape(message) not in page] == [], body[:300]
