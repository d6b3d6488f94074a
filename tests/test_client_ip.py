"""client_ip: REMOTE_ADDR, or the last X-Forwarded-For hop behind a trusted proxy."""
import pytest
from django.test import RequestFactory

from recordings.client_ip import client_ip


def request_from(remote_addr, forwarded=None):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_remote_addr_without_proxy(settings):
    settings.TRUSTED_PROXIES = []

    assert client_ip(request_from("192.0.2.7", "203.0.113.9")) == "192.0.2.7"


def test_last_hop_behind_trusted_proxy(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]

    assert client_ip(request_from("10.0.0.2", "198.51.100.1, 203.0.113.9")) == "203.0.113.9"


def test_trusted_proxy_network(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]

    assert client_ip(request_from("10.0.0.77", "203.0.113.9")) == "203.0.113.9"


def test_untrusted_proxy_header_ignored(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]

    assert client_ip(request_from("10.0.0.3", "203.0.113.9")) == "10.0.0.3"


@pytest.mark.parametrize("forwarded", ["", " , ", "not-an-ip", "203.0.113.9, unknown"])
def test_unusable_forwarded_header_falls_back(settings, forwarded):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]

    assert client_ip(request_from("10.0.0.2", forwarded)) == "10.0.0.2"


def test_invalid_trusted_proxy_entry_skipped(settings):
    settings.TRUSTED_PROXIES = ["not-a-network", "10.0.0.2"]

    assert client_ip(request_from("10.0.0.2", "203.0.113.9")) == "203.0.113.9"
