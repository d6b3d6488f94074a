"""The recording detail page: recording_log columns, the call, the lead, a player and the access history."""
import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse

from recordings.models import RecordingAccess, VicidialUser
from recordings.recording_detail import ACCESS_HISTORY_LIMIT
from tests.page_fixtures import (  # noqa: F401
    archived_recording_factory,
    lead_factory,
    page_client,
    recording_factory,
)


def detail(client, recording_id):
    return client.get(reverse("recording_detail", args=[recording_id]))


@pytest.fixture
def outbound_recording(recording_factory, lead_factory, call_factory):
    VicidialUser.objects.create(user_id=2, user="1001", full_name="Maria Alvarez", user_level=1)
    lead_factory(500, "3125550100", first_name="Ana", last_name="Costa")
    call_factory(
        "1764763200.1", campaign_id="SALESOUT", status="SALE", phone_number="3125550100",
        call_date=datetime.datetime(2026, 12, 3, 11, 59, 50), length_in_sec=125, user="1001",
    )
    return recording_factory(vicidial_id="1764763200.1", channel="Local/58600051@default", server_ip="10.0.0.5")


def test_detail_shows_every_recording_column(page_client, outbound_recording):
    body = detail(page_client, outbound_recording.recording_id).content.decode()

    for column in ("recording_id", "channel", "server_ip", "extension", "start_time", "start_epoch", "end_time",
                   "end_epoch", "length_in_sec", "length_in_min", "filename", "location", "lead_id", "user", "vicidial_id"):
        assert f"<dt>{column}</dt>" in body
    assert "Local/58600051@default" in body


def test_detail_shows_outbound_call(page_client, outbound_recording):
    body = detail(page_client, outbound_recording.recording_id).content.decode()

    assert "<dd>Outbound</dd>" in body
    assert "<dd>SALESOUT</dd>" in body
    assert "<dd>SALE</dd>" in body
    assert "<dd>2026-12-03 11:59:50</dd>" in body
    assert "<dd>0:02:05</dd>" in body


def test_detail_shows_inbound_call(page_client, recording_factory, call_factory):
    call_factory("1764763300.5", inbound=True, closecallid=77, campaign_id="SUPPORT", status="A")
    recording = recording_factory(vicidial_id="77")

    body = detail(page_client, recording.recording_id).content.decode()

    assert "<dd>Inbound</dd>" in body
    assert "<dd>SUPPORT</dd>" in body


def test_detail_without_call_says_so(page_client, recording_factory):
    recording = recording_factory(vicidial_id="99999999999999999999")

    body = detail(page_client, recording.recording_id).content.decode()

    assert "No call in vicidial_log or vicidial_closer_log" in body


def test_detail_shows_lead_name_and_phone(page_client, outbound_recording):
    body = detail(page_client, outbound_recording.recording_id).content.decode()

    assert "<dd>Ana Costa</dd>" in body
    assert "<dd>3125550100</dd>" in body


def test_detail_has_player_and_play_button(page_client, outbound_recording):
    body = detail(page_client, outbound_recording.recording_id).content.decode()

    assert 'id="player"' in body
    assert f'data-src="/recordings/{outbound_recording.recording_id}/audio"' in body
    assert 'data-agent="1001 – Maria Alvarez"' in body


def test_detail_access_history_newest_first(page_client, outbound_recording):
    for day, user in ((1, "older"), (2, "newer")):
        RecordingAccess.objects.create(
            recording_access_log_id=day, recording_id=outbound_recording.recording_id, user=user,
            access_datetime=datetime.datetime(2026, 12, day, 10, 0), access_result="ACCESSED", ip="10.1.1.1",
        )
    RecordingAccess.objects.create(
        recording_access_log_id=3, recording_id=outbound_recording.recording_id + 1, user="other",
        access_datetime=datetime.datetime(2026, 12, 3, 10, 0), access_result="ACCESSED", ip="10.1.1.1",
    )

    body = detail(page_client, outbound_recording.recording_id).content.decode()

    assert body.index("<td>newer</td>") < body.index("<td>older</td>")
    assert "<td>2026-12-02 10:00:00</td>" in body
    assert "<td>other</td>" not in body


def test_detail_access_history_is_limited(page_client, outbound_recording):
    RecordingAccess.objects.bulk_create([
        RecordingAccess(
            recording_access_log_id=number + 1, recording_id=outbound_recording.recording_id, user=f"u{number}",
            access_datetime=datetime.datetime(2026, 12, 1) + datetime.timedelta(minutes=number), access_result="ACCESSED",
        )
        for number in range(ACCESS_HISTORY_LIMIT + 5)
    ])

    body = detail(page_client, outbound_recording.recording_id).content.decode()

    assert body.count("<td>ACCESSED</td>") == ACCESS_HISTORY_LIMIT
    assert f"The newest {ACCESS_HISTORY_LIMIT} accesses are shown." in body
    assert "<td>u0</td>" not in body


def test_detail_of_archived_recording(page_client, archived_recording_factory):
    archived_recording_factory(901)

    response = detail(page_client, 901)

    assert response.status_code == HTTPStatus.OK
    assert '<span class="badge">archived</span>' in response.content.decode()


def test_detail_without_audio_says_not_available(page_client, recording_factory):
    recording = recording_factory(location=None)

    body = detail(page_client, recording.recording_id).content.decode()

    assert "Audio not available" in body
    assert 'class="play"' not in body


@pytest.mark.parametrize("recording_id", [12345, 4294967296, 99999999999999999999])
def test_detail_of_unknown_recording_is_404(page_client, recording_id):
    assert detail(page_client, recording_id).status_code == HTTPStatus.NOT_FOUND


def test_detail_requires_login(client, recording_factory):
    recording = recording_factory()

    assert detail(client, recording.recording_id).status_code == HTTPStatus.FOUND


def test_table_links_start_time_to_detail(page_client, outbound_recording):
    body = page_client.get(reverse("search"), {"agent": "1001"}).content.decode()

    assert f'<a href="/recordings/{outbound_recording.recording_id}/" title="Details and access history">2026-12-03 12:00:00</a>' in body


def test_detail_play_disabled_without_access_recordings(page_client, recording_factory, set_system_settings):
    set_system_settings(log_recording_access="1")
    VicidialUser.objects.filter(user="6666").update(access_recordings="0")
    recording = recording_factory()

    body = detail(page_client, recording.recording_id).content.decode()

    assert '<button type="button" class="play" disabled' in body
    assert 'id="play-denied"' in body
