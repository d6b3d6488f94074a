"""EXPLAIN every query of typical searches on 200,000 generated recordings.

With a handful of rows the optimizer reads whole tables whatever the indexes, so this
module fills its own benchmark database with benchmarks/generate.py (about 4 s) and
routes the search reads there as to a read replica. Each query the page and the
legacy API run must read recording_log through an index or the primary key.
"""
import datetime
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from recordings.models import ArchivedRecording, Recording
from recordings.query import Criteria, day_bounds, describe_page, search
from recordings.query_window import start_time_is_indexed
from tests.query_factories import viewable_group_factory  # noqa: F401 (fixtures)

pytestmark = pytest.mark.mariadb_only

BENCH_ALIAS = "bench"
BENCH_NAME = "vicidial_bench_query_explain"
BENCH_RECORDINGS = 200_000
RECORDING_TABLES = {"recording_log", "recording_log_archive"}
GENERATOR = Path(__file__).resolve().parent.parent / "benchmarks" / "generate.py"


def fill_bench_database(settings_dict):
    credentials = settings_dict["USER"]
    if settings_dict["PASSWORD"]:
        credentials += ":" + settings_dict["PASSWORD"]
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or 3306
    url = f"mysql://{credentials}@{host}:{port}/{BENCH_NAME}"
    command = [sys.executable, str(GENERATOR), url, "--recordings", str(BENCH_RECORDINGS), "--replace"]
    subprocess.run(command, check=True, capture_output=True)


@pytest.fixture(scope="module")
def bench_alias(django_db_setup, django_db_blocker):
    """Fill the benchmark database and register it as a connection alias for this module."""
    if connections["vicidial"].vendor != "mysql":
        pytest.skip("needs the VICIdial database on MariaDB (set VICIDIAL_DATABASE_URL)")
    settings_dict = dict(connections["vicidial"].settings_dict, NAME=BENCH_NAME)
    fill_bench_database(settings_dict)
    connections.settings[BENCH_ALIAS] = settings_dict
    yield BENCH_ALIAS
    with django_db_blocker.unblock():
        connections[BENCH_ALIAS].close()
    del connections[BENCH_ALIAS]
    del connections.settings[BENCH_ALIAS]


@pytest.fixture
def bench(bench_alias, settings):
    """Route the search reads to the benchmark database; return a recording from its middle."""
    settings.VICIDIAL_REPLICA_ALIAS = bench_alias
    # Look for start_time indexes now, so that introspection queries are not captured.
    start_time_is_indexed(Recording)
    start_time_is_indexed(ArchivedRecording)
    return Recording.objects.get(pk=BENCH_RECORDINGS // 2 + 1)


@pytest.fixture
def team_manager(vicidial_user_factory, viewable_group_factory):
    """A manager who may see 20 of the 200 generated agents."""
    viewable_group_factory("TEAMLEAD", admin_viewable_groups=" TEAM1 ")
    for number in range(1, 21):
        vicidial_user_factory(f"agent{number:03}", user_group="TEAM1")
    return vicidial_user_factory("6666", user_group="TEAMLEAD", user_level=8)


PAGE_SEARCHES = [
    "agent and day",
    "lead",
    "phone",
    "uniqueid",
    "day alone",
    "week alone",
    "week and agent",
    "week and lead",
    "week and phone",
    "week and uniqueid",
    "week and extension",
    "week and duration",
    "week and campaign",
    "week and in-group",
    "week with archive",
    "from yesterday",
]
# The legacy API searches by agent, lead, uniqueid, extension and single days only.
API_SEARCHES = ["agent and day", "lead", "uniqueid", "day alone", "day and extension", "agent and lead"]


def typical_searches(sample):
    """Return {name: Criteria} for the searches managers and API scripts run most."""
    day = day_bounds(sample.start_time.date())
    week = (day[0] - datetime.timedelta(days=6), day[1])
    # The page's "from" day alone, a day before the newest generated recording.
    yesterday = Recording.objects.order_by("-pk").values_list("start_time", flat=True).first() - datetime.timedelta(days=1)
    in_week = dict(zip(("start_from", "start_to"), week))
    phone = sample.filename.split("_")[1]
    uniqueid = sample.vicidial_id.split(".")[0]
    return {
        "agent and day": Criteria(agent_user=sample.user, start_from=day[0], start_to=day[1]),
        "lead": Criteria(lead_id=sample.lead_id),
        "phone": Criteria(phone_number=phone),
        "uniqueid": Criteria(uniqueid_prefix=uniqueid),
        "day alone": Criteria(start_from=day[0], start_to=day[1]),
        "week alone": Criteria(**in_week),
        "week and agent": Criteria(agent_user=sample.user, **in_week),
        "week and lead": Criteria(lead_id=sample.lead_id, **in_week),
        "week and phone": Criteria(phone_number=phone, **in_week),
        "week and uniqueid": Criteria(uniqueid_prefix=uniqueid, **in_week),
        "week and extension": Criteria(extension=sample.extension, **in_week),
        "week and duration": Criteria(min_duration=60, max_duration=300, **in_week),
        "week and campaign": Criteria(campaign_id="SALES", **in_week),
        "week and in-group": Criteria(campaign_id="SUPPORT", **in_week),
        "week with archive": Criteria(include_archived=True, **in_week),
        "from yesterday": Criteria(start_from=yesterday),
        "day and extension": Criteria(extension=sample.extension, start_from=day[0], start_to=day[1]),
        "agent and lead": Criteria(agent_user=sample.user, lead_id=sample.lead_id),
    }


def run_page(criteria, viewer=None):
    """Run the page's first page of results, newest first with details; return the SELECTs run."""
    with CaptureQueriesContext(connections[BENCH_ALIAS]) as captured:
        describe_page(search(criteria, ordering="-start_time", viewer=viewer)[:25])
    return selects(captured)


def run_api(criteria):
    """Run the legacy API's lookup, oldest first and capped; return the SELECTs run."""
    with CaptureQueriesContext(connections[BENCH_ALIAS]) as captured:
        list(search(criteria)[:100_000])
    return selects(captured)


def selects(captured):
    return [query["sql"] for query in captured.captured_queries if query["sql"].lstrip("(").startswith("SELECT")]


def recording_table_plans(sql):
    with connections[BENCH_ALIAS].cursor() as cursor:
        cursor.execute("EXPLAIN " + sql)
        columns = [column[0] for column in cursor.description]
        plans = [dict(zip(columns, row)) for row in cursor.fetchall()]
    return [plan for plan in plans if plan["table"] in RECORDING_TABLES]


def full_scans(statements):
    scans = []
    for sql in statements:
        scans += [(plan["table"], sql) for plan in recording_table_plans(sql) if plan["type"] == "ALL"]
    return scans


@pytest.mark.parametrize("name", PAGE_SEARCHES)
def test_page_search_avoids_full_scan(bench, name):
    statements = run_page(typical_searches(bench)[name])

    assert any(recording_table_plans(sql) for sql in statements)
    assert full_scans(statements) == []


@pytest.mark.parametrize("name", API_SEARCHES)
def test_api_search_avoids_full_scan(bench, name):
    statements = run_api(typical_searches(bench)[name])

    assert any(recording_table_plans(sql) for sql in statements)
    assert full_scans(statements) == []


def test_scoped_search_avoids_full_scan(bench, team_manager):
    day = day_bounds(bench.start_time.date())

    statements = run_page(Criteria(start_from=day[0], start_to=day[1]), viewer=team_manager)

    assert full_scans(statements) == []
