#!/usr/bin/env python
"""Fill a MariaDB database with VICIdial-shaped tables and N made-up recordings.

    .venv/bin/python benchmarks/generate.py mysql://root@127.0.0.1/vicidial_bench \
        --recordings 1000000

The rows are made inside MariaDB with INSERT ... SELECT over its SEQUENCE engine
(seq_1_to_N tables), one chunk at a time with a progress line, so that 10 million
recordings take minutes. The data has 200 agents, 365 days of calls, leads with
phone numbers, VICIdial-style filenames and locations, and call-log rows for a share
of the recordings. recording_id grows with start_time, as in VICIdial, except that a
few rows in every thousand start up to 30 seconds earlier than their neighbours, as
when two telephony servers write to one table.

The database name must contain "bench", and an existing recording_log is emptied
first only with --replace: the script refuses to touch anything else.
"""
import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.django_env import setup_django  # noqa: E402

AGENTS = 200
DAYS = 365
FIRST_EPOCH = 1735689600  # 2025-01-01 00:00:00 UTC
OUTBOUND_SHARE = 60  # percent of recordings with a vicidial_log row
INBOUND_SHARE = 20  # percent with a vicidial_closer_log row
LEADS_PER_RECORDING = 3  # one lead for every three recordings
CAMPAIGNS = ("SALES", "RENEWAL", "SURVEY", "COLLECT")
INGROUPS = ("SUPPORT", "BILLING")


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", help="mysql:// URL of the benchmark database; its name must contain 'bench'")
    parser.add_argument("--recordings", type=int, default=1_000_000, help="number of recording_log rows")
    parser.add_argument("--chunk", type=int, default=250_000, help="rows inserted per statement")
    parser.add_argument("--replace", action="store_true", help="empty the generated tables first")
    return parser.parse_args()


def connect(url):
    # Building the indexes of 10 million rows takes minutes in one statement, far past
    # the app's default 30-second read timeout.
    setup_django(url, DB_READ_TIMEOUT=os.environ.get("DB_READ_TIMEOUT", "3600"))
    from django.db import connections

    connection = connections["vicidial"]
    name = connection.settings_dict["NAME"]
    if "bench" not in name:
        sys.exit(f"Refusing to fill database {name!r}: its name must contain 'bench'.")
    return connection


def create_database_and_tables(connection):
    from recordings.vicidial_db import create_missing_tables

    name = connection.settings_dict["NAME"]
    settings = dict(connection.settings_dict, NAME="")
    import MySQLdb

    server = MySQLdb.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=int(settings["PORT"] or 3306),
        user=settings["USER"],
        password=settings["PASSWORD"] or "",
    )
    server.cursor().execute(f"CREATE DATABASE IF NOT EXISTS `{name}`")
    server.close()
    created = create_missing_tables(connection)
    print(f"Tables created: {len(created)}")


def empty_generated_tables(cursor, replace):
    cursor.execute("SELECT COUNT(*) FROM recording_log")
    if cursor.fetchone()[0] and not replace:
        sys.exit("recording_log already has rows; give --replace to empty it and generate anew.")
    for table in ("recording_log", "vicidial_log", "vicidial_closer_log", "vicidial_list", "vicidial_users"):
        cursor.execute(f"TRUNCATE TABLE {table}")


def insert_users(cursor):
    cursor.execute(
        "INSERT INTO vicidial_users (user, pass, full_name, user_level, user_group, active, view_reports,"
        " vdc_agent_api_access, api_allowed_functions, access_recordings)"
        " VALUES ('6666', '1234', 'Benchmark Manager', 9, 'ADMIN', 'Y', '1', '1', ' ALL_FUNCTIONS ', '1')"
    )
    cursor.execute(
        "INSERT INTO vicidial_users (user, pass, full_name, user_level, user_group, active)"
        f" SELECT CONCAT('agent', LPAD(seq, 3, '0')), 'agentpw', CONCAT('Agent ', seq), 1, 'AGENTS', 'Y'"
        f" FROM seq_1_to_{AGENTS}"
    )
    cursor.execute("DELETE FROM vicidial_user_groups")
    cursor.execute(
        "INSERT INTO vicidial_user_groups (user_group, group_name, admin_viewable_groups) VALUES"
        " ('ADMIN', 'Administrators', ' ---ALL--- '), ('AGENTS', 'Agents', '')"
    )
    cursor.execute("DELETE FROM servers")
    cursor.execute("INSERT INTO servers (server_id, server_ip, active) VALUES ('BENCH1', '10.0.0.5', 'Y')")


# Every column is an expression of `n`, the row's number (1 to N) taken from a
# seq_FIRST_to_LAST table, so each chunk is one INSERT ... SELECT. Every 337th
# recording starts 30 seconds early, out of recording_id order.
START_EPOCH_SQL = "({first} + FLOOR(n * {spacing}) - IF(n % 337 = 0, 30, 0))"


def insert_chunk(cursor, table, columns, select, first, last):
    sequence = f"seq_{first}_to_{last}"
    cursor.execute(f"INSERT INTO {table} ({columns}) SELECT {select} FROM (SELECT seq AS n FROM {sequence}) AS s")


