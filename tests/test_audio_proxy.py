"""The audio endpoint relaying recordings from a recording server of the cluster.

The recording server is a real HTTP server on 127.0.0.1 (tests/audio_server.py).
"""
from http import HTTPStatus

import pytest
from django.urls import reverse

from recordings.models import ArchivedRecording, Recording

from tests.audio_fixtures import (  # noqa: F401
    AUDIO_BYTES,
    https_recording_server,
    login_client,
    manager_client,
    outside_server,
    proxy_settings,
    recording_factory,
    recording_server,
    server_factory,
    vicidial_user_factory,
)

FILE_PATH = "/RECORDINGS/MP3/20240301-090000_5551230000_1000-all.mp3"


def audio_url(recording):
    return reverse("recording_audio", args=[recording.recording_id])


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.fixture
def cluster_recording(recording_server, server_factory, recording_factory, proxy_settings):
    """Return a function that stores ``path`` on the recording server and a recording row pointing at it."""
    server_factory("127.0.0.1")

    def create(path=FILE_PATH, data=AUDIO_BYTES):
        recording_server.files[path] = data
        return recording_factory(f"http://127.0.0.1:{recording_server.port}{path}")

    return create


def test_plays_from_cluster_host(manager_client, cluster_recording):
    response = manager_client.get(audio_url(cluster_recording()))

    assert response.status_code == HTTPStatus.OK
    assert body(response) == AUDIO_BYTES
    assert response["Content-Type"] == "audio/mpeg"
    assert response["Content-Length"] == str(len(AUDIO_BYTES))


def test_range_passed_through(manager_client, cluster_recording, recording_server):
    response = manager_client.get(audio_url(cluster_recording()), HTTP_RANGE="bytes=100-199")

    assert response.status_code == HTTPStatus.PARTIAL_CONTENT
    assert body(response) == AUDIO_BYTES[100:200]
    assert response["Content-Range"] == f"bytes 100-199/{len(AUDIO_BYTES)}"
    assert recording_server.requests[-1][2]["Range"] == "bytes=100-199"


def test_suffix_range_passed_through(manager_client, cluster_recording):
    response = manager_client.get(audio_url(cluster_recording()), HTTP_RANGE="bytes=-10")

    assert response.status_code == HTTPStatus.PARTIAL_CONTENT
    assert body(response) == AUDIO_BYTES[-10:]


def test_malformed_range_not_passed(manager_client, cluster_recording, recording_server):
    response = manager_client.get(audio_url(cluster_recording()), HTTP_RANGE="bytes=0-1,5-9")

    assert response.status_code == HTTPStatus.OK
    assert "Range" not in recording_server.requests[-1][2]


def test_unsatisfiable_range_relayed(manager_client, cluster_recording):
    response = manager_client.get(audio_url(cluster_recording()), HTTP_RANGE="bytes=99999-")

    assert response.status_code == HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE
    assert response["Content-Range"] == f"bytes */{len(AUDIO_BYTES)}"


def test_revalidation_relays_304(manager_client, cluster_recording):
    response = manager_client.get(audio_url(cluster_recording()), HTTP_IF_NONE_MATCH='"v1"')

    assert response.status_code == HTTPStatus.NOT_MODIFIED
    assert response["ETag"] == '"v1"'
    assert body(response) == b""


def test_head_relayed_without_body(manager_client, cluster_recording, recording_server):
    response = manager_client.head(audio_url(cluster_recording()))

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Length"] == str(len(AUDIO_BYTES))
    assert recording_server.requests[-1][0] == "HEAD"


def test_path_percent_encoded_per_segment(manager_client, cluster_recording, recording_server):
    recording = cluster_recording(path="/RECORDINGS/MP3/call%20%231%2C%2050%25.mp3")
    recording.location = recording.location.replace("call%20%231%2C%2050%25", "call #1, 50%")
    recording.save()

    response = manager_client.get(audio_url(recording))

    assert response.status_code == HTTPStatus.OK
    assert recording_server.requests[-1][1] == "/RECORDINGS/MP3/call%20%231%2C%2050%25.mp3"


