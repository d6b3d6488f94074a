"""Each filter of the search page alone, with a date range and in combinations, and the errors of each field."""
import datetime
import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.page_fixtures import (  # noqa: F401
    archived_recording_factory,
    lead_factory,
    page_client,
    recording_factory,
)

DAY = "2026-12-03"
WHOLE_DAY = {"date_from": DAY, "date_to": DAY}


def listed_ids(response):
    return [int(value) for value in re.findall(r'data-recording-id="(\d+)"', response.content.decode())]


@pytest.fixture
def calls(recording_factory, archived_recording_factory, lead_factory, call_factory):
    """Create five recordings that the filters distinguish; return {name: recording_id}."""
    lead_factory(500, "3125550100")
    lead_factory(501, "4155550111")
    call_factory("1764763200.1", campaign_id="SALESOUT")
    call_factory("1764763300.5", inbound=True, closecallid=77, campaign_id="SUPPORT")
    at = datetime.datetime
    rows = {
        "a": recording_factory(user="1001", lead_id=500, extension="8309", length_in_sec=60,
                               vicidial_id="1764763200.1", start_time=at(2026, 12, 3, 9, 0)),
        "b": recording_factory(user="1002", lead_id=501, extension="8310", length_in_sec=300,
                               vicidial_id="77", start_time=at(2026, 12, 3, 14, 0)),
        "c": recording_factory(user="1001", lead_id=501, extension="8309", length_in_sec=1200,
                               start_time=at(2026, 12, 5, 10, 0)),
        "e": recording_factory(user="1002", lead_id=502, extension="8309", length_in_sec=45,
                               start_time=at(2026, 12, 3, 12, 0), filename="20261203-120000_3125550100_1002"),
        "d": archived_recording_factory(900, user="1001", lead_id=500, start_time=at(2026, 12, 3, 16, 0)),
    }
    return {name: row.recording_id for name, row in rows.items()}


def search(client, params):
    return client.get(reverse("search"), params)


ALONE = [
    ({"agent": "1001"}, "c a"),
    (WHOLE_DAY, "b e a"),
    ({"date_from": "2026-12-04"}, "c"),
    ({"date_to": DAY}, "b e a"),
    ({"lead_id": "501"}, "c b"),
    ({"phone": "3125550100"}, "a"),
    ({"phone": "(312) 555-0100"}, "a"),
    ({"uniqueid": "1764763200"}, "a"),
    ({"uniqueid": "1764763300.5"}, "b"),
    ({"extension": "8310"}, "b"),
    ({"min_duration": "200"}, "c b"),
    ({"max_duration": "60"}, "e a"),
]


@pytest.mark.parametrize("params, expected", ALONE, ids=[" ".join(params) for params, _ in ALONE])
def test_filter_alone(page_client, calls, params, expected):
    response = search(page_client, params)

    assert response.status_code == HTTPStatus.OK
    assert listed_ids(response) == [calls[name] for name in expected.split()]


WITH_DAY = [
    ({"agent": "1001"}, "a"),
    ({"lead_id": "500"}, "a"),
    # Within a date range the phone number also matches digits in the file name.
    ({"phone": "3125550100"}, "e a"),
    ({"uniqueid": "1764763300"}, "b"),
    ({"extension": "8309"}, "e a"),
    ({"min_duration": "100"}, "b"),
    ({"max_duration": "59"}, "e"),
    ({"campaign": "SUPPORT"}, "b"),
    ({"campaign": "SALESOUT"}, "a"),
    ({"include_archived": "on"}, "d b e a"),
    ({"time_from": "10:00:00"}, "b e"),
    ({"time_to": "12:00:00"}, "e a"),
    ({"time_from": "10:00", "time_to": "13:00"}, "e"),
]


@pytest.mark.parametrize("params, expected", WITH_DAY, ids=[" ".join(params) for params, _ in WITH_DAY])
def test_filter_with_date_range(page_client, calls, params, expected):
    response = search(page_client, {**WHOLE_DAY, **params})

    assert response.status_code == HTTPStatus.OK
    assert listed_ids(response) == [calls[name] for name in expected.split()]


