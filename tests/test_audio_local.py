"""The audio endpoint serving files from a RECORDINGS_PATH_MAP directory."""
import os
from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.audio_fixtures import (  # noqa: F401
    AUDIO_BYTES,
    LOCAL_PREFIX,
    local_recording,
    login_client,
    manager_client,
    recording_factory,
    recordings_dir,
    vicidial_user_factory,
)


def audio_url(recording, **query):
    url = reverse("recording_audio", args=[recording.recording_id])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def test_whole_file_served(manager_client, local_recording):
    response = manager_client.get(audio_url(local_recording()))

    assert response.status_code == HTTPStatus.OK
    assert body(response) == AUDIO_BYTES
    assert response["Content-Length"] == str(len(AUDIO_BYTES))
    assert response["Content-Type"] == "audio/mpeg"
    assert response["Accept-Ranges"] == "bytes"
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"].endswith("GMT")
    assert response["Content-Disposition"].startswith("inline; ")


def test_response_is_streamed(manager_client, local_recording):
    response = manager_client.get(audio_url(local_recording()))

    assert response.streaming
    body(response)


@pytest.mark.parametrize(
    "range_header, start, end",
    [
        ("bytes=100-199", 100, 199),
        ("bytes=0-1", 0, 1),
        ("bytes=2500-", 2500, 2559),
        ("bytes=-60", 2500, 2559),
        ("bytes=-99999", 0, 2559),
        ("bytes=2000-999999", 2000, 2559),
        ("BYTES = 5 - 9", 5, 9),
    ],
)
def test_single_range_gets_206(manager_client, local_recording, range_header, start, end):
    response = manager_client.get(audio_url(local_recording()), HTTP_RANGE=range_header)

    assert response.status_code == HTTPStatus.PARTIAL_CONTENT
    assert body(response) == AUDIO_BYTES[start : end + 1]
    assert response["Content-Range"] == f"bytes {start}-{end}/{len(AUDIO_BYTES)}"
    assert response["Content-Length"] == str(end - start + 1)


@pytest.mark.parametrize("range_header", ["bytes=2560-", "bytes=9999-10000", "bytes=-0"])
def test_unsatisfiable_range_gets_416(manager_client, local_recording, range_header):
    response = manager_client.get(audio_url(local_recording()), HTTP_RANGE=range_header)

    assert response.status_code == HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE
    assert response["Content-Range"] == f"bytes */{len(AUDIO_BYTES)}"


@pytest.mark.parametrize(
    "range_header",
    ["bytes=", "bytes=-", "bytes=abc", "bytes=9-5", "items=0-5", "bytes=0-1,5-9", "bytes=" + "9" * 40 + "-"],
)
def test_malformed_or_multiple_range_gets_whole_file(manager_client, local_recording, range_header):
    response = manager_client.get(audio_url(local_recording()), HTTP_RANGE=range_header)

    assert response.status_code == HTTPStatus.OK
    assert body(response) == AUDIO_BYTES


def test_if_range_with_current_etag_keeps_range(manager_client, local_recording):
    recording = local_recording()
    etag = manager_client.head(audio_url(recording))["ETag"]

    response = manager_client.get(audio_url(recording), HTTP_RANGE="bytes=10-19", HTTP_IF_RANGE=etag)

    assert response.status_code == HTTPStatus.PARTIAL_CONTENT
    assert body(response) == AUDIO_BYTES[10:20]


def test_if_range_with_current_date_keeps_range(manager_client, local_recording):
    recording = local_recording()
    last_modified = manager_client.head(audio_url(recording))["Last-Modified"]

    response = manager_client.get(audio_url(recording), HTTP_RANGE="bytes=10-19", HTTP_IF_RANGE=last_modified)

    assert response.status_code == HTTPStatus.PARTIAL_CONTENT


@pytest.mark.parametrize("if_range", ['"stale"', 'W/"weak"', "Mon, 01 Jan 2001 00:00:00 GMT", "not a date"])
def test_if_range_mismatch_gets_whole_file(manager_client, local_recording, if_range):
    response = manager_client.get(audio_url(local_recording()), HTTP_RANGE="bytes=10-19", HTTP_IF_RANGE=if_range)

    assert response.status_code == HTTPStatus.OK
    assert body(response) == AUDIO_BYTES


