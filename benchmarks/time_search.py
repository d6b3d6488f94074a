#!/usr/bin/env python
"""Time the first page of typical searches on a database filled by benchmarks/generate.py.

    .venv/bin/python benchmarks/time_search.py mysql://root@127.0.0.1/vicidial_bench --runs 20

For each search it times, in this process, the search page's work for its first
page: search() newest first (with the recording_id probes of a date range), the
first 25 rows and their agent names, phone numbers and campaigns. The app's remembered
id bounds are dropped before each run, so every run of a date search probes anew, as
a new search does. It also times the
final SELECT of that page sent as raw SQL through MySQLdb, the floor that any client
pays for that SQL alone. It prints one Markdown table row per search: median and
range in milliseconds over the runs, after one untimed warm-up run.
"""
import argparse
import datetime
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.django_env import setup_django  # noqa: E402

PAGE_SIZE = 25


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", help="mysql:// URL of a database filled by benchmarks/generate.py")
    parser.add_argument("--runs", type=int, default=20, help="timed runs per search (default 20)")
    return parser.parse_args()


def searches(sample, manager):
    """Return (name, Criteria, viewer) for each filter alone and with a date range."""
    from recordings.query import Criteria, day_bounds

    day = dict(zip(("start_from", "start_to"), day_bounds(sample.start_time.date())))
    week = dict(day, start_from=day["start_from"] - datetime.timedelta(days=6))
    month = dict(day, start_from=day["start_from"] - datetime.timedelta(days=29))
    phone = sample.filename.split("_")[1]
    uniqueid = sample.vicidial_id.split(".")[0]
    return [
        ("agent", Criteria(agent_user=sample.user), None),
        ("lead", Criteria(lead_id=sample.lead_id), None),
        ("phone", Criteria(phone_number=phone), None),
        ("uniqueid", Criteria(uniqueid_prefix=uniqueid), None),
        ("day", Criteria(**day), None),
        ("week", Criteria(**week), None),
        ("month", Criteria(**month), None),
        ("day + agent", Criteria(agent_user=sample.user, **day), None),
        ("day + lead", Criteria(lead_id=sample.lead_id, **day), None),
        ("day + phone", Criteria(phone_number=phone, **day), None),
        ("day + uniqueid", Criteria(uniqueid_prefix=uniqueid, **day), None),
        ("day + extension", Criteria(extension=sample.extension, **day), None),
        ("day + duration 60–300 s", Criteria(min_duration=60, max_duration=300, **day), None),
        ("day + campaign", Criteria(campaign_id="SALES", **day), None),
        ("day + in-group", Criteria(campaign_id="SUPPORT", **day), None),
        ("day + archive", Criteria(include_archived=True, **day), None),
        ("day, manager who sees 20 agents", Criteria(**day), manager),
        ("week + agent", Criteria(agent_user=sample.user, **week), None),
        ("week + campaign", Criteria(campaign_id="SALES", **week), None),
    ]


def first_page(criteria, viewer):
    from recordings.query import describe_page, search

    return describe_page(search(criteria, ordering="-start_time", viewer=viewer)[:PAGE_SIZE])


def time_runs(function, runs, before=lambda: None):
    function()
    durations = []
    for _ in range(runs):
        before()
        started = time.perf_counter()
        function()
        durations.append((time.perf_counter() - started) * 1000)
    return durations


def last_select(criteria, viewer):
    """Return the SQL of the page's main SELECT, as MySQLdb sent it."""
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connections["vicidial"]) as captured:
        first_page(criteria, viewer)
    selects = [query["sql"] for query in captured.captured_queries if f"LIMIT {PAGE_SIZE}" in query["sql"]]
    return selects[-1] if selects else None


def run_raw(sql):
    from django.db import connections

    raw = connections["vicidial"].connection
    cursor = raw.cursor()
    cursor.execute(sql)
    cursor.fetchall()
    cursor.close()


def summary(durations):
    return f"{statistics.median(durations):.1f} ({min(durations):.1f}–{max(durations):.1f})"


def main():
    arguments = parse_arguments()
    setup_django(arguments.url)
    from recordings.models import Recording, VicidialUser
    from recordings.query_window import forget_proofs

    count = Recording.objects.count()
    sample = Recording.objects.get(pk=count // 2 + 1)
    manager = VicidialUser(user="bench-manager", user_group="BENCH_TEAMLEAD")
    prepare_manager_group()
    print(f"{count:,} recordings; sample recording {sample.pk}, agent {sample.user}, {sample.start_time}")
    print("| search | rows on page | first page, ms | SQL alone, ms |\n|---|---|---|---|")
    for name, criteria, viewer in searches(sample, manager):
        rows = len(first_page(criteria, viewer))
        page = summary(time_runs(lambda: first_page(criteria, viewer), arguments.runs, before=forget_proofs))
        sql = last_select(criteria, viewer)
        floor = summary(time_runs(lambda: run_raw(sql), arguments.runs)) if sql else "–"
        print(f"| {name} | {rows} | {page} | {floor} |", flush=True)


def prepare_manager_group():
    """Create a group that may see 20 of the generated agents (idempotent)."""
    from django.db import connections

    with connections["vicidial"].cursor() as cursor:
        cursor.execute("DELETE FROM vicidial_user_groups WHERE user_group IN ('BENCH_TEAMLEAD', 'BENCH_TEAM1')")
        cursor.execute(
            "INSERT INTO vicidial_user_groups (user_group, group_name, admin_viewable_groups)"
            " VALUES ('BENCH_TEAMLEAD', 'Bench team leads', ' BENCH_TEAM1 '), ('BENCH_TEAM1', 'Bench team 1', '')"
        )
        cursor.execute(
            "UPDATE vicidial_users SET user_group = 'BENCH_TEAM1'"
            " WHERE user BETWEEN 'agent001' AND 'agent020' AND user_level = 1"
        )


if __name__ == "__main__":
    main()