COMBINED = [
    ({"agent": "1001", "lead_id": "500", **WHOLE_DAY}, "a"),
    ({"phone": "3125550100", "max_duration": "50", **WHOLE_DAY}, "e"),
    ({"agent": "1002", "extension": "8310", "min_duration": "200"}, "b"),
    ({"agent": "1001", "campaign": "SALESOUT", "include_archived": "on"}, "a"),
    ({"agent": "1001", "include_archived": "on", "lead_id": "500"}, "d a"),
    ({"lead_id": "501", "min_duration": "100", "max_duration": "400"}, "b"),
    ({"agent": "1002", "phone": "4155550111", "uniqueid": "1764763300"}, "b"),
    ({"agent": "1001", "lead_id": "501", **WHOLE_DAY}, ""),
]


@pytest.mark.parametrize("params, expected", COMBINED, ids=[" ".join(params) for params, _ in COMBINED])
def test_filter_combinations(page_client, calls, params, expected):
    response = search(page_client, params)

    assert response.status_code == HTTPStatus.OK
    assert listed_ids(response) == [calls[name] for name in expected.split()]


def test_archived_rows_are_marked(page_client, calls):
    body = search(page_client, {"agent": "1001", "include_archived": "on"}).content.decode()

    assert f'<tr data-recording-id="{calls["d"]}" class="archived odd">' in body
    assert '<span class="badge">archived</span>' in body


def test_archived_rows_hidden_without_checkbox(page_client, calls):
    response = search(page_client, {"agent": "1001"})

    assert calls["d"] not in listed_ids(response)


ERRORS = [
    ({"agent": "9999"}, "agent"),
    ({"date_from": "2026-02-30"}, "date_from"),
    ({"date_to": "3rd of December"}, "date_to"),
    ({"date_from": "2026-12-05", "date_to": "2026-12-01"}, "date_to"),
    ({"time_from": "10:00", "agent": "1001"}, "time_from"),
    ({"time_to": "10:00", "agent": "1001"}, "time_to"),
    ({"time_from": "25:00", **WHOLE_DAY}, "time_from"),
    ({"time_from": "14:00", "time_to": "10:00", **WHOLE_DAY}, "time_to"),
    ({"lead_id": "abc"}, "lead_id"),
    ({"lead_id": "-1"}, "lead_id"),
    ({"lead_id": "4294967296"}, "lead_id"),
    ({"phone": "call me"}, "phone"),
    ({"phone": "1" * 31}, "phone"),
    ({"uniqueid": "1" * 21}, "uniqueid"),
    ({"extension": "8" * 101}, "extension"),
    ({"min_duration": "-5"}, "min_duration"),
    ({"max_duration": "1.5"}, "max_duration"),
    ({"min_duration": "100", "max_duration": "50"}, "max_duration"),
    ({"campaign": "SALESOUT"}, "campaign"),
    ({"campaign": "C" * 21, **WHOLE_DAY}, "campaign"),
]


@pytest.mark.parametrize("params, field", ERRORS, ids=[f"{field}-{index}" for index, (_, field) in enumerate(ERRORS)])
def test_invalid_field_shows_error_next_to_it(page_client, calls, params, field):
    response = search(page_client, params)

    assert response.status_code == HTTPStatus.OK
    assert f'id="id_{field}_error"' in response.content.decode()
    assert listed_ids(response) == []


def test_include_archived_alone_asks_for_a_criterion(page_client, calls):
    response = search(page_client, {"include_archived": "on"})

    assert "Choose an agent, a date range, a phone number or a lead ID to search." in response.content.decode()
    assert listed_ids(response) == []


def test_form_keeps_values_after_search(page_client, calls):
    body = search(page_client, {"phone": "3125550100", "extension": "8309"}).content.decode()

    assert 'name="phone" value="3125550100"' in body
    assert 'name="extension" value="8309"' in body
