"""Password guessing against the API and the page login: VICIdial's lockout holds for both.

Ten failures within 15 minutes of the last login lock a user. Both doors count in the
same vicidial_users columns, and parallel attempts against a live server neither lose
an increment nor get more than ten guesses in before the lock.
"""
import threading
from collections import Counter

import pytest
from django.test import Client
from django.urls import reverse

from recordings.models import VicidialUser
from tests.api_client import api_get
from tests.live_http import PageSession, api_get as live_api_get, run_parallel
from tests.vicidial_factories import run_sql, seconds_ago

PARALLEL_ATTEMPTS = 30
LOCK_ATTEMPTS = 10
BAD_LINE = "ERROR: Login incorrect, please try again: |guard||BAD|\n"
LOCK_LINE = "ERROR: Too many login attempts, try again in 15 minutes: |guard|LOCK|\n"
PAGE_LOCK_MESSAGE = "Too many failed logins for this user. Wait 15 minutes, then try again."
PAGE_BAD_MESSAGE = "Login failed. Check the user and password."


def api_query(password):
    return f"function=recording_lookup&source=test&user=guard&pass={password}&lead_id=1"


@pytest.fixture
def guard(vicidial_user_factory):
    """A manager who logged in a minute ago, so ten failures lock them."""
    user = vicidial_user_factory("guard", "rightpw", user_level=9)
    run_sql("UPDATE vicidial_users SET last_login_date = %s WHERE user = 'guard'", [seconds_ago(60)])
    return user


def stored(user):
    return VicidialUser.objects.get(pk=user.pk)


def page_login(username, password):
    return Client().post(reverse("login"), {"username": username, "password": password})


def test_api_locks_after_ten_failures(guard):
    for _ in range(LOCK_ATTEMPTS):
        api_get(api_query("wrong"))

    assert api_get(api_query("rightpw")).body == LOCK_LINE


def api_login(username, password):
    return api_get(f"function=recording_lookup&source=test&user={username}&pass={password}&lead_id=1")


@pytest.mark.parametrize("login", [api_login, page_login], ids=["api", "page"])
def test_lock_counters(guard, login):
    for _ in range(LOCK_ATTEMPTS + 1):
        login("guard", "wrong")

    row = stored(guard)
    assert row.failed_login_count == LOCK_ATTEMPTS
    assert row.failed_login_count_today == LOCK_ATTEMPTS
    assert row.failed_login_attempts_today == LOCK_ATTEMPTS + 1
    assert row.failed_last_type_today == "aLOCK"


def test_page_locks_after_ten_failures(guard):
    for _ in range(LOCK_ATTEMPTS):
        page_login("guard", "wrong")

    assert PAGE_LOCK_MESSAGE in page_login("guard", "rightpw").content.decode()


def test_api_and_page_share_one_count(guard):
    for _ in range(LOCK_ATTEMPTS // 2):
        api_get(api_query("wrong"))
        page_login("guard", "wrong")

    assert api_get(api_query("rightpw")).body == LOCK_LINE
    assert PAGE_LOCK_MESSAGE in page_login("guard", "rightpw").content.decode()


def test_lock_ends_after_fifteen_minutes(guard):
    for _ in range(LOCK_ATTEMPTS):
        api_get(api_query("wrong"))
    run_sql("UPDATE vicidial_users SET last_login_date = %s WHERE user = 'guard'", [seconds_ago(16 * 60)])

    assert page_login("guard", "rightpw").status_code == 302


@pytest.mark.django_db(databases="__all__", transaction=True)
class TestParallelAttempts:
    """Thirty wrong passwords sent at once to a live server."""

    @pytest.fixture(autouse=True)
    def plain_http_cookies(self, settings):
        # The live server speaks plain HTTP, where a client drops Secure cookies.
        settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False

    def test_api_counts_every_attempt(self, live_server, guard):
        answers = Counter(body for _, body in run_parallel(lambda _: live_api_get(live_server.url, api_query("wrong")), PARALLEL_ATTEMPTS))

        row = stored(guard)
        assert answers == {BAD_LINE: LOCK_ATTEMPTS, LOCK_LINE: PARALLEL_ATTEMPTS - LOCK_ATTEMPTS}
        assert row.failed_login_count == LOCK_ATTEMPTS
        assert row.failed_login_count_today == LOCK_ATTEMPTS
        assert row.failed_login_attempts_today == PARALLEL_ATTEMPTS

    def test_api_user_is_locked_afterwards(self, live_server, guard):
        run_parallel(lambda _: live_api_get(live_server.url, api_query("wrong")), PARALLEL_ATTEMPTS)

        assert live_api_get(live_server.url, api_query("rightpw")) == (200, LOCK_LINE)

    def test_page_counts_every_attempt(self, live_server, guard):
        answers = Counter(parallel_page_logins(live_server.url, "wrong"))

        row = stored(guard)
        assert answers == {PAGE_BAD_MESSAGE: LOCK_ATTEMPTS, PAGE_LOCK_MESSAGE: PARALLEL_ATTEMPTS - LOCK_ATTEMPTS}
        assert row.failed_login_count == LOCK_ATTEMPTS
        assert row.failed_login_attempts_today == PARALLEL_ATTEMPTS

    def test_page_user_is_locked_afterwards(self, live_server, guard):
        parallel_page_logins(live_server.url, "wrong")

        status, body = PageSession(live_server.url).login("guard", "rightpw")
        assert status == 200
        assert PAGE_LOCK_MESSAGE in body


def parallel_page_logins(base_url, password):
    """Post the login form from 30 sessions at once; return which message each page showed."""
    sessions = [PageSession(base_url) for _ in range(PARALLEL_ATTEMPTS)]
    barrier = threading.Barrier(PARALLEL_ATTEMPTS)

    def attempt(index):
        barrier.wait()
        _, body = sessions[index].login("guard", password)
        return next((message for message in (PAGE_BAD_MESSAGE, PAGE_LOCK_MESSAGE) if message in body), body)

    return run_parallel(attempt, PARALLEL_ATTEMPTS)
