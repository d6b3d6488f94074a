"""Factory fixtures and personas for VICIdial rows: users, groups, IP lists, settings, recordings, calls."""
import datetime

import pytest
from django.db import connections

from recordings.clock import database_now
from recordings.models import InboundCall, OutboundCall, Recording, SystemSettings, UserGroup, VicidialUser
from recordings.routers import VICIDIAL_ALIAS

USER_DEFAULTS = {
    "full_name": "Test user",
    "user_level": 9,
    "user_group": "ADMIN",
    "active": "Y",
    "view_reports": "1",
    "vdc_agent_api_access": "1",
    "api_allowed_functions": " ALL_FUNCTIONS ",
    "api_only_user": "0",
    "ignore_ip_list": "0",
    "failed_login_count": 0,
    "failed_login_attempts_today": 0,
    "failed_login_count_today": 0,
    "pass_hash": "",
    "last_ip": "",
    "failed_last_ip_today": "",
    "failed_last_type_today": "",
    "two_factor_override": "NOT_ACTIVE",
}


def run_sql(sql, params=()):
    with connections[VICIDIAL_ALIAS].cursor() as cursor:
        cursor.execute(sql, list(params))
        return [tuple(row) for row in cursor.fetchall()] if cursor.description else None


@pytest.fixture
def vicidial_user_factory():
    def create(user, password="secret1", **fields):
        values = {**USER_DEFAULTS, "last_login_date": "2024-01-01 00:00:00", **fields}
        VicidialUser.objects.create(user=user, password=password, **values)
        return VicidialUser.objects.get(user=user)

    return create


@pytest.fixture
def set_system_settings():
    def update(**fields):
        SystemSettings.objects.update(**fields)
        return SystemSettings.load()

    return update


@pytest.fixture
def ip_list_factory():
    def create(list_id, *addresses, active="Y"):
        run_sql(
            "INSERT INTO vicidial_ip_lists (ip_list_id, ip_list_name, active, user_group) VALUES (%s, %s, %s, '---ALL---')",
            [list_id, list_id, active],
        )
        for address in addresses:
            run_sql("INSERT INTO vicidial_ip_list_entries (ip_list_id, ip_address) VALUES (%s, %s)", [list_id, address])

    return create


@pytest.fixture
def user_group_factory():
    def create(name, api_ip_list="", admin_ip_list=""):
        return UserGroup.objects.create(
            user_group=name, group_name=name, allowed_campaigns=" -ALL-CAMPAIGNS- ", api_ip_list=api_ip_list,
            admin_ip_list=admin_ip_list,
        )

    return create


@pytest.fixture
def manager(vicidial_user_factory):
    return vicidial_user_factory("manager", "managerpw", user_level=8)


@pytest.fixture
def agent(vicidial_user_factory):
    return vicidial_user_factory("1000", "agentpw", user_level=1, view_reports="0", vdc_agent_api_access="0")


@pytest.fixture
def api_user(vicidial_user_factory):
    return vicidial_user_factory("6666", "1234", user_level=9)


@pytest.fixture
def locked_user(vicidial_user_factory):
    # Ten failures and a login 60 seconds ago (database clock): locked for 14 more minutes.
    user = vicidial_user_factory("lockme", "lockpw", user_level=8, failed_login_count=10)
    run_sql("UPDATE vicidial_users SET last_login_date = %s WHERE user = 'lockme'", [seconds_ago(60)])
    return VicidialUser.objects.get(user="lockme")


def seconds_ago(seconds):
    """Return the database clock's time ``seconds`` ago."""
    return database_now(connections[VICIDIAL_ALIAS]) - datetime.timedelta(seconds=seconds)


@pytest.fixture
def recording_factory():
    """Create recording_log rows; ``recording_id`` counts up from 1001 unless given."""
    next_id = iter(range(1001, 100000))

    def create(**fields):
        values = {
            "recording_id": next(next_id),
            "start_time": datetime.datetime(2024, 3, 1, 9, 0, 0),
            "start_epoch": 1709283600,
            "end_epoch": 1709283630,
            "length_in_sec": 30,
            "lead_id": 100001,
            "user": "1000",
            "extension": "8309",
            "location": "http://10.0.0.5/RECORDINGS/MP3/a.mp3",
            **fields,
        }
        return Recording.objects.create(**values)

    return create


@pytest.fixture
def call_factory():
    """Create vicidial_log (outbound) or vicidial_closer_log (inbound) rows."""

    def create(uniqueid, inbound=False, **fields):
        if inbound:
            return InboundCall.objects.create(uniqueid=uniqueid, **fields)
        return OutboundCall.objects.create(uniqueid=uniqueid, **fields)

    return create
