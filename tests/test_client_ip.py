"""The client address recorded for API calls and logins."""
from django.test import RequestFactory, override_settings

from recordings.client_ip import client_address


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_remote_addr_without_proxy():
    assert client_address(request_from("10.0.0.1", "1.2.3.4")) == "10.0.0.1"


@override_settings(TRUSTED_PROXIES=["10.0.0.1"])
def test_forwarded_address_from_trusted_proxy():
    assert client_address(request_from("10.0.0.1", "6.6.6.6, 1.2.3.4")) == "1.2.3.4"


@override_settings(TRUSTED_PROXIES=["10.0.0.1", "10.0.0.2"])
def test_chain_of_trusted_proxies():
    assert client_address(request_from("10.0.0.1", "1.2.3.4, 10.0.0.2")) == "1.2.3.4"


@override_settings(TRUSTED_PROXIES=["10.0.0.1"])
def test_trusted_proxy_without_header():
    assert client_address(request_from("10.0.0.1")) == "10.0.0.1"