def recording_select(count):
    spacing = DAYS * 86400 / count
    start = START_EPOCH_SQL.format(first=FIRST_EPOCH, spacing=spacing)
    leads = max(1, count // LEADS_PER_RECORDING)
    agent = "CONCAT('agent', LPAD(1 + (n * 7) % {agents}, 3, '0'))".format(agents=AGENTS)
    lead = f"(1 + (n * 7919) % {leads})"
    phone = f"CONCAT('555', LPAD({lead}, 7, '0'))"
    filename = f"CONCAT(DATE_FORMAT(FROM_UNIXTIME({start}), '%Y%m%d-%H%i%s'), '_', {phone}, '_', {agent})"
    duration = "(5 + (n * 31) % 900)"
    vicidial_id = (
        f"CASE WHEN n % 100 < {OUTBOUND_SHARE} THEN CONCAT({start}, '.', n)"
        f" WHEN n % 100 < {OUTBOUND_SHARE + INBOUND_SHARE} THEN CAST(n AS CHAR) ELSE NULL END"
    )
    return ", ".join(
        [
            "n",
            "CONCAT('Local/5860', n, '@default')",
            "'10.0.0.5'",
            "CONCAT('83', n % 100)",
            f"FROM_UNIXTIME({start})",
            start,
            f"FROM_UNIXTIME({start} + {duration})",
            f"{start} + {duration}",
            duration,
            f"ROUND({duration} / 60, 2)",
            filename,
            f"CONCAT('http://10.0.0.5/RECORDINGS/MP3/', {filename}, '-all.mp3')",
            lead,
            agent,
            vicidial_id,
        ]
    )


RECORDING_COLUMNS = (
    "recording_id, channel, server_ip, extension, start_time, start_epoch, end_time, end_epoch,"
    " length_in_sec, length_in_min, filename, location, lead_id, user, vicidial_id"
)


def call_select(count, outbound):
    spacing = DAYS * 86400 / count
    start = START_EPOCH_SQL.format(first=FIRST_EPOCH, spacing=spacing)
    leads = max(1, count // LEADS_PER_RECORDING)
    lead = f"(1 + (n * 7919) % {leads})"
    agent = "CONCAT('agent', LPAD(1 + (n * 7) % {agents}, 3, '0'))".format(agents=AGENTS)
    campaigns = CAMPAIGNS if outbound else INGROUPS
    campaign = "ELT(1 + n % {size}, {names})".format(
        size=len(campaigns), names=", ".join(f"'{name}'" for name in campaigns)
    )
    key = f"CONCAT({start}, '.', n)" if outbound else "n"
    columns = [key, lead, campaign, f"FROM_UNIXTIME({start})", agent, f"CONCAT('555', LPAD({lead}, 7, '0'))", "'SALE'", "(5 + (n * 31) % 900)"]
    if not outbound:
        columns.append(f"CONCAT({start}, '.', n)")
    return ", ".join(columns)


def fill_in_chunks(cursor, label, total, chunk, insert, unit="rows"):
    started = time.monotonic()
    for first in range(1, total + 1, chunk):
        last = min(total, first + chunk - 1)
        insert(first, last)
        elapsed = time.monotonic() - started
        print(f"\r{label}: {last:,}/{total:,} {unit}, {elapsed:.0f} s", end="", flush=True)
    print()


def main():
    arguments = parse_arguments()
    connection = connect(arguments.url)
    create_database_and_tables(connection)
    count = arguments.recordings

    with connection.cursor() as cursor:
        empty_generated_tables(cursor, arguments.replace)
        insert_users(cursor)
        cursor.execute("ALTER TABLE recording_log DISABLE KEYS")
        fill_in_chunks(
            cursor,
            "recording_log",
            count,
            arguments.chunk,
            lambda first, last: insert_chunk(cursor, "recording_log", RECORDING_COLUMNS, recording_select(count), first, last),
        )
        print("Building recording_log indexes ...", flush=True)
        cursor.execute("ALTER TABLE recording_log ENABLE KEYS")

        leads = max(1, count // LEADS_PER_RECORDING)
        fill_in_chunks(
            cursor,
            "vicidial_list",
            leads,
            arguments.chunk,
            lambda first, last: insert_chunk(
                cursor,
                "vicidial_list",
                "lead_id, list_id, phone_number, first_name, last_name",
                "n, 101, CONCAT('555', LPAD(n, 7, '0')), CONCAT('First', n % 1000), CONCAT('Last', n % 997)",
                first,
                last,
            ),
        )
        # Call-log rows exist for the recordings whose vicidial_id points at a call.
        fill_in_chunks(
            cursor,
            f"vicidial_log, calls of {OUTBOUND_SHARE}% of the recordings",
            count,
            arguments.chunk,
            lambda first, last: cursor.execute(
                "INSERT INTO vicidial_log (uniqueid, lead_id, campaign_id, call_date, user, phone_number, status, length_in_sec)"
                f" SELECT {call_select(count, outbound=True)} FROM (SELECT seq AS n FROM seq_{first}_to_{last}) AS s"
                f" WHERE n % 100 < {OUTBOUND_SHARE}"
            ),
            unit="recordings",
        )
        fill_in_chunks(
            cursor,
            f"vicidial_closer_log, calls of {INBOUND_SHARE}% of the recordings",
            count,
            arguments.chunk,
            lambda first, last: cursor.execute(
                "INSERT INTO vicidial_closer_log (closecallid, lead_id, campaign_id, call_date, user, phone_number, status,"
                f" length_in_sec, uniqueid) SELECT {call_select(count, outbound=False)}"
                f" FROM (SELECT seq AS n FROM seq_{first}_to_{last}) AS s"
                f" WHERE n % 100 >= {OUTBOUND_SHARE} AND n % 100 < {OUTBOUND_SHARE + INBOUND_SHARE}"
            ),
            unit="recordings",
        )
    print(f"Done: {count:,} recordings, {leads:,} leads, {AGENTS} agents in {connection.settings_dict['NAME']}.")


if __name__ == "__main__":
    main()