def test_head_sends_headers_without_body(manager_client, local_recording):
    response = manager_client.head(audio_url(local_recording()))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Length"] == str(len(AUDIO_BYTES))
    assert body(response) == b""


def test_head_with_range_gets_206_headers(manager_client, local_recording):
    response = manager_client.head(audio_url(local_recording()), HTTP_RANGE="bytes=0-1")

    assert response.status_code == HTTPStatus.PARTIAL_CONTENT
    assert response["Content-Range"] == f"bytes 0-1/{len(AUDIO_BYTES)}"


def test_if_none_match_gets_304(manager_client, local_recording):
    recording = local_recording()
    etag = manager_client.head(audio_url(recording))["ETag"]

    response = manager_client.get(audio_url(recording), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == HTTPStatus.NOT_MODIFIED
    assert response["ETag"] == etag


def test_post_not_allowed(manager_client, local_recording):
    response = manager_client.post(audio_url(local_recording()))

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_download_gets_attachment_with_file_name(manager_client, local_recording):
    recording = local_recording(name="20240301-090000_5551230000_1000-all.mp3")

    response = manager_client.get(audio_url(recording, download=1))

    assert response["Content-Disposition"] == (
        'attachment; filename="20240301-090000_5551230000_1000-all.mp3"; '
        "filename*=UTF-8''20240301-090000_5551230000_1000-all.mp3"
    )


def test_download_name_with_odd_characters_is_quoted(manager_client, local_recording):
    recording = local_recording(name='call #1, 50% "ok" é.mp3', location=f'{LOCAL_PREFIX}MP3/call #1, 50% "ok" é.mp3')

    response = manager_client.get(audio_url(recording, download=1))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Disposition"] == (
        "attachment; filename=\"call #1, 50% _ok_ _.mp3\"; "
        "filename*=UTF-8''call%20%231%2C%2050%25%20%22ok%22%20%C3%A9.mp3"
    )


def test_percent_encoded_location_finds_file(manager_client, local_recording):
    recording = local_recording(name="call 1.wav", location=f"{LOCAL_PREFIX}MP3/call%201.wav")

    response = manager_client.get(audio_url(recording))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "audio/wav"


def test_literal_percent_in_file_name_found(manager_client, local_recording):
    recording = local_recording(name="a%20b.mp3", location=f"{LOCAL_PREFIX}MP3/a%20b.mp3")

    response = manager_client.get(audio_url(recording))

    assert response.status_code == HTTPStatus.OK


@pytest.mark.parametrize(
    "name, content_type",
    [("x.ogg", "audio/ogg"), ("x.WAV", "audio/wav"), ("x.gsm", "audio/x-gsm"), ("x.mp3.gpg", "application/pgp-encrypted")],
)
def test_content_type_by_extension(manager_client, local_recording, name, content_type):
    response = manager_client.get(audio_url(local_recording(name=name)))

    assert response["Content-Type"] == content_type


@pytest.mark.parametrize("name", ["x.gsm", "x.mp3.gpg", "x.bin"])
def test_download_only_formats_sent_as_attachment(manager_client, local_recording, name):
    response = manager_client.get(audio_url(local_recording(name=name)))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Disposition"].startswith("attachment; ")


@pytest.mark.parametrize(
    "rest",
    [
        "../secret.mp3",
        "MP3/../../secret.mp3",
        "%2e%2e/secret.mp3",
        "MP3%2F..%2F..%2Fsecret.mp3",
        "/etc/passwd",
        "%2Fetc%2Fpasswd",
        "MP3/x.mp3%00.wav",
        "./MP3/x.mp3",
        "",
    ],
)
def test_path_outside_directory_rejected(manager_client, recordings_dir, recording_factory, rest):
    (recordings_dir.parent / "secret.mp3").write_bytes(b"secret")
    (recordings_dir / "MP3").mkdir()
    (recordings_dir / "MP3" / "x.mp3").write_bytes(b"x")
    recording = recording_factory(LOCAL_PREFIX + rest)

    response = manager_client.get(audio_url(recording))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert b"secret" not in body(response)