def test_download_named_after_remote_file(manager_client, cluster_recording):
    response = manager_client.get(audio_url(cluster_recording()) + "?download=1")

    assert response["Content-Disposition"].startswith('attachment; filename="20240301-090000_5551230000_1000-all.mp3"')


def test_upstream_404_gets_404(manager_client, cluster_recording, recording_server):
    recording = cluster_recording()
    recording_server.files.clear()

    response = manager_client.get(audio_url(recording))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response.content == b"Audio not available."


def test_redirect_not_followed(manager_client, cluster_recording, recording_server, outside_server):
    outside_server.files["/elsewhere.mp3"] = AUDIO_BYTES
    recording_server.redirect_to = f"http://127.0.0.1:{outside_server.port}/elsewhere.mp3"
    recording = cluster_recording(path="/redirect/x.mp3")

    response = manager_client.get(audio_url(recording))

    assert response.status_code == HTTPStatus.BAD_GATEWAY
    assert outside_server.requests == []


def test_hanging_server_times_out_with_504(manager_client, cluster_recording, caplog):
    recording = cluster_recording(path="/hang/x.mp3")

    response = manager_client.get(audio_url(recording))

    assert response.status_code == HTTPStatus.GATEWAY_TIMEOUT
    assert "timed out" in caplog.text


def test_unreachable_server_gets_502(manager_client, server_factory, recording_factory, proxy_settings, caplog):
    server_factory("127.0.0.1")
    # Nothing listens on port 9 (discard) on the test machine.
    recording = recording_factory("http://127.0.0.1:9/RECORDINGS/x.mp3")

    response = manager_client.get(audio_url(recording))

    assert response.status_code == HTTPStatus.BAD_GATEWAY
    assert "cannot connect" in caplog.text


