"""Fixtures for the search, export and detail page tests: a signed-in manager who sees every agent,
managers limited to some groups, and recordings with the page's default day and filename.

Test modules import the fixtures they use from here.
"""
import datetime

import pytest
from django.contrib.auth.models import User
from django.test import Client

from recordings.models import ArchivedRecording, Lead, UserGroup, VicidialUser

DAY = datetime.date(2026, 12, 3)
NOON = datetime.datetime(2026, 12, 3, 12, 0)
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def page_client(logged_in_client, api_user):
    """The test client signed in as 6666 (the api_user persona), whose ADMIN group sees every agent."""
    UserGroup.objects.create(user_group="ADMIN", group_name="Administrators", admin_viewable_groups=" ---ALL--- ")
    return logged_in_client


@pytest.fixture
def scoped_client_factory(vicidial_user_factory, settings):
    """Return a function that signs a new client in as a manager of ``group`` who may view ``viewable`` groups."""
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, MODEL_BACKEND]

    def create(login, group, viewable, **fields):
        UserGroup.objects.get_or_create(user_group=group, defaults={"group_name": group, "admin_viewable_groups": viewable})
        vicidial_user_factory(login, "pw", user_level=8, user_group=group, access_recordings="1", **fields)
        client = Client()
        client.force_login(User.objects.create_user(login), backend=MODEL_BACKEND)
        return client

    return create


@pytest.fixture
def team_agents():
    """Agents 1001 and 1002 in group TEAM_A, 2001 in TEAM_B."""
    for user_id, login, name, group in [
        (21, "1001", "Maria Alvarez", "TEAM_A"),
        (22, "1002", "James Okafor", "TEAM_A"),
        (23, "2001", "Lena Novak", "TEAM_B"),
    ]:
        VicidialUser.objects.create(user_id=user_id, user=login, full_name=name, user_level=1, user_group=group)


@pytest.fixture
def recording_factory(recording_factory):
    """Extend conftest's factory with the page tests' day, agent and VICIdial filename."""

    def create(user="1001", start_time=NOON, lead_id=500, **fields):
        fields.setdefault("length_in_sec", 95)
        fields.setdefault("filename", f"{start_time:%Y%m%d-%H%M%S}_5555550100_{user}" if start_time else "no-start")
        return recording_factory(user=user, start_time=start_time, lead_id=lead_id, **fields)

    return create


@pytest.fixture
def archived_recording_factory():
    """Create recording_log_archive rows; their ids are given, as archived rows keep theirs."""

    def create(recording_id, user="1001", start_time=NOON, **fields):
        values = {
            "lead_id": 500, "length_in_sec": 95, "filename": f"{start_time:%Y%m%d-%H%M%S}_5555550100_{user}",
            "location": "http://10.0.0.5/RECORDINGS/MP3/old.mp3", **fields,
        }
        return ArchivedRecording.objects.create(recording_id=recording_id, user=user, start_time=start_time, **values)

    return create


@pytest.fixture
def lead_factory():
    def create(lead_id, phone_number, **fields):
        return Lead.objects.create(lead_id=lead_id, list_id=101, phone_number=phone_number, **fields)

    return create
