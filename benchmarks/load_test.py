#!/usr/bin/env python
"""Load test: concurrent clients against gunicorn on 127.0.0.1, then a count of the audit rows.

    .venv/bin/python benchmarks/generate.py mysql://root@127.0.0.1/vicidial_bench --recordings 500000
    .venv/bin/python benchmarks/load_test.py mysql://root@127.0.0.1/vicidial_bench \
        --clients 50 --seconds 60 --workers 4 --port 8061

The database must have been filled by generate.py (its manager 6666/1234 is the API
and page user). The script turns on system_settings.log_recording_access, writes
small audio files for a sample of recordings into a temporary directory mapped with
RECORDINGS_PATH_MAP, starts gunicorn with config/gunicorn.conf.py, and runs the mix
of benchmarks/load_traffic.py. It then compares the API requests that succeeded
with the rows added to vicidial_api_log and vicidial_api_urls, and the plays (Range
from byte 0) with the rows added to vicidial_recording_access_log. The exit status is
1 when a request failed or a row is missing.
"""
import argparse
import os
import platform
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.load_traffic import Plan, run_load  # noqa: E402

AUDIO_FILES = 100
AUDIO_BYTES = 64 * 1024
SAMPLES = 500
LOG_TABLES = ("vicidial_api_log", "vicidial_api_urls", "vicidial_recording_access_log")


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", help="mysql:// URL of a database filled by benchmarks/generate.py")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    parser.add_argument("--seconds", type=int, default=60, help="duration of the run in seconds")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=8061, help="port gunicorn listens on, on 127.0.0.1")
    return parser.parse_args()


def connect(url):
    import dj_database_url
    import MySQLdb

    config = dj_database_url.parse(url)
    return MySQLdb.connect(host=config["HOST"] or "127.0.0.1", port=int(config["PORT"] or 3306), user=config["USER"],
                           password=config["PASSWORD"] or "", database=config["NAME"], autocommit=True)


def query(connection, sql, params=()):
    cursor = connection.cursor()
    cursor.execute(sql, params)
    return cursor.fetchall()


def make_plan(connection, audio_dir):
    """Pick sample searches and recordings, and write the audio files of the sampled recordings."""
    total = query(connection, "SELECT MAX(recording_id) FROM recording_log")[0][0]
    if not total:
        sys.exit("recording_log is empty: fill the database with benchmarks/generate.py first.")
    step = max(1, total // SAMPLES)
    sample = query(connection, "SELECT recording_id, user, DATE(start_time), lead_id, location FROM recording_log"
                               " WHERE recording_id %% %s = 0 LIMIT %s", (step, SAMPLES))
    audio_ids = []
    for recording_id, _, _, _, location in sample[:AUDIO_FILES]:
        path = audio_dir / location.split("/RECORDINGS/", 1)[1]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(os.urandom(AUDIO_BYTES))
        audio_ids.append(recording_id)
    return Plan(
        api_user="6666", api_password="1234", page_user="6666", page_password="1234",
        agent_days=[(user, str(day)) for _, user, day, _, _ in sample],
        leads=[str(lead) for _, _, _, lead, _ in sample],
        audio_ids=audio_ids,
    )


def row_counts(connection):
    return {table: query(connection, f"SELECT COUNT(*) FROM {table}")[0][0] for table in LOG_TABLES}


def settled_row_counts(connection):
    """Return the row counts once they stop changing for a second (at most 10 s), so that late writes count."""
    counts = row_counts(connection)
    for _ in range(10):
        time.sleep(1)
        latest = row_counts(connection)
        if latest == counts:
            break
        counts = latest
    return counts


def server_environment(arguments, work_dir, audio_dir):
    return {
        **os.environ,
        "VICIDIAL_DATABASE_URL": arguments.url,
        "DATABASE_URL": f"sqlite:///{work_dir / 'app.sqlite3'}",
        "VAR_DIR": str(work_dir),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        "RECORDINGS_PATH_MAP": f"http://10.0.0.5/RECORDINGS/={audio_dir}/",
        "GUNICORN_BIND": f"127.0.0.1:{arguments.port}",
        "WEB_CONCURRENCY": str(arguments.workers),
        "GUNICORN_ACCESS_LOG": str(work_dir / "access.log"),
    }


def start_gunicorn(arguments, environment, work_dir):
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "--database", "default", "-v", "0"], cwd=ROOT, env=environment, check=True)
    gunicorn = str(Path(python).with_name("gunicorn"))
    log = open(work_dir / "gunicorn.log", "w")
    server = subprocess.Popen([gunicorn, "-c", "config/gunicorn.conf.py", "config.wsgi"], cwd=ROOT, env=environment,
                              stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{arguments.port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base_url}/login/", timeout=2)
            return server, base_url
        except urllib.error.HTTPError:
            return server, base_url
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit(f"gunicorn did not start; see {work_dir / 'gunicorn.log'}")


def print_progress(elapsed, results):
    print(f"  {elapsed:5.0f} s: {results.count():,} requests, {results.error_count():,} errors", flush=True)


def report(arguments, results, before, after):
    """Print the figures and return the number of problems: errors plus missing or extra rows."""
    api_answered = results.succeeded("api_agent_date") + results.succeeded("api_lead")
    plays = results.succeeded("audio_play")
    expected = {"vicidial_api_log": api_answered, "vicidial_api_urls": api_answered, "vicidial_recording_access_log": plays}
    print(f"\nMachine: {platform.node()}, {os.cpu_count()} CPUs, {platform.platform()}")
    print(f"Run: {arguments.clients} clients, {arguments.seconds} s, {arguments.workers} gunicorn workers")
    print(f"Requests: {results.count():,}, errors: {results.error_count():,}")
    for sample in results.error_samples:
        print(f"  error: {sample}")
    print("\n| request kind | requests | errors | median ms | p95 ms |\n|---|---|---|---|---|")
    for kind, count, errors, median, p95 in results.summary_rows():
        print(f"| {kind} | {count:,} | {errors:,} | {median:.0f} | {p95:.0f} |")
    print("\n| table | rows expected | rows added |\n|---|---|---|")
    missing = 0
    for table in LOG_TABLES:
        added = after[table] - before[table]
        missing += abs(expected[table] - added)
        print(f"| {table} | {expected[table]:,} | {added:,} |")
    return results.error_count() + missing


def main():
    arguments = parse_arguments()
    connection = connect(arguments.url)
    work_dir = Path(tempfile.mkdtemp(prefix="load-test-"))
    audio_dir = work_dir / "recordings"
    query(connection, "UPDATE system_settings SET log_recording_access = '1'")
    query(connection, "UPDATE vicidial_users SET failed_login_count = 0 WHERE user = '6666'")
    plan = make_plan(connection, audio_dir)
    print(f"Plan: {len(plan.agent_days)} agent days, {len(plan.leads)} leads, {len(plan.audio_ids)} audio files in {work_dir}")

    server, base_url = start_gunicorn(arguments, server_environment(arguments, work_dir, audio_dir), work_dir)
    try:
        before = row_counts(connection)
        print(f"Running {arguments.clients} clients for {arguments.seconds} s against {base_url} ...", flush=True)
        results = run_load(base_url, plan, arguments.clients, arguments.seconds, progress=print_progress)
        after = settled_row_counts(connection)
    finally:
        server.terminate()
        server.wait(timeout=30)
    sys.exit(1 if report(arguments, results, before, after) else 0)


if __name__ == "__main__":
    main()
