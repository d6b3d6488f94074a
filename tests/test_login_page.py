"""The login and logout pages of the search."""
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse

from recordings.demo import people

REFUSED_MESSAGE = "Login failed. Check the user and password."


@pytest.fixture
def vicidial_manager():
    manager = people.manager()
    manager.save()
    return manager


def test_login_page_shows_form(client):
    response = client.get(reverse("login"))

    assert response.status_code == HTTPStatus.OK
    assert 'name="username"' in response.content.decode()
    assert 'name="password"' in response.content.decode()


def test_login_page_has_skip_link(client):
    assert 'href="#content"' in client.get(reverse("login")).content.decode()


def test_wrong_password_shows_error(client, vicidial_manager):
    response = client.post(reverse("login"), {"username": "6666", "password": "wrong"})

    assert response.status_code == HTTPStatus.OK
    assert REFUSED_MESSAGE in response.content.decode()


def test_unknown_user_shows_same_error(client):
    response = client.post(reverse("login"), {"username": "nobody", "password": "1234"})

    assert response.status_code == HTTPStatus.OK
    assert REFUSED_MESSAGE in response.content.decode()


def test_login_without_csrf_token_is_rejected(vicidial_manager):
    response = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "6666", "password": "1234"})

    assert response.status_code == HTTPStatus.FORBIDDEN


def test_manager_login_opens_search(client, vicidial_manager):
    response = client.post(reverse("login"), {"username": "6666", "password": "1234"})

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("search")


def test_logged_in_user_skips_login_page(logged_in_client):
    response = logged_in_client.get(reverse("login"))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("search")


def test_logout_by_post_returns_to_login(logged_in_client):
    response = logged_in_client.post(reverse("logout"))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("login")
    assert logged_in_client.get(reverse("search")).status_code == HTTPStatus.FOUND


def test_logout_by_get_is_not_allowed(client):
    assert client.get(reverse("logout")).status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_locked_user_is_told_to_wait(client, locked_user):
    response = client.post(reverse("login"), {"username": "lockme", "password": "lockpw"})

    assert "Too many failed logins for this user. Wait 15 minutes, then try again." in response.content.decode()


def test_user_without_reports_is_told_why(client, vicidial_user_factory):
    vicidial_user_factory("supervisor", "superpw", user_level=8, view_reports="0")

    response = client.post(reverse("login"), {"username": "supervisor", "password": "superpw"})

    assert "This user may not search recordings." in response.content.decode()


def test_agent_level_gets_generic_error(client, agent):
    # VICIdial treats a level below the minimum like a wrong password.
    response = client.post(reverse("login"), {"username": "1000", "password": "agentpw"})

    assert REFUSED_MESSAGE in response.content.decode()
