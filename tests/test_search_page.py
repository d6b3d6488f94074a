"""The search page: login required, the filter form, the result table and its paginator."""
import datetime
import re
from http import HTTPStatus

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recordings.models import VicidialUser
from recordings.views import RESULTS_PER_PAGE
from tests.page_fixtures import DAY, page_client, recording_factory  # noqa: F401

WHOLE_DAY = {"date_from": DAY.isoformat(), "date_to": DAY.isoformat()}


@pytest.fixture
def agents():
    VicidialUser.objects.create(user_id=2, user="1001", full_name="Maria Alvarez", user_level=1)
    VicidialUser.objects.create(user_id=3, user="1002", full_name="James Okafor", user_level=1)


def listed_ids(response):
    return [int(value) for value in re.findall(r'data-recording-id="(\d+)"', response.content.decode())]


def search(client, **params):
    return client.get(reverse("search"), params)


def test_search_requires_login(client):
    response = client.get(reverse("search"), {"agent": "1001"})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("login"))


def test_first_visit_shows_form_without_results(page_client, recording_factory):
    recording_factory()

    response = search(page_client)

    assert response.status_code == HTTPStatus.OK
    assert listed_ids(response) == []
    assert 'name="agent"' in response.content.decode()


def test_agent_and_day_filter(page_client, recording_factory, agents):
    wanted = recording_factory(user="1001", start_time=datetime.datetime(2026, 12, 3, 9, 30))
    last_second = recording_factory(user="1001", start_time=datetime.datetime(2026, 12, 3, 23, 59, 59))
    recording_factory(user="1001", start_time=datetime.datetime(2026, 12, 4, 0, 0, 0))
    recording_factory(user="1001", start_time=datetime.datetime(2026, 12, 2, 23, 59, 59))
    recording_factory(user="1002", start_time=datetime.datetime(2026, 12, 3, 9, 30))

    response = search(page_client, agent="1001", **WHOLE_DAY)

    assert response.status_code == HTTPStatus.OK
    assert listed_ids(response) == [last_second.recording_id, wanted.recording_id]


def test_results_show_agent_full_name_and_duration(page_client, recording_factory, agents):
    recording_factory(user="1001", length_in_sec=3725)

    body = search(page_client, agent="1001").content.decode()

    assert "Maria Alvarez" in body
    assert "1:02:05" in body


def test_agent_choices_list_agents_with_recordings(page_client, recording_factory, agents):
    recording_factory(user="1002")

    body = search(page_client).content.decode()

    assert '<option value="1002">1002 – James Okafor</option>' in body
    assert 'value="1001"' not in body


def test_lead_id_filter_spans_agents(page_client, recording_factory):
    first = recording_factory(user="1001", lead_id=77, start_time=datetime.datetime(2026, 11, 20, 8, 0))
    second = recording_factory(user="1002", lead_id=77, start_time=datetime.datetime(2026, 12, 1, 8, 0))
    recording_factory(user="1001", lead_id=78)

    response = search(page_client, lead_id="77")

    assert listed_ids(response) == [second.recording_id, first.recording_id]


def test_date_range_includes_both_end_days(page_client, recording_factory):
    inside = [
        recording_factory(start_time=datetime.datetime(2026, 12, 1, 0, 0, 0)),
        recording_factory(start_time=datetime.datetime(2026, 12, 2, 23, 59, 59)),
    ]
    recording_factory(start_time=datetime.datetime(2026, 11, 30, 23, 59, 59))
    recording_factory(start_time=datetime.datetime(2026, 12, 3, 0, 0, 0))

    response = search(page_client, date_from="2026-12-01", date_to="2026-12-02")

    assert listed_ids(response) == [recording.recording_id for recording in reversed(inside)]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"date_from": "2026-13-01"}, "date_from"),
        ({"date_to": "yesterday"}, "date_to"),
        ({"lead_id": "abc"}, "lead_id"),
        ({"lead_id": "-4"}, "lead_id"),
        ({"lead_id": "99999999999999999999"}, "lead_id"),
        ({"agent": "no-such-agent"}, "agent"),
        ({"date_from": "2026-12-05", "date_to": "2026-12-01"}, "date_to"),
    ],
)
def test_invalid_input_shows_error_next_to_field(page_client, recording_factory, params, field):
    recording_factory()

    response = search(page_client, **params)

    assert response.status_code == HTTPStatus.OK
    assert f'id="id_{field}_error"' in response.content.decode()
    assert listed_ids(response) == []