@pytest.mark.parametrize("path", ["/drop/x.mp3", "/stall/x.mp3"], ids=["dropped", "stalled"])
def test_broken_stream_ends_short(manager_client, cluster_recording, caplog, path):
    recording = cluster_recording(path=path)

    response = manager_client.get(audio_url(recording))

    assert response.status_code == HTTPStatus.OK
    assert body(response) == AUDIO_BYTES[: len(AUDIO_BYTES) // 2]
    assert "stopped after" in caplog.text


def test_oversized_reply_refused(manager_client, cluster_recording, proxy_settings):
    proxy_settings.RECORDING_PROXY_MAX_BYTES = 100

    response = manager_client.get(audio_url(cluster_recording()))

    assert response.status_code == HTTPStatus.BAD_GATEWAY


def test_host_outside_cluster_never_contacted(manager_client, server_factory, recording_factory, outside_server, proxy_settings):
    server_factory("10.0.0.5")
    outside_server.files[FILE_PATH] = AUDIO_BYTES
    recording = recording_factory(f"http://127.0.0.1:{outside_server.port}{FILE_PATH}")

    response = manager_client.get(audio_url(recording))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert outside_server.requests == []


@pytest.mark.parametrize(
    "authority",
    [
        "localhost:{port}",
        "2130706433:{port}",
        "0x7f000001:{port}",
        "0177.0.0.1:{port}",
        "0x7f.0.0.1:{port}",
        "127.1:{port}",
        "127.0.0.01:{port}",
        "10.0.0.5@127.0.0.1:{port}",
        "10.0.0.5:80@127.0.0.1:{port}",
        "127.0.0.1:{port}\\@10.0.0.5",
        "[::ffff:127.0.0.1]:{port}",
    ],
)
def test_other_notations_of_local_host_never_contacted(
    manager_client, server_factory, recording_factory, outside_server, proxy_settings, authority
):
    server_factory("10.0.0.5")
    outside_server.files[FILE_PATH] = AUDIO_BYTES
    recording = recording_factory("http://" + authority.format(port=outside_server.port) + FILE_PATH)

    response = manager_client.get(audio_url(recording))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert outside_server.requests == []


@pytest.mark.parametrize("scheme", ["file", "gopher", "ftp", "ws"])
def test_other_schemes_rejected(manager_client, server_factory, recording_factory, outside_server, proxy_settings, scheme):
    server_factory("127.0.0.1")
    recording = recording_factory(f"{scheme}://127.0.0.1:{outside_server.port}{FILE_PATH}")

    response = manager_client.get(audio_url(recording))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert outside_server.requests == []


def test_dot_segments_never_sent(manager_client, server_factory, recording_factory, outside_server, proxy_settings):
    server_factory("127.0.0.1")
    recording = recording_factory(f"http://127.0.0.1:{outside_server.port}/RECORDINGS/%2e%2e/etc/passwd")

    response = manager_client.get(audio_url(recording))

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert outside_server.requests == []


def test_allowlisted_host_played(manager_client, recording_server, recording_factory, proxy_settings):
    proxy_settings.RECORDING_HOSTS_ALLOWLIST = ["127.0.0.1"]
    recording_server.files[FILE_PATH] = AUDIO_BYTES
    recording = recording_factory(f"http://127.0.0.1:{recording_server.port}{FILE_PATH}")

    response = manager_client.get(audio_url(recording))

    assert response.status_code == HTTPStatus.OK


@pytest.mark.parametrize("link, column", [("ALT_IP", "alt_server_ip"), ("EXTERNAL_IP", "external_server_ip")])
def test_host_swapped_by_recording_web_link(
    manager_client, recording_server, server_factory, recording_factory, proxy_settings, link, column
):
    # 10.0.0.5 is never contacted: the swap sends the request to 127.0.0.1.
    server_factory("10.0.0.5", recording_web_link=link, **{column: "127.0.0.1"})
    recording_server.files[FILE_PATH] = AUDIO_BYTES
    recording = recording_factory(f"http://10.0.0.5:{recording_server.port}{FILE_PATH}")

    response = manager_client.get(audio_url(recording))

    assert response.status_code == HTTPStatus.OK
    assert body(response) == AUDIO_BYTES


def test_server_ip_link_keeps_host(manager_client, recording_server, server_factory, recording_factory, proxy_settings):
    server_factory("127.0.0.1", recording_web_link="SERVER_IP", alt_server_ip="10.0.0.9")
    recording_server.files[FILE_PATH] = AUDIO_BYTES
    recording = recording_factory(f"http://127.0.0.1:{recording_server.port}{FILE_PATH}")

    response = manager_client.get(audio_url(recording))

    assert response.status_code == HTTPStatus.OK


def test_archived_recording_played(manager_client, cluster_recording, recording_server):
    recording = cluster_recording()
    ArchivedRecording.objects.create(recording_id=recording.recording_id, location=recording.location, lead_id=7)
    Recording.objects.filter(pk=recording.recording_id).delete()

    response = manager_client.get(audio_url(recording))

    assert response.status_code == HTTPStatus.OK
    assert body(response) == AUDIO_BYTES


@pytest.mark.parametrize("verify_tls, status", [(True, HTTPStatus.BAD_GATEWAY), (False, HTTPStatus.OK)])
def test_https_server_certificate_checked(
    manager_client, https_recording_server, server_factory, recording_factory, proxy_settings, verify_tls, status
):
    proxy_settings.RECORDING_PROXY_VERIFY_TLS = verify_tls
    server_factory("127.0.0.1")
    https_recording_server.files[FILE_PATH] = AUDIO_BYTES
    recording = recording_factory(f"https://127.0.0.1:{https_recording_server.port}{FILE_PATH}")

    response = manager_client.get(audio_url(recording))

    assert response.status_code == status
    assert body(response) == (AUDIO_BYTES if status == HTTPStatus.OK else b"The recording server could not be reached.")


def test_https_server_trusted_by_ca_file(
    manager_client, https_recording_server, server_factory, recording_factory, proxy_settings
):
    proxy_settings.RECORDING_PROXY_CA_FILE = https_recording_server.certificate_file
    server_factory("127.0.0.1")
    https_recording_server.files[FILE_PATH] = AUDIO_BYTES
    recording = recording_factory(f"https://127.0.0.1:{https_recording_server.port}{FILE_PATH}")

    response = manager_client.get(audio_url(recording))

    assert response.status_code == HTTPStatus.OK
    assert body(response) == AUDIO_BYTES
