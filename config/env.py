"""Typed readers for settings that come from the environment.

Each helper names the variable in its error, so a bad deployment fails at start-up
with a message that names what to fix.
"""
import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


def env_str(name, default=None):
    value = os.environ.get(name, "")
    return value if value != "" else default


def env_bool(name, default=False):
    value = os.environ.get(name, "").strip().lower()
    if value == "":
        return default
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1, 0, true, false, yes, no; got {value!r}")


def env_int(name, default, minimum=None):
    value = os.environ.get(name, "").strip()
    if value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {value!r}") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}; got {number}")
    return number


def env_list(name, default=()):
    """Read a comma-separated list; blank items are dropped."""
    value = os.environ.get(name, "")
    if value.strip() == "":
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_database(name, default_sqlite_path):
    """Read a database URL such as mysql://user:pass@host/name into a DATABASES entry.

    Without the variable the entry is an SQLite file at ``default_sqlite_path``.
    """
    url = os.environ.get(name, "").strip()
    if url == "":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(default_sqlite_path)}
    config = _parse_database_url(name, url)
    # Seconds a worker keeps its connection between requests (0: a new one for each
    # request). gunicorn.conf.py raises the default for production workers. A kept
    # connection is checked before its first query of each request.
    config["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 0, minimum=0)
    config["CONN_HEALTH_CHECKS"] = True
    if config["ENGINE"] == "django.db.backends.mysql":
        config.setdefault("OPTIONS", {})
        # utf8mb4 reads every VICIdial charset (latin1, utf8) without loss.
        config["OPTIONS"].setdefault("charset", "utf8mb4")
        # Bounded waits, so that an unreachable or hung server fails a request with
        # a clear error instead of holding a worker.
        config["OPTIONS"].setdefault("connect_timeout", env_int("DB_CONNECT_TIMEOUT", 5, minimum=1))
        config["OPTIONS"].setdefault("read_timeout", env_int("DB_READ_TIMEOUT", 30, minimum=1))
        config["OPTIONS"].setdefault("write_timeout", env_int("DB_READ_TIMEOUT", 30, minimum=1))
    return config


def _parse_database_url(name, url):
    try:
        return dj_database_url.parse(url)
    except ValueError as error:
        # The URL may hold a password, so only the scheme is echoed.
        scheme = url.split(":", 1)[0]
        raise ImproperlyConfigured(f"{name} is not a valid database URL (scheme {scheme!r}): {error.__class__.__name__}") from None
