"""Timed HTTP requests as scripts send them: a new connection each time, no keep-alive."""
import http.client
import re
import time
from dataclasses import dataclass
from http.cookies import SimpleCookie
from urllib.parse import urlencode

READ_SIZE = 65536
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass(frozen=True)
class Timing:
    """One request: status, body bytes, and seconds to the first body byte and to the end."""

    status: int
    size: int
    first_byte: float
    total: float
    # (name, value) pairs, because a response may repeat Set-Cookie.
    headers: list
    body: bytes = b""


def fetch(port, path, *, method="GET", headers=None, body=None, keep_body=False):
    """Send one request on a new connection and time it; the body is read to its end."""
    headers = {"Connection": "close", **(headers or {})}
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        first = response.read1(READ_SIZE)
        first_byte = time.perf_counter() - started
        size, kept = len(first), [first]
        while chunk := response.read1(READ_SIZE):
            size += len(chunk)
            if keep_body:
                kept.append(chunk)
        total = time.perf_counter() - started
        body_bytes = b"".join(kept) if keep_body else first
        return Timing(response.status, size, first_byte, total, response.getheaders(), body_bytes)
    finally:
        connection.close()


def cookies_of(timing):
    """Return the name=value pairs that a response's Set-Cookie headers set."""
    jar = SimpleCookie()
    for name, value in timing.headers:
        if name.lower() == "set-cookie":
            jar.load(value)
    return {name: morsel.value for name, morsel in jar.items()}


def page_login(port, username, password, login_path="/login/"):
    """Log in through the login form (CSRF cookie and token, then POST) and return (cookies, POST timing).

    Returns None when the app has no login page at ``login_path``.
    """
    form = fetch(port, login_path, keep_body=True)
    if form.status != 200:
        return None
    cookies = cookies_of(form)
    token = CSRF_INPUT.search(form.body.decode("utf-8", "replace")).group(1)
    fields = urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
    posted = fetch(
        port,
        login_path,
        method="POST",
        body=fields,
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie_header(cookies)},
    )
    cookies.update(cookies_of(posted))
    if posted.status != 302 or "sessionid" not in cookies:
        raise RuntimeError(f"Page login failed with status {posted.status}")
    return cookies, posted


def cookie_header(cookies):
    return "; ".join(f"{name}={value}" for name, value in cookies.items())