def test_empty_search_asks_for_a_criterion(page_client, recording_factory):
    recording_factory()

    response = search(page_client, agent="", date_from="", lead_id="", phone="")

    assert response.status_code == HTTPStatus.OK
    assert "Choose an agent, a date range, a phone number or a lead ID to search." in response.content.decode()
    assert listed_ids(response) == []


def test_results_newest_first_ties_by_id(page_client, recording_factory):
    same_time = datetime.datetime(2026, 12, 3, 12, 0)
    oldest = recording_factory(start_time=datetime.datetime(2026, 12, 3, 8, 0))
    tie_low = recording_factory(start_time=same_time)
    tie_high = recording_factory(start_time=same_time)
    newest = recording_factory(start_time=datetime.datetime(2026, 12, 3, 17, 0))

    response = search(page_client, **WHOLE_DAY)

    assert listed_ids(response) == [newest.recording_id, tie_high.recording_id, tie_low.recording_id, oldest.recording_id]


def test_sort_by_duration_ascending(page_client, recording_factory):
    long_call = recording_factory(length_in_sec=600)
    short_call = recording_factory(length_in_sec=30)

    response = search(page_client, **WHOLE_DAY, sort="length_in_sec")

    assert listed_ids(response) == [short_call.recording_id, long_call.recording_id]


def test_bad_sort_and_page_ignored(page_client, recording_factory):
    recording = recording_factory()

    response = search(page_client, **WHOLE_DAY, sort="password", page="x")

    assert response.status_code == HTTPStatus.OK
    assert listed_ids(response) == [recording.recording_id]


def test_pages_run_without_counting_recordings(page_client, recording_factory):
    for minute in range(RESULTS_PER_PAGE + 5):
        recording_factory(start_time=datetime.datetime(2026, 12, 3, 10, minute))

    with CaptureQueriesContext(connections["vicidial"]) as queries:
        response = search(page_client, **WHOLE_DAY)

    # query_window counts the whole table (no WHERE) on SQLite to choose its plan; the
    # paginator must never count the matches.
    sql = [query["sql"].upper() for query in queries.captured_queries]
    counts = [text for text in sql if "COUNT(" in text and "WHERE" in text]
    assert counts == []
    assert len(listed_ids(response)) == RESULTS_PER_PAGE
    assert "More results" in response.content.decode()


def test_second_page_holds_the_rest(page_client, recording_factory):
    recordings = [recording_factory(start_time=datetime.datetime(2026, 12, 3, 10, minute)) for minute in range(RESULTS_PER_PAGE + 5)]

    response = search(page_client, **WHOLE_DAY, page="2")

    assert listed_ids(response) == [recording.recording_id for recording in reversed(recordings[:5])]
    assert "More results" not in response.content.decode()


def test_play_button_points_at_audio_url(page_client, recording_factory):
    recording = recording_factory()

    body = search(page_client, **WHOLE_DAY).content.decode()

    assert f'data-src="{reverse("recording_audio", kwargs={"recording_id": recording.recording_id})}"' in body


def test_recording_without_location_is_listed_as_unavailable(page_client, recording_factory):
    recording = recording_factory(location="")

    response = search(page_client, **WHOLE_DAY)

    assert listed_ids(response) == [recording.recording_id]
    assert 'class="play"' not in response.content.decode()
    assert "Audio not available" in response.content.decode()


def test_agent_name_is_escaped(page_client, recording_factory):
    VicidialUser.objects.create(user_id=9, user="1009", full_name="<script>x</script>", user_level=1)
    recording_factory(user="1009")

    body = search(page_client, agent="1009").content.decode()

    assert "<script>x</script>" not in body
    assert "&lt;script&gt;x&lt;/script&gt;" in body


@pytest.mark.parametrize(
    "params",
    [
        {"per_page": "0"},
        {"per_page": "-5"},
        {"per_page": "1000000000"},
        {"page": "0"},
        {"page": "-1"},
        {"page": "99999"},
        {"sort": "-user"},
        {"sort": "play"},
        {"sort": "start_time,recording_id"},
        {"sort": "-length_in_sec"},
        {"date_from": "0001-01-01"},
        {"date_to": "9999-12-31"},
        {"agent": "x" * 5000},
    ],
)
def test_odd_query_strings_never_fail(page_client, recording_factory, params):
    recording_factory()

    response = search(page_client, **{**WHOLE_DAY, **params})

    assert response.status_code == HTTPStatus.OK


