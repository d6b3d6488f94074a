"""Every play and download leaves its vicidial_recording_access_log row when access logging is on."""
import pytest
from django.urls import reverse

from recordings.models import RecordingAccess
from tests.audio_fixtures import (  # noqa: F401
    local_recording,
    login_client,
    manager_client,
    recording_access_logged,
    recording_factory,
    recordings_dir,
    vicidial_user_factory,
)


def access_results():
    return list(RecordingAccess.objects.order_by("recording_access_log_id").values_list("access_result", flat=True))


def download(client, recording_id):
    response = client.get(reverse("recording_audio", args=[recording_id]), {"download": "1"})
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def test_download_writes_accessed_row(manager_client, local_recording, recording_access_logged):
    download(manager_client, local_recording().recording_id)

    assert access_results() == ["ACCESSED"]


def test_refused_download_writes_invalid_permissions(login_client, local_recording, recording_access_logged):
    client = login_client("nolisten", access_recordings="0")

    download(client, local_recording().recording_id)

    assert access_results() == ["INVALID PERMISSIONS"]


def test_download_of_missing_recording_writes_no_recording(manager_client, recording_access_logged):
    download(manager_client, 424242)

    assert access_results() == ["NO RECORDING"]


@pytest.mark.parametrize("range_header", ["bytes=0-", "bytes=0-1023"])
def test_play_from_start_writes_row(manager_client, local_recording, recording_access_logged, range_header):
    manager_client.get(reverse("recording_audio", args=[local_recording().recording_id]), HTTP_RANGE=range_header)

    assert access_results() == ["ACCESSED"]
