"""Who may play recordings through the audio endpoint, and the access log rows plays leave."""
from http import HTTPStatus

import pytest
from django.urls import reverse

from recordings.models import RecordingAccess
from tests.audio_fixtures import (  # noqa: F401
    local_recording,
    login_client,
    manager_client,
    proxy_settings,
    recording_access_logged,
    recording_factory,
    recording_server,
    recordings_dir,
    server_factory,
    vicidial_user_factory,
)


def audio_url(recording):
    return reverse("recording_audio", args=[recording.recording_id])


def play(client, recording, **headers):
    response = client.get(audio_url(recording), **headers)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def access_rows():
    return list(RecordingAccess.objects.order_by("recording_access_log_id").values())


def test_anonymous_redirected_to_login(client, local_recording, settings):
    settings.LOGIN_URL = "/accounts/login/"
    recording = local_recording()

    response = client.get(audio_url(recording))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"/accounts/login/?next={audio_url(recording)}"


@pytest.mark.parametrize(
    "options",
    [{"user_level": 6}, {"view_reports": "0"}, {"active": "N"}],
    ids=["level-6", "no-reports", "inactive"],
)
def test_user_who_lost_permission_gets_403(login_client, local_recording, options):
    client = login_client("demoted", **options)

    response = play(client, local_recording())

    assert response.status_code == HTTPStatus.FORBIDDEN


def test_django_user_without_vicidial_row_gets_403(client, local_recording, settings, django_user_model):
    settings.AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
    client.force_login(django_user_model.objects.create(username="ghost"))

    response = play(client, local_recording())

    assert response.status_code == HTTPStatus.FORBIDDEN


def test_access_recordings_off_ignored_without_logging(login_client, local_recording):
    client = login_client("nolisten", access_recordings="0")

    response = play(client, local_recording())

    assert response.status_code == HTTPStatus.OK


def test_access_recordings_off_refused_when_logging(login_client, local_recording, recording_access_logged):
    client = login_client("nolisten", access_recordings="0")
    recording = local_recording()

    response = play(client, recording)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert [row["access_result"] for row in access_rows()] == ["INVALID PERMISSIONS"]


def test_no_rows_when_logging_off(manager_client, local_recording):
    play(manager_client, local_recording())

    assert access_rows() == []


def test_play_writes_one_accessed_row(manager_client, local_recording, recording_access_logged, vicidial_vendor):
    recording = local_recording()

    play(manager_client, recording, REMOTE_ADDR="192.168.100.200")

    rows = access_rows()
    assert len(rows) == 1
    assert rows[0]["recording_id"] == recording.recording_id
    assert rows[0]["lead_id"] == 1001
    assert rows[0]["user"] == "manager"
    assert rows[0]["access_result"] == "ACCESSED"
    assert rows[0]["ip"] == "192.168.100.200"
    assert rows[0]["access_datetime"] is not None


def test_browser_range_sequence_writes_one_row(manager_client, local_recording, recording_access_logged):
    recording = local_recording()

    # Safari probes with bytes=0-1, then plays from 0 and seeks; Chrome seeks with open ranges.
    for range_header in ["bytes=0-1", "bytes=0-2559", "bytes=1000-", "bytes=2000-2100", "bytes=-100"]:
        play(manager_client, recording, HTTP_RANGE=range_header)
    manager_client.head(audio_url(recording))

    assert len(access_rows()) == 1


def test_each_new_play_writes_a_row(manager_client, local_recording, recording_access_logged):
    recording = local_recording()

    play(manager_client, recording, HTTP_RANGE="bytes=0-")
    play(manager_client, recording)

    assert len(access_rows()) == 2


@pytest.mark.parametrize("location", ["", None])
def test_empty_location_logged_as_no_recording(manager_client, recording_factory, recordings_dir, recording_access_logged, location):
    play(manager_client, recording_factory(location))

    assert [row["access_result"] for row in access_rows()] == ["NO RECORDING"]


def test_missing_file_logged_as_unavailable(manager_client, recording_factory, recordings_dir, recording_access_logged):
    play(manager_client, recording_factory("http://127.0.0.1/RECORDINGS/MP3/purged.mp3"))

    assert [row["access_result"] for row in access_rows()] == ["RECORDING UNAVAILABLE"]


def test_unknown_recording_logged_as_no_recording(manager_client, recording_access_logged):
    manager_client.get(reverse("recording_audio", args=[424242]))

    rows = access_rows()
    assert [row["access_result"] for row in rows] == ["NO RECORDING"]
    assert rows[0]["recording_id"] == 424242
    assert rows[0]["lead_id"] is None


def test_lost_permission_logged_as_invalid_user(login_client, local_recording, recording_access_logged):
    client = login_client("demoted", user_level=5)

    play(client, local_recording())

    assert [row["access_result"] for row in access_rows()] == ["INVALID USER"]


def test_logged_ip_cut_to_column(manager_client, local_recording, recording_access_logged):
    play(manager_client, local_recording(), REMOTE_ADDR="2001:db8:85a3:0:0:8a2e:370:7334")

    assert access_rows()[0]["ip"] == "2001:db8:85a3:0"


def test_logged_ip_from_trusted_proxy(manager_client, local_recording, recording_access_logged, settings):
    settings.TRUSTED_PROXIES = ["10.1.1.1"]

    play(manager_client, local_recording(), REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.168.5.5")

    assert access_rows()[0]["ip"] == "192.168.5.5"


@pytest.mark.mariadb_only
def test_access_time_is_database_clock(manager_client, local_recording, recording_access_logged):
    from django.db import connections

    from recordings.clock import database_now

    before = database_now(connections["vicidial"])
    play(manager_client, local_recording())
    after = database_now(connections["vicidial"])

    assert before <= access_rows()[0]["access_datetime"] <= after


@pytest.fixture
def proxied_recording(recording_server, server_factory, recording_factory, proxy_settings):
    server_factory("127.0.0.1")

    def create(path="/RECORDINGS/x-all.mp3", stored=True):
        if stored:
            recording_server.files[path] = b"\x00" * 1000
        return recording_factory(f"http://127.0.0.1:{recording_server.port}{path}")

    return create


def test_proxied_play_logged_as_accessed(manager_client, proxied_recording, recording_access_logged):
    recording = proxied_recording()

    play(manager_client, recording, HTTP_RANGE="bytes=0-")
    play(manager_client, recording, HTTP_RANGE="bytes=500-")

    assert [row["access_result"] for row in access_rows()] == ["ACCESSED"]


@pytest.mark.parametrize("path, stored", [("/RECORDINGS/purged.mp3", False), ("/hang/x.mp3", True)])
def test_proxy_failure_logged_as_unavailable(manager_client, proxied_recording, recording_access_logged, path, stored):
    play(manager_client, proxied_recording(path, stored))

    assert [row["access_result"] for row in access_rows()] == ["RECORDING UNAVAILABLE"]
