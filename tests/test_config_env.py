"""Database settings read from the environment, and the defaults gunicorn workers get."""
import os
import runpy
from pathlib import Path

from config.env import env_database

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
