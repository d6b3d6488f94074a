"""Database settings read from the environment, and the defaults gunicorn workers get."""
import os
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import env_database, env_int

ROOT = Path(__file__).resolve().parent.parent
URL = "mysql://reader:secret@10.0.0.5:3306/asterisk"


def test_connections_are_not_kept_by_default(monkeypatch):
    monkeypatch.setenv("TEST_DB_URL", URL)
    monkeypatch.delenv("DB_CONN_MAX_AGE", raising=False)

    config = env_database("TEST_DB_URL", None)

    assert (config["CONN_MAX_AGE"], config["CONN_HEALTH_CHECKS"]) == (0, True)


def test_connection_age_comes_from_environment(monkeypatch):
    monkeypatch.setenv("TEST_DB_URL", URL)
    monkeypatch.setenv("DB_CONN_MAX_AGE", "300")

    config = env_database("TEST_DB_URL", None)

    assert (config["CONN_MAX_AGE"], config["CONN_HEALTH_CHECKS"]) == (300, True)
    assert config["OPTIONS"]["charset"] == "utf8mb4"


def test_gunicorn_workers_keep_connections(monkeypatch):
    monkeypatch.delenv("DB_CONN_MAX_AGE", raising=False)

    runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py"))

    assert os.environ["DB_CONN_MAX_AGE"] == "300"


def test_gunicorn_leaves_a_chosen_age_alone(monkeypatch):
    monkeypatch.setenv("DB_CONN_MAX_AGE", "0")

    runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py"))

    assert os.environ["DB_CONN_MAX_AGE"] == "0"


def test_number_below_minimum_is_rejected(monkeypatch):
    monkeypatch.setenv("TEST_SECONDS", "-3600")

    with pytest.raises(ImproperlyConfigured, match="TEST_SECONDS must be at least 0; got -3600"):
        env_int("TEST_SECONDS", 7200, minimum=0)


def test_negative_margin_stops_start_up():
    # A negative margin would cut the first and last hour off every date search.
    environment = dict(os.environ, RECORDING_START_MARGIN_SECONDS="-3600", DJANGO_SETTINGS_MODULE="config.settings")
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=environment,
                            capture_output=True, text=True, timeout=60)

    assert result.returncode != 0
    assert "RECORDING_START_MARGIN_SECONDS must be at least 0; got -3600" in result.stderr
