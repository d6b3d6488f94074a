"""The search page: login required, the filter form, the result table and its paginator."""
import datetime
import re
from http import HTTPStatus

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recordings.models import Recording, VicidialUser
from recordings.views import RESULTS_PER_PAGE

DAY = datetime.date(2026, 12, 3)


@pytest.fixture
def recording_factory(recording_factory):
    """Extend conftest's factory with a day, agent and VICIdial filename of the page's tests."""

    def create(user="1001", start_time=datetime.datetime(2026, 12, 3, 10, 0), lead_id=500, **fields):
        fields.setdefault("length_in_sec", 95)
        fields.setdefault("filename", f"{start_time:%Y%m%d-%H%M%S}_5555550100_{user}")
        return recording_factory(user=user, start_time=start_time, lead_id=lead_id, **fields)

    return create


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


def test_first_visit_shows_form_without_results(logged_in_client, recording_factory):
    recording_factory()

    response = search(logged_in_client)

    assert response.status_code == HTTPStatus.OK
    assert listed_ids(response) == []
    assert 'name="agent"' in response.content.decode()


def test_agent_and_day_filter(logged_in_client, recording_factory, agents):
    wanted = recording_factory(user="1001", start_time=datetime.datetime(2026, 12, 3, 9, 30))
    last_second = recording_factory(user="1001", start_time=datetime.datetime(2026, 12, 3, 23, 59, 59))
    recording_factory(user="1001", start_time=datetime.datetime(2026, 12, 4, 0, 0, 0))
    recording_factory(user="1001", start_time=datetime.datetime(2026, 12, 2, 23, 59, 59))
    recording_factory(user="1002", start_time=datetime.datetime(2026, 12, 3, 9, 30))

    response = search(logged_in_client, agent="1001", day=DAY.isoformat())

    assert response.status_code == HTTPStatus.OK
    assert listed_ids(response) == [last_second.recording_id, wanted.recording_id]


def test_results_show_agent_full_name_and_duration(logged_in_client, recording_factory, agents):
    recording_factory(user="1001", length_in_sec=3725)

    body = search(logged_in_client, agent="1001").content.decode()

    assert "Maria Alvarez" in body
    assert "1:02:05" in body


def test_agent_choices_list_agents_with_recordings(logged_in_client, recording_factory, agents):
    recording_factory(user="1002")

    body = search(logged_in_client).content.decode()

    assert '<option value="1002">1002 – James Okafor</option>' in body
    assert 'value="1001"' not in body


def test_lead_id_filter_spans_agents(logged_in_client, recording_factory):
    first = recording_factory(user="1001", lead_id=77, start_time=datetime.datetime(2026, 11, 20, 8, 0))
    second = recording_factory(user="1002", lead_id=77, start_time=datetime.datetime(2026, 12, 1, 8, 0))
    recording_factory(user="1001", lead_id=78)

    response = search(logged_in_client, lead_id="77")

    assert listed_ids(response) == [second.recording_id, first.recording_id]


def test_date_range_includes_both_end_days(logged_in_client, recording_factory):
    inside = [
        recording_factory(start_time=datetime.datetime(2026, 12, 1, 0, 0, 0)),
        recording_factory(start_time=datetime.datetime(2026, 12, 2, 23, 59, 59)),
    ]
    recording_factory(start_time=datetime.datetime(2026, 11, 30, 23, 59, 59))
    recording_factory(start_time=datetime.datetime(2026, 12, 3, 0, 0, 0))

    response = search(logged_in_client, date_from="2026-12-01", date_to="2026-12-02")

    assert listed_ids(response) == [recording.recording_id for recording in reversed(inside)]


@pytest.mark.parametrize(
    "params, field",
    [
        ({"day": "2026-13-01"}, "day"),
        ({"day": "yesterday"}, "day"),
        ({"lead_id": "abc"}, "lead_id"),
        ({"lead_id": "-4"}, "lead_id"),
        ({"lead_id": "99999999999999999999"}, "lead_id"),
        ({"agent": "no-such-agent"}, "agent"),
        ({"date_from": "2026-12-05", "date_to": "2026-12-01"}, "date_to"),
        ({"day": "2026-12-01", "date_from": "2026-12-01"}, "day"),
    ],
)
def test_invalid_input_shows_error_next_to_field(logged_in_client, recording_factory, params, field):
    recording_factory()

    response = search(logged_in_client, **params)

    assert response.status_code == HTTPStatus.OK
    assert f'id="id_{field}_error"' in response.content.decode()
    assert listed_ids(response) == []


