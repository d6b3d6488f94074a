"""parse_location, canonical_host and the cluster host list used by the audio proxy."""
import pytest

from recordings.audio_errors import AudioUnavailable
from recordings.audio_upstream import canonical_host, cluster_hosts, parse_location, upstream_url
from tests.audio_fixtures import server_factory  # noqa: F401


@pytest.mark.parametrize(
    "text, expected",
    [
        ("127.0.0.1", "127.0.0.1"),
        ("Recording.Example.COM", "recording.example.com"),
        ("[::1]", "[::1]"),
        ("0:0::1", "[::1]"),
        ("2130706433", None),
        ("0x7f000001", None),
        ("0177.0.0.1", None),
        ("127.1", None),
        ("127.0.0.1.", None),
        ("host.0x10", None),
        ("a..b", None),
        ("user@host", None),
        ("", None),
        (None, None),
    ],
)
def test_canonical_host(text, expected):
    assert canonical_host(text) == expected


def test_location_path_encoded_per_segment():
    upstream = parse_location("http://10.0.0.5:8080/RECORDINGS/MP3/a b#1?,50%.mp3")

    assert upstream.url() == "http://10.0.0.5:8080/RECORDINGS/MP3/a%20b%231%3F%2C50%25.mp3"
    assert upstream.file_name == "a b#1?,50%.mp3"


def test_encoded_location_not_encoded_twice():
    upstream = parse_location("https://10.0.0.5/RECORDINGS/a%20b.mp3")

    assert upstream.url() == "https://10.0.0.5/RECORDINGS/a%20b.mp3"


@pytest.mark.parametrize(
    "location",
    [
        "file:///etc/passwd",
        "gopher://10.0.0.5/x.mp3",
        "http:/10.0.0.5/x.mp3",
        "http://10.0.0.5:0/x.mp3",
        "http://10.0.0.5:70000/x.mp3",
        "http://10.0.0.5",
        "http://10.0.0.5/dir/",
        "http://10.0.0.5/a/%2e%2e/x.mp3",
        "http://10.0.0.5/x%00.mp3",
        "http://%31%30.0.0.5/x.mp3",
    ],
)
def test_unusable_location_rejected(location):
    with pytest.raises(AudioUnavailable):
        parse_location(location)


def test_cluster_hosts_from_servers_and_allowlist(server_factory, settings):
    settings.RECORDING_HOSTS_ALLOWLIST = ["Archive.Example.com", "0x01.2.3.4"]
    server_factory("10.0.0.5", alt_server_ip="192.0.2.5", external_server_ip="")

    assert cluster_hosts() == {"10.0.0.5", "192.0.2.5", "archive.example.com"}


def test_swap_to_invalid_host_rejected(server_factory, settings):
    settings.RECORDING_HOSTS_ALLOWLIST = []
    server_factory("10.0.0.5", recording_web_link="ALT_IP", alt_server_ip="bad host!")

    with pytest.raises(AudioUnavailable):
        upstream_url("http://10.0.0.5/RECORDINGS/x.mp3")


def test_swap_with_empty_column_keeps_host(server_factory, settings):
    settings.RECORDING_HOSTS_ALLOWLIST = []
    server_factory("10.0.0.5", recording_web_link="EXTERNAL_IP", external_server_ip="")

    assert upstream_url("http://10.0.0.5/RECORDINGS/x.mp3").host == "10.0.0.5"


def test_non_utf8_bytes_sent_unchanged():
    upstream = parse_location("http://10.0.0.5/RECORDINGS/a%FFb.mp3")

    assert upstream.url() == "http://10.0.0.5/RECORDINGS/a%FFb.mp3"
