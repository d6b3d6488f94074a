"""Shared fixtures: the VICIdial-shaped test database on SQLite or MariaDB.

The suite runs once per engine. With VICIDIAL_DATABASE_URL unset, the VICIdial
database is SQLite. With a mysql:// URL there, Django creates a test database on that
server, and its tables are MyISAM as in production.
"""
import os

import pytest
from django.db import connections
from hypothesis import settings as hypothesis_settings

from recordings.query_window import forget_proofs
from recordings.vicidial_db import create_missing_tables, empty_tables


# "ci" (the default) replays the same examples on every run; HYPOTHESIS_PROFILE=thorough
# draws fresh random examples, and the modules that read HYPOTHESIS_PROFILE draw 20 times more.
hypothesis_settings.register_profile("ci", derandomize=True, database=None, deadline=None)
hypothesis_settings.register_profile("thorough", deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("django_db") is None:
            item.add_marker(pytest.mark.django_db(databases="__all__"))


def pytest_report_header(config):
    url = os.environ.get("VICIDIAL_DATABASE_URL", "")
    engine = url.split(":", 1)[0] if url else "sqlite"
    return f"VICIdial database engine: {engine}"


def pytest_runtest_setup(item):
    if item.get_closest_marker("mariadb_only") and connections["vicidial"].vendor != "mysql":
        pytest.skip("needs the VICIdial database on MariaDB (set VICIDIAL_DATABASE_URL)")


def pytest_sessionfinish(session, exitstatus):
    """Fail a run that requires MariaDB (REQUIRE_MARIADB=1) but passed no MariaDB test."""
    if os.environ.get("REQUIRE_MARIADB") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    passed = reporter.stats.get("passed", []) if reporter else []
    ran_on_mariadb = connections["vicidial"].vendor == "mysql" and any(
        "mariadb_only" in report.keywords for report in passed
    )
    if not ran_on_mariadb:
        print("\nREQUIRE_MARIADB=1 but no MariaDB test passed: failing the run.")
        session.exitstatus = 1


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        create_missing_tables(connections["vicidial"])
        create_missing_tables(connections["replica"])


@pytest.fixture(autouse=True)
def _fresh_vicidial_tables(request):
    """Empty the VICIdial tables before each database test.

    MyISAM ignores the rollback that isolates Django tests, so rows are deleted
    instead. DELETE, unlike TRUNCATE, does not end the test's transaction. Ids
    come back with other start times, so the remembered id-bound proofs go too.
    """
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return
    transactional = marker.kwargs.get("transaction", False)
    request.getfixturevalue("transactional_db" if transactional else "db")
    empty_tables(connections["vicidial"])
    forget_proofs()


@pytest.fixture
def vicidial_vendor():
    return connections["vicidial"].vendor


@pytest.fixture
def logged_in_client(client, settings):
    """A test client logged in as a Django user of the default database.

    It logs in through Django's ModelBackend, so page tests do not depend on how
    VicidialBackend checks VICIdial credentials.
    """
    from django.contrib.auth.models import User

    model_backend = "django.contrib.auth.backends.ModelBackend"
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, model_backend]
    client.force_login(User.objects.create_user("6666"), backend=model_backend)
    return client


# Factories and personas for VICIdial rows (users, groups, IP lists, settings, recordings, calls).
from tests.vicidial_factories import (  # noqa: E402,F401
    agent,
    api_user,
    call_factory,
    ip_list_factory,
    locked_user,
    manager,
    recording_factory,
    set_system_settings,
    user_group_factory,
    vicidial_user_factory,
)