def test_empty_search_asks_for_a_criterion(logged_in_client, recording_factory):
    recording_factory()

    response = search(logged_in_client, agent="", day="", lead_id="")

    assert response.status_code == HTTPStatus.OK
    assert "Choose an agent, a day or a lead ID to search." in response.content.decode()
    assert listed_ids(response) == []


def test_results_newest_first_ties_by_id(logged_in_client, recording_factory):
    same_time = datetime.datetime(2026, 12, 3, 12, 0)
    oldest = recording_factory(start_time=datetime.datetime(2026, 12, 3, 8, 0))
    tie_low = recording_factory(start_time=same_time)
    tie_high = recording_factory(start_time=same_time)
    newest = recording_factory(start_time=datetime.datetime(2026, 12, 3, 17, 0))

    response = search(logged_in_client, day=DAY.isoformat())

    assert listed_ids(response) == [newest.recording_id, tie_high.recording_id, tie_low.recording_id, oldest.recording_id]


def test_sort_by_duration_ascending(logged_in_client, recording_factory):
    long_call = recording_factory(length_in_sec=600)
    short_call = recording_factory(length_in_sec=30)

    response = search(logged_in_client, day=DAY.isoformat(), sort="length_in_sec")

    assert listed_ids(response) == [short_call.recording_id, long_call.recording_id]


def test_bad_sort_and_page_ignored(logged_in_client, recording_factory):
    recording = recording_factory()

    response = search(logged_in_client, day=DAY.isoformat(), sort="password", page="x")

    assert response.status_code == HTTPStatus.OK
    assert listed_ids(response) == [recording.recording_id]


def test_pages_run_without_counting_recordings(logged_in_client, recording_factory):
    for minute in range(RESULTS_PER_PAGE + 5):
        recording_factory(start_time=datetime.datetime(2026, 12, 3, 10, minute))

    with CaptureQueriesContext(connections["vicidial"]) as queries:
        response = search(logged_in_client, day=DAY.isoformat())

    counts = [query["sql"] for query in queries.captured_queries if "COUNT(" in query["sql"].upper()]
    assert counts == []
    assert len(listed_ids(response)) == RESULTS_PER_PAGE
    assert "More results" in response.content.decode()


def test_second_page_holds_the_rest(logged_in_client, recording_factory):
    recordings = [recording_factory(start_time=datetime.datetime(2026, 12, 3, 10, minute)) for minute in range(RESULTS_PER_PAGE + 5)]

    response = search(logged_in_client, day=DAY.isoformat(), page="2")

    assert listed_ids(response) == [recording.recording_id for recording in reversed(recordings[:5])]
    assert "More results" not in response.content.decode()


def test_play_button_points_at_audio_url(logged_in_client, recording_factory):
    recording = recording_factory()

    body = search(logged_in_client, day=DAY.isoformat()).content.decode()

    assert f'data-src="{reverse("recording_audio", kwargs={"recording_id": recording.recording_id})}"' in body


def test_recording_without_location_has_no_play_button(logged_in_client, recording_factory):
    recording_factory(location="")

    body = search(logged_in_client, day=DAY.isoformat()).content.decode()

    assert 'class="play"' not in body
    assert "No audio" in body


def test_agent_name_is_escaped(logged_in_client, recording_factory):
    VicidialUser.objects.create(user_id=9, user="1009", full_name="<script>x</script>", user_level=1)
    recording_factory(user="1009")

    body = search(logged_in_client, agent="1009").content.decode()

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
        {"day": "0001-01-01"},
        {"day": "9999-12-31"},
        {"agent": "x" * 5000},
    ],
)
def test_odd_query_strings_never_fail(logged_in_client, recording_factory, params):
    recording_factory()

    response = search(logged_in_client, **{"day": DAY.isoformat(), **params})

    assert response.status_code == HTTPStatus.OK


def test_per_page_is_capped(logged_in_client, recording_factory):
    for second in range(15):
        recording_factory(start_time=datetime.datetime(2026, 12, 3, 10, 0, second))

    response = search(logged_in_client, day=DAY.isoformat(), per_page="1")

    assert len(listed_ids(response)) == 10


def test_sorted_column_announces_its_order(logged_in_client, recording_factory):
    recording_factory()

    body = search(logged_in_client, day=DAY.isoformat()).content.decode()

    assert 'aria-sort="descending"' in body


def test_lead_id_links_to_lead_search(logged_in_client, recording_factory):
    recording_factory(lead_id=4242)

    body = search(logged_in_client, day=DAY.isoformat()).content.decode()

    assert 'href="/?lead_id=4242"' in body
