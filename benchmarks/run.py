#!/usr/bin/env python
"""Benchmark the legacy API, the audio endpoint and the page login under gunicorn.

    .venv/bin/python benchmarks/run.py mysql://root@127.0.0.1/vicidial_bench_api_1m

The database must be filled by benchmarks/generate.py first. The runner adds a lead
with 100,000 recordings and a recording that points at a one-hour WAV file, starts
the app under gunicorn (config/gunicorn.conf.py) on 127.0.0.1 for each case, measures,
and stops it. Progress goes to stderr; the result tables go to stdout as Markdown and
all figures to a JSON file that benchmarks/charts.py draws. Cases:

  1. agent_user + date and lead_id lookups: one worker, sequential, against the same
     SQL run directly; then 4 concurrent clients on 1, 2 and 4 workers.
  2. a lookup that returns 100,000 rows: first byte, total, worker memory, against
     the mariadb client writing the same rows to /dev/null.
  4. a one-hour WAV file through the audio endpoint, whole and as a Range.
  5. page login and API requests with plain passwords and bcrypt cost 2 and 10.

Cases 4 and 5's page login need the login page at /login/; without it they are skipped.
--app-dir runs another checkout under gunicorn; the figures measured inside this
process (statements per request, check_login) always come from this checkout's code.
"""
import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchmarks.django_env import setup_django  # noqa: E402


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", help="mysql:// URL of a database filled by benchmarks/generate.py")
    parser.add_argument("--app-dir", default=str(REPO), help="checkout of the app to run (default: this one)")
    parser.add_argument("--port", type=int, default=8031, help="port of 127.0.0.1 the app listens on (default 8031)")
    parser.add_argument("--cases", default="1,2,4,5", help="comma-separated case numbers to run (default 1,2,4,5)")
    parser.add_argument("--runs", type=int, default=200, help="timed requests per measurement of cases 1, 4, 5 (default 200)")
    parser.add_argument("--big-runs", type=int, default=20, help="timed requests of case 2 (default 20)")
    parser.add_argument("--requests", type=int, default=800, help="requests per lookup in the concurrent runs (default 800)")
    parser.add_argument("--json", help="file for all figures (default benchmarks/results/<database>.json)")
    return parser.parse_args()


def main():
    arguments = parse_arguments()
    cases = {int(case) for case in arguments.cases.split(",")}
    work_dir = Path(tempfile.mkdtemp(prefix="bench-api-"))
    try:
        setup_django(arguments.url, DATABASE_URL=f"sqlite:///{work_dir}/runner.sqlite3")
        from benchmarks.suite import run_cases

        results = run_cases(arguments, cases, work_dir)
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)

    from benchmarks.report import print_tables

    print_tables(results)
    path = Path(arguments.json or REPO / "benchmarks" / "results" / f"{results['database']}.json")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=1, default=str))
    print(f"\nAll figures: {path}", file=sys.stderr)


if __name__ == "__main__":
    main()