def test_per_page_is_capped(page_client, recording_factory):
    for second in range(15):
        recording_factory(start_time=datetime.datetime(2026, 12, 3, 10, 0, second))

    response = search(page_client, **WHOLE_DAY, per_page="1")

    assert len(listed_ids(response)) == 10


def test_sorted_column_announces_its_order(page_client, recording_factory):
    recording_factory()

    body = search(page_client, **WHOLE_DAY).content.decode()

    assert 'aria-sort="descending"' in body


def test_lead_id_links_to_lead_search(page_client, recording_factory):
    recording_factory(lead_id=4242)

    body = search(page_client, **WHOLE_DAY).content.decode()

    assert 'href="/?lead_id=4242"' in body


def test_missing_local_file_is_listed_as_unavailable(page_client, recording_factory, settings, tmp_path):
    settings.RECORDINGS_PATH_MAP = [("http://127.0.0.1/RECORDINGS/", str(tmp_path))]
    recording = recording_factory(location="http://127.0.0.1/RECORDINGS/MP3/purged.wav")

    response = search(page_client, **WHOLE_DAY)

    assert listed_ids(response) == [recording.recording_id]
    assert "Audio not available" in response.content.decode()


@pytest.mark.parametrize("file_name", ["call.gsm", "call.mp3.gpg"])
def test_gsm_and_gpg_rows_offer_download_only(page_client, recording_factory, file_name):
    recording = recording_factory(location=f"http://10.0.0.5/RECORDINGS/{file_name}")

    body = search(page_client, **WHOLE_DAY).content.decode()

    assert "Download only:" in body
    assert f'href="/recordings/{recording.recording_id}/audio?download=1"' in body
    assert 'class="play"' not in body


def test_row_shows_phone_campaign_and_detail_link(page_client, recording_factory, call_factory, agents):
    from recordings.models import Lead

    Lead.objects.create(lead_id=500, list_id=101, phone_number="3125550142")
    call_factory("1764763200.1001", campaign_id="SALESOUT")
    recording = recording_factory(vicidial_id="1764763200.1001")

    body = search(page_client, **WHOLE_DAY).content.decode()

    assert "3125550142" in body
    assert "SALESOUT" in body
    assert f'href="/recordings/{recording.recording_id}/"' in body


def test_user_without_access_recordings_sees_disabled_play(page_client, recording_factory, set_system_settings):
    set_system_settings(log_recording_access="1")
    VicidialUser.objects.filter(user="6666").update(access_recordings="0")
    recording_factory()

    body = search(page_client, **WHOLE_DAY).content.decode()

    assert '<button type="button" class="play" disabled' in body
    assert 'id="play-denied"' in body
    assert "Access Recordings is off" in body


def test_play_allowed_when_access_not_logged(page_client, recording_factory, set_system_settings):
    set_system_settings(log_recording_access="0")
    VicidialUser.objects.filter(user="6666").update(access_recordings="0")
    recording_factory()

    body = search(page_client, **WHOLE_DAY).content.decode()

    assert "disabled" not in body
    assert 'class="play" data-src=' in body


def test_more_filters_start_closed(page_client):
    body = search(page_client, agent="").content.decode()

    assert '<details class="more-filters">' in body


@pytest.mark.parametrize("field, value", [("extension", "8309"), ("min_duration", "10"), ("include_archived", "on")])
def test_more_filters_open_when_one_is_set(page_client, recording_factory, field, value):
    body = search(page_client, **{**WHOLE_DAY, field: value}).content.decode()

    assert '<details class="more-filters" open>' in body


def test_export_link_carries_the_search(page_client, recording_factory):
    recording_factory()

    body = search(page_client, agent="1001").content.decode()

    assert 'href="/recordings/export.csv?agent=1001"' in body


def test_sort_by_agent_descending(page_client, recording_factory):
    first = recording_factory(user="1001")
    second = recording_factory(user="1002")

    response = search(page_client, **WHOLE_DAY, sort="-user")

    assert listed_ids(response) == [second.recording_id, first.recording_id]


def test_sort_by_start_time_ascending(page_client, recording_factory):
    late = recording_factory(start_time=datetime.datetime(2026, 12, 3, 15, 0))
    early = recording_factory(start_time=datetime.datetime(2026, 12, 3, 8, 0))

    response = search(page_client, **WHOLE_DAY, sort="start_time")

    assert listed_ids(response) == [early.recording_id, late.recording_id]
