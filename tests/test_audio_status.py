"""audio_status and audio_format: what the search page shows for a row, without network requests."""
import pytest

from recordings.audio import AudioStatus, audio_format, audio_status
from recordings.models import Recording
from tests.audio_fixtures import LOCAL_PREFIX, local_recording, recording_factory, recordings_dir  # noqa: F401


def status_of(location):
    return audio_status(Recording(recording_id=1, location=location))


def test_local_file_available(local_recording):
    assert audio_status(local_recording()).state == AudioStatus.AVAILABLE


def test_local_file_missing(recordings_dir):
    assert status_of(LOCAL_PREFIX + "MP3/purged-all.mp3").state == AudioStatus.MISSING


@pytest.mark.parametrize("location", [None, "", "  "])
def test_empty_location_missing(recordings_dir, location):
    status = status_of(location)

    assert status.state == AudioStatus.MISSING
    assert str(status.reason) == "No audio file was recorded."


def test_remote_file_unknown(recordings_dir):
    status = status_of("http://10.0.0.5/RECORDINGS/MP3/x-all.mp3")

    assert status.state == AudioStatus.UNKNOWN
    assert status.playable


@pytest.mark.parametrize("location", ["ftp://10.0.0.5/x.mp3", "http://a@10.0.0.5/x.mp3", "http://10.0.0.5/"])
def test_unusable_remote_location_missing(recordings_dir, location):
    assert status_of(location).state == AudioStatus.MISSING


@pytest.mark.parametrize("name", ["x.gsm", "x.mp3.gpg"])
def test_download_only_with_reason(local_recording, name):
    status = audio_status(local_recording(name=name))

    assert status.state == AudioStatus.DOWNLOAD_ONLY
    assert not status.playable
    assert str(status.reason) != ""


def test_remote_gsm_download_only(recordings_dir):
    assert status_of("http://10.0.0.5/RECORDINGS/x.gsm").state == AudioStatus.DOWNLOAD_ONLY


def test_status_makes_no_database_query(recordings_dir, django_assert_num_queries):
    with django_assert_num_queries(0):
        status_of("http://10.0.0.5/RECORDINGS/MP3/x-all.mp3")


@pytest.mark.parametrize(
    "name, content_type, playable",
    [
        ("a.mp3", "audio/mpeg", True),
        ("a.MP3", "audio/mpeg", True),
        ("a.wav", "audio/wav", True),
        ("a.ogg", "audio/ogg", True),
        ("a.gsm", "audio/x-gsm", False),
        ("a.wav.gpg", "application/pgp-encrypted", False),
        ("a", "application/octet-stream", False),
    ],
)
def test_audio_format_by_extension(name, content_type, playable):
    file_format = audio_format(name)

    assert file_format.content_type == content_type
    assert file_format.playable is playable
