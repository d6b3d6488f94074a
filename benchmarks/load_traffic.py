"""Concurrent clients for the load test: a mix of API lookups, page searches and audio Range requests.

Each client thread logs in to the page once, then sends requests in a loop until the
deadline, choosing the kind of each request from a fixed mix. It records the status
and latency of every request; an unexpected status or a connection error counts as an
error. benchmarks/load_test.py drives it against gunicorn, tests/test_load.py against
Django's live server.
"""
import http.cookiejar
import random
import re
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field

API_PATH = "/vicidial/non_agent_api.php"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TIMEOUT_SECONDS = 60
PROGRESS_SECONDS = 5
# Share of each request kind, in percent.
MIX = (("api_agent_date", 35), ("api_lead", 20), ("page_search", 25), ("audio_play", 10), ("audio_seek", 10))
# API lines that mean the request was not served as intended.
API_FAILURES = ("ERROR: Login incorrect", "ERROR: Too many login attempts", "ERROR: Database unavailable")


@dataclass(frozen=True)
class Plan:
    """The requests of a load test: API and page logins, and sample searches and recordings."""

    api_user: str
    api_password: str
    page_user: str
    page_password: str
    agent_days: list  # (agent, "YYYY-MM-DD")
    leads: list
    audio_ids: list


@dataclass
class Results:
    latencies: dict = field(default_factory=lambda: defaultdict(list))
    errors: dict = field(default_factory=lambda: defaultdict(int))
    error_samples: list = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind, seconds, problem):
        with self.lock:
            self.latencies[kind].append(seconds)
            if problem:
                self.errors[kind] += 1
                if len(self.error_samples) < 10:
                    self.error_samples.append(f"{kind}: {problem}")

    def count(self, kind=None):
        kinds = [kind] if kind else list(self.latencies)
        return sum(len(self.latencies[name]) for name in kinds)

    def error_count(self, kind=None):
        kinds = [kind] if kind else list(self.errors)
        return sum(self.errors[name] for name in kinds)

    def succeeded(self, kind):
        return self.count(kind) - self.error_count(kind)

    def summary_rows(self):
        """Yield (kind, requests, errors, median ms, p95 ms) for each kind of request."""
        for kind, _ in MIX:
            samples = sorted(self.latencies[kind])
            if not samples:
                continue
            p95 = samples[min(len(samples) - 1, int(len(samples) * 0.95))]
            yield kind, len(samples), self.errors[kind], statistics.median(samples) * 1000, p95 * 1000


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def send(opener, url, data=None, headers=None):
    """Send one request; return (status, body bytes). An HTTP error status is returned, not raised."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class Client:
    """One simulated user: a cookie jar with a logged-in page session, and a random generator."""

    def __init__(self, base_url, plan, seed):
        self.base_url = base_url
        self.plan = plan
        self.random = random.Random(seed)
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect)

    def log_in(self):
        _, page = send(self.opener, f"{self.base_url}/login/")
        token = CSRF_FIELD.search(page.decode()).group(1)
        form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": self.plan.page_user, "password": self.plan.page_password})
        status, _ = send(self.opener, f"{self.base_url}/login/", data=form.encode())
        if status != 302:
            raise RuntimeError(f"page login failed with status {status}")

    def api_query(self, search):
        login = {"function": "recording_lookup", "source": "loadtest", "user": self.plan.api_user, "pass": self.plan.api_password}
        return f"{self.base_url}{API_PATH}?{urllib.parse.urlencode({**login, **search})}"

    def request(self, kind):
        """Send one request of ``kind``; return a problem description, or None when it went as expected."""
        if kind == "api_agent_date":
            agent, day = self.random.choice(self.plan.agent_days)
            return api_problem(*send(self.opener, self.api_query({"agent_user": agent, "date": day})))
        if kind == "api_lead":
            return api_problem(*send(self.opener, self.api_query({"lead_id": self.random.choice(self.plan.leads)})))
        if kind == "page_search":
            agent, day = self.random.choice(self.plan.agent_days)
            query = urllib.parse.urlencode({"agent": agent, "date_from": day, "date_to": day})
            status, body = send(self.opener, f"{self.base_url}/?{query}")
            return None if status == 200 and b"<table" in body else f"search status {status}"
        first_byte = 0 if kind == "audio_play" else 1024
        url = f"{self.base_url}/recordings/{self.random.choice(self.plan.audio_ids)}/audio"
        status, _ = send(self.opener, url, headers={"Range": f"bytes={first_byte}-"})
        return None if status == 206 else f"audio status {status}"


def api_problem(status, body):
    text = body[:200].decode("utf-8", "replace")
    if status != 200 or text.startswith(API_FAILURES):
        return f"API status {status}: {text.strip()[:80]}"
    return None


def run_client(client, deadline, results):
    kinds = [kind for kind, share in MIX for _ in range(share)]
    while time.monotonic() < deadline:
        kind = client.random.choice(kinds)
        started = time.monotonic()
        try:
            problem = client.request(kind)
        except OSError as error:
            problem = f"connection error: {error.__class__.__name__}"
        results.record(kind, time.monotonic() - started, problem)


def run_load(base_url, plan, clients, seconds, progress=None):
    """Log ``clients`` clients in, run them for ``seconds``; return the Results.

    ``progress``, if given, is called about every 5 seconds with (elapsed seconds, Results).
    """
    users = [Client(base_url, plan, seed) for seed in range(clients)]
    for user in users:
        user.log_in()

    results = Results()
    started = time.monotonic()
    deadline = started + seconds
    threads = [threading.Thread(target=run_client, args=(user, deadline, results)) for user in users]
    for thread in threads:
        thread.start()
    next_report = started + PROGRESS_SECONDS
    for thread in threads:
        while thread.is_alive():
            thread.join(timeout=max(0.0, next_report - time.monotonic()))
            if time.monotonic() >= next_report:
                if progress:
                    progress(time.monotonic() - started, results)
                next_report += PROGRESS_SECONDS
    return results
