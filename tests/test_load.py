"""A short load test in the suite: ten clients for five seconds against the live server.

benchmarks/load_test.py runs the same mix at full size against gunicorn; here the
point is that concurrent requests fail none and lose no audit row.
"""
import datetime

import pytest

from benchmarks.load_traffic import Plan, run_load
from tests.vicidial_factories import run_sql

pytestmark = [pytest.mark.load, pytest.mark.django_db(databases="__all__", transaction=True)]

CLIENTS = 10
SECONDS = 5
LOCAL_PREFIX = "http://127.0.0.1/RECORDINGS/"


@pytest.fixture
def plan(api_user, recording_factory, set_system_settings, settings, tmp_path):
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    settings.RECORDINGS_PATH_MAP = [(LOCAL_PREFIX, str(tmp_path))]
    settings.AUDIO_X_ACCEL_MAP = []
    set_system_settings(log_recording_access="1")
    run_sql("UPDATE vicidial_users SET access_recordings = '1'")
    # The manager's group may view every group's recordings on the page.
    run_sql(
        "INSERT INTO vicidial_user_groups (user_group, group_name, admin_viewable_groups)"
        " VALUES ('ADMIN', 'Administrators', ' ---ALL--- ')"
    )
    ids = []
    for number in range(20):
        (tmp_path / f"call{number}.mp3").write_bytes(bytes(range(256)) * 64)
        recording = recording_factory(start_time=datetime.datetime(2024, 3, 1, 9, number), lead_id=100001 + number % 4,
                                      location=f"{LOCAL_PREFIX}call{number}.mp3")
        ids.append(recording.recording_id)
    return Plan(api_user="6666", api_password="1234", page_user="6666", page_password="1234",
                agent_days=[("1000", "2024-03-01")], leads=["100001", "100002", "100003"], audio_ids=ids)


def row_count(table):
    return run_sql(f"SELECT COUNT(*) FROM {table}")[0][0]


def test_concurrent_clients_lose_nothing(live_server, plan):
    results = run_load(live_server.url, plan, CLIENTS, SECONDS)

    api_answered = results.succeeded("api_agent_date") + results.succeeded("api_lead")
    assert results.error_samples == []
    assert results.count() > CLIENTS
    assert row_count("vicidial_api_log") == api_answered
    assert row_count("vicidial_api_urls") == api_answered
    assert row_count("vicidial_recording_access_log") == results.succeeded("audio_play")
