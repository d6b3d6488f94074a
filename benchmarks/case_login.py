"""Case 5: the cost of VICIdial's password check on the login page and on every API request."""
import time

from benchmarks import fixtures
from benchmarks.case_lookup import api_path, timed_requests
from benchmarks.http_client import cookie_header, fetch, page_login
from benchmarks.progress import load_average, say
from benchmarks.stats import summarize

# Plain-text passwords, then pass_hash at VICIdial's default cost 2 and at cost 10.
PASSWORD_MODES = (("plain", None), ("bcrypt cost 2", 2), ("bcrypt cost 10", 10))
PAGE_PATH = "/"


def counted_hashes(function, *args):
    """Call ``function(*args)``; return its seconds and how many times it computed VICIdial's hash."""
    from recordings import passwords

    calls = []
    original = passwords.vicidial_hash

    def counting(*hash_args):
        calls.append(1)
        return original(*hash_args)

    passwords.vicidial_hash = counting
    try:
        started = time.perf_counter()
        function(*args)
        return time.perf_counter() - started, len(calls)
    finally:
        passwords.vicidial_hash = original


def in_process_check(runs):
    """Time check_login in this process; return its timings and hash count per call."""
    from recordings.login import check_login

    check_login(fixtures.BENCH_USER, fixtures.BENCH_PASSWORD, "127.0.0.1")
    results = [counted_hashes(check_login, fixtures.BENCH_USER, fixtures.BENCH_PASSWORD, "127.0.0.1") for _ in range(runs)]
    return [seconds for seconds, _ in results], max(count for _, count in results)


def page_logins(port, runs):
    """Log in ``runs`` times through the page; return the POST timings and the last session's cookies."""
    timings, cookies = [], None
    for _ in range(runs):
        login = page_login(port, fixtures.BENCH_USER, fixtures.BENCH_PASSWORD)
        if login is None:
            return None, None
        cookies, posted = login
        timings.append(posted.total)
    return timings, cookies


def measure_mode(server, cost, runs):
    fixtures.use_passwords(cost)
    fixtures.reset_login_counters()
    check_times, hashes = in_process_check(runs)
    api_times, _, _ = timed_requests(server.port, api_path(lead_id="1"), runs, "API requests")
    result = {
        "check_login": summarize(check_times).as_dict(),
        "hashes_per_check": hashes,
        "api_request": summarize(api_times).as_dict(),
        "load": load_average(),
    }
    login_times, cookies = page_logins(server.port, runs)
    if login_times is None:
        say("Page logins skipped: this build has no login page at /login/")
        return result
    session = {"Cookie": cookie_header(cookies)}
    page_times = [fetch(server.port, PAGE_PATH, headers=session).total for _ in range(runs)]
    result.update(page_login=summarize(login_times).as_dict(), page_request=summarize(page_times).as_dict())
    return result


# VICIdial's default cost, the lowest cost bcrypt libraries accept, and a cost sites pick for safety.
HASH_COSTS = (2, 4, 10)


def hash_only(runs):
    """Time VICIdial's hash alone at each of HASH_COSTS, in this process."""
    from recordings.passwords import vicidial_hash

    results = {}
    for cost in HASH_COSTS:
        vicidial_hash(fixtures.BENCH_PASSWORD, fixtures.PASS_KEY, cost)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            vicidial_hash(fixtures.BENCH_PASSWORD, fixtures.PASS_KEY, cost)
            times.append(time.perf_counter() - started)
        results[f"cost {cost}"] = summarize(times).as_dict()
    return results


def measure(server, runs):
    """Measure every password mode, then restore plain-text passwords."""
    results = {}
    try:
        for name, cost in PASSWORD_MODES:
            say(f"Case 5: {name} (load {load_average():.2f})")
            results[name] = measure_mode(server, cost, runs)
    finally:
        fixtures.use_passwords(None)
    say("Case 5: the hash alone at each cost")
    results["hash_only"] = hash_only(min(runs, 50))
    return results
