"""The page login's defences: CSRF on login and logout, a new session key at login, logout by POST only."""
from http import HTTPStatus

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import reverse


@pytest.fixture
def csrf_client():
    """A client that, like a browser, must send the CSRF token of the page it loaded."""
    return Client(enforce_csrf_checks=True)


def csrf_token(client, path):
    client.get(path)
    return client.cookies["csrftoken"].value


def log_in(client, password="managerpw"):
    token = csrf_token(client, reverse("login"))
    return client.post(reverse("login"), {"username": "manager", "password": password, "csrfmiddlewaretoken": token})


def test_login_with_csrf_token_succeeds(csrf_client, manager):
    assert log_in(csrf_client).status_code == HTTPStatus.FOUND


def test_login_with_wrong_csrf_token_is_rejected(csrf_client, manager):
    csrf_token(csrf_client, reverse("login"))

    response = csrf_client.post(reverse("login"), {"username": "manager", "password": "managerpw", "csrfmiddlewaretoken": "x" * 64})

    assert response.status_code == HTTPStatus.FORBIDDEN


def test_login_rotates_session_key(csrf_client, manager):
    session = csrf_client.session
    session["visited"] = True
    session.save()
    before = session.session_key

    log_in(csrf_client)

    after = csrf_client.cookies["sessionid"].value
    assert after != before
    assert not SessionStore().exists(before)


def test_failed_login_creates_no_session(csrf_client, manager):
    log_in(csrf_client, password="wrong")

    assert "sessionid" not in csrf_client.cookies


def test_logout_without_csrf_token_is_rejected(csrf_client, manager):
    log_in(csrf_client)

    response = csrf_client.post(reverse("logout"))

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert csrf_client.get(reverse("search")).status_code == HTTPStatus.OK


def test_logout_by_get_keeps_session(csrf_client, manager):
    log_in(csrf_client)

    response = csrf_client.get(reverse("logout"))

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert csrf_client.get(reverse("search")).status_code == HTTPStatus.OK


def test_logout_with_csrf_token_ends_session(csrf_client, manager):
    log_in(csrf_client)
    token = csrf_token(csrf_client, reverse("search"))

    csrf_client.post(reverse("logout"), {"csrfmiddlewaretoken": token})

    assert csrf_client.get(reverse("search")).status_code == HTTPStatus.FOUND