def test_symlink_leading_out_rejected(manager_client, recordings_dir, recording_factory):
    (recordings_dir.parent / "secret.mp3").write_bytes(b"secret")
    os.symlink(recordings_dir.parent / "secret.mp3", recordings_dir / "link.mp3")
    recording = recording_factory(LOCAL_PREFIX + "link.mp3")

    response = manager_client.get(audio_url(recording))

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_symlink_inside_directory_served(manager_client, local_recording, recordings_dir, recording_factory):
    local_recording(name="real.mp3")
    os.symlink(recordings_dir / "MP3" / "real.mp3", recordings_dir / "alias.mp3")
    recording = recording_factory(LOCAL_PREFIX + "alias.mp3")

    response = manager_client.get(audio_url(recording))

    assert response.status_code == HTTPStatus.OK


def test_prefix_must_end_at_segment(manager_client, recordings_dir, recording_factory, settings):
    settings.RECORDINGS_PATH_MAP = [("http://127.0.0.1/REC", str(recordings_dir))]
    (recordings_dir / "x.mp3").write_bytes(b"x")
    recording = recording_factory("http://127.0.0.1/RECORDINGS-OTHER/x.mp3")

    response = manager_client.get(audio_url(recording))

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_missing_file_gets_404_message(manager_client, recordings_dir, recording_factory):
    recording = recording_factory(LOCAL_PREFIX + "MP3/purged-all.mp3")

    response = manager_client.get(audio_url(recording))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content == b"Audio not available."


@pytest.mark.parametrize("location", [None, "", "   "])
def test_empty_location_gets_404(manager_client, recording_factory, recordings_dir, location):
    response = manager_client.get(audio_url(recording_factory(location)))

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_unknown_recording_gets_404(manager_client):
    response = manager_client.get(reverse("recording_audio", args=[987654]))

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_recording_id_past_column_range_gets_404(manager_client):
    response = manager_client.get(reverse("recording_audio", args=[2**70]))

    assert response.status_code == HTTPStatus.NOT_FOUND


def test_x_accel_hands_file_to_nginx(manager_client, local_recording, recordings_dir, settings):
    settings.AUDIO_X_ACCEL_MAP = [(str(recordings_dir), "/internal-recordings/")]
    recording = local_recording(name="call #1 é.mp3", location=f"{LOCAL_PREFIX}MP3/call #1 é.mp3")

    response = manager_client.get(audio_url(recording), HTTP_RANGE="bytes=100-199")

    assert response.status_code == HTTPStatus.OK
    assert response["X-Accel-Redirect"] == "/internal-recordings/MP3/call%20%231%20%C3%A9.mp3"
    assert response["Content-Type"] == "audio/mpeg"
    assert response.content == b""


def test_x_accel_for_other_directory_streams_itself(manager_client, local_recording, tmp_path, settings):
    settings.AUDIO_X_ACCEL_MAP = [(str(tmp_path / "elsewhere"), "/internal-recordings/")]

    response = manager_client.get(audio_url(local_recording()))

    assert "X-Accel-Redirect" not in response
    assert body(response) == AUDIO_BYTES


def test_non_utf8_file_name_served(manager_client, recordings_dir, recording_factory):
    (recordings_dir / "MP3").mkdir()
    with open(os.path.join(os.fsencode(recordings_dir), b"MP3", b"call\xff.mp3"), "wb") as file:
        file.write(AUDIO_BYTES)
    recording = recording_factory(LOCAL_PREFIX + "MP3/call%FF.mp3")

    response = manager_client.get(audio_url(recording, download=1))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Disposition"] == "attachment; filename=\"call_.mp3\"; filename*=UTF-8''call%3F.mp3"
    body(response)


def test_x_accel_keeps_non_utf8_bytes(manager_client, recordings_dir, recording_factory, settings):
    settings.AUDIO_X_ACCEL_MAP = [(str(recordings_dir), "/internal-recordings")]
    with open(os.path.join(os.fsencode(recordings_dir), b"call\xff.mp3"), "wb") as file:
        file.write(AUDIO_BYTES)
    recording = recording_factory(LOCAL_PREFIX + "call%FF.mp3")

    response = manager_client.get(audio_url(recording))

    assert response["X-Accel-Redirect"] == "/internal-recordings/call%FF.mp3"
