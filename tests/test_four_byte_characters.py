"""Characters past U+FFFF (emoji, historic scripts), which VICIdial's utf8 columns cannot hold.

MariaDB refuses to compare such a character with a utf8 (3-byte) column, so each
input path must drop or reject it before a query: a 500 on MariaDB otherwise.
"""
import pytest
from django.test import Client
from django.urls import reverse

from recordings.filters import RecordingFilter
from tests.api_client import api_get

FOUR_BYTE = "\U00010000\U0001f600"
ENCODED = "%F0%90%80%80%F0%9F%98%80"


@pytest.fixture
def non_latin(api_user, manager, set_system_settings):
    set_system_settings(use_non_latin="1")


def test_api_user_drops_four_byte_letters(non_latin):
    answer = api_get(f"function=recording_lookup&user={ENCODED}&pass=1234&source=test&lead_id=1")

    assert answer.body == "ERROR: Login incorrect, please try again: |||BAD|\n"


def test_api_password_drops_four_byte_letters(non_latin):
    answer = api_get(f"function=recording_lookup&user=6666&pass=1234{ENCODED}&source=test&lead_id=1")

    assert answer.body == "ERROR: recording_lookup NO RECORDINGS FOUND - 6666||1||\n"


def test_api_agent_drops_four_byte_letters(non_latin):
    answer = api_get(f"function=recording_lookup&user=6666&pass=1234&source=test&agent_user=100{ENCODED}0&lead_id=1")

    assert answer.body == "ERROR: recording_lookup NO RECORDINGS FOUND - 6666|1000|1||\n"


def test_page_login_refuses_four_byte_user(non_latin):
    response = Client().post(reverse("login"), {"username": FOUR_BYTE, "password": "x"})

    assert response.status_code == 200
    assert response.context["form"].errors


@pytest.mark.parametrize("field", [name for name, field in RecordingFilter(data={}).form.fields.items()
                                   if field.__class__.__name__ == "CharField"])
def test_search_text_field_rejects_four_byte_characters(logged_in_client, api_user, field):
    response = logged_in_client.get(reverse("search"), {field: f"12{FOUR_BYTE}"})

    assert response.status_code == 200
    assert "Remove the emoji or other characters that VICIdial cannot store." in response.content.decode()
