"""A manager sees only recordings of agents in the groups their group may view: page, CSV, detail and audio."""
import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from recordings.models import UserGroup
from tests.api_client import lookup

from tests.page_fixtures import (  # noqa: F401
    DAY,
    recording_factory,
    scoped_client_factory,
    team_agents,
)

WHOLE_DAY = {"date_from": DAY.isoformat(), "date_to": DAY.isoformat()}
LOCAL_PREFIX = "http://127.0.0.1/RECORDINGS/"


def listed_ids(response):
    return [int(value) for value in re.findall(r'data-recording-id="(\d+)"', response.content.decode())]


@pytest.fixture
def recordings(recording_factory, team_agents, settings, tmp_path):
    """A playable local recording of 1001 (TEAM_A) and one of 2001 (TEAM_B)."""
    settings.RECORDINGS_PATH_MAP = [(LOCAL_PREFIX, str(tmp_path))]
    for name in ("a.wav", "b.wav"):
        (tmp_path / name).write_bytes(b"RIFF0000WAVE")
    team_a = recording_factory(user="1001", location=f"{LOCAL_PREFIX}a.wav")
    team_b = recording_factory(user="2001", location=f"{LOCAL_PREFIX}b.wav")
    return team_a, team_b


@pytest.fixture
def team_a_manager(scoped_client_factory):
    return scoped_client_factory("lead_a", "SUP_A", " TEAM_A ")


def test_page_lists_only_viewable_agents_recordings(team_a_manager, recordings):
    team_a, _ = recordings

    response = team_a_manager.get(reverse("search"), WHOLE_DAY)

    assert listed_ids(response) == [team_a.recording_id]


def test_agent_choices_leave_out_other_groups(team_a_manager, recordings):
    body = team_a_manager.get(reverse("search")).content.decode()

    assert 'value="1001"' in body
    assert 'value="2001"' not in body


def test_agent_of_other_group_is_an_invalid_choice(team_a_manager, recordings):
    response = team_a_manager.get(reverse("search"), {"agent": "2001"})

    assert 'id="id_agent_error"' in response.content.decode()
    assert listed_ids(response) == []


def test_all_groups_entry_sees_every_agent(scoped_client_factory, recordings):
    client = scoped_client_factory("boss", "BOSSES", " ---ALL--- ")

    response = client.get(reverse("search"), WHOLE_DAY)

    assert sorted(listed_ids(response)) == sorted(recording.recording_id for recording in recordings)


def test_group_without_viewable_groups_sees_nothing(scoped_client_factory, recordings):
    client = scoped_client_factory("nobody", "NOVIEW", "")

    response = client.get(reverse("search"), WHOLE_DAY)

    assert listed_ids(response) == []


def test_csv_export_keeps_to_the_scope(team_a_manager, recordings):
    response = team_a_manager.get(reverse("export"), WHOLE_DAY)
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()

    assert len(lines) == 2
    assert ",1001," in lines[1]


def test_detail_of_viewable_recording_opens(team_a_manager, recordings):
    team_a, _ = recordings

    response = team_a_manager.get(reverse("recording_detail", args=[team_a.recording_id]))

    assert response.status_code == HTTPStatus.OK


def test_detail_outside_scope_is_404(team_a_manager, recordings):
    _, team_b = recordings

    response = team_a_manager.get(reverse("recording_detail", args=[team_b.recording_id]))

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_audio_of_viewable_recording_plays(team_a_manager, recordings):
    team_a, _ = recordings

    response = team_a_manager.get(reverse("recording_audio", args=[team_a.recording_id]))

    assert response.status_code == HTTPStatus.OK


def test_audio_outside_scope_is_404(team_a_manager, recordings):
    _, team_b = recordings

    response = team_a_manager.get(reverse("recording_audio", args=[team_b.recording_id]))

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_legacy_api_ignores_page_scope(api_user, recording_factory):
    # 6666's group may view no group, so the page would show nothing; the API keeps VICIdial's rules.
    UserGroup.objects.create(user_group="ADMIN", group_name="Administrators", admin_viewable_groups="")
    recording = recording_factory(user="1001")

    body = lookup(f"agent_user=1001&date={DAY.isoformat()}").body

    assert body == f"2026-12-03 12:00:00|1001|{recording.recording_id}|500|http://10.0.0.5/RECORDINGS/MP3/a.mp3\n"
