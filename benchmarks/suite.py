"""Run the chosen cases, each with its own gunicorn, and collect their figures."""
import os
import platform
import subprocess

from django.db import connections

from benchmarks import case_audio, case_big, case_login, case_lookup, fixtures
from benchmarks.progress import say
from benchmarks.server import AppServer, app_environment, migrate


def machine():
    """Return the CPU, memory, MariaDB version and table size the figures were measured on."""
    cpu = next(
        (line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), platform.processor()
    )
    memory = subprocess.run(["free", "-h"], capture_output=True, text=True).stdout.splitlines()[1].split()[1]
    with connections["vicidial"].cursor() as cursor:
        cursor.execute("SELECT VERSION()")
        version = cursor.fetchone()[0]
        cursor.execute("SELECT COUNT(*) FROM recording_log")
        rows = cursor.fetchone()[0]
    return {"cpus": os.cpu_count(), "cpu_model": cpu, "memory": memory, "mariadb": version, "recording_log_rows": rows}


def run_cases(arguments, cases, work_dir):
    say("Adding the benchmark rows: a lead with 100,000 recordings and a one-hour WAV recording")
    fixtures.delete_added_rows()
    sample = fixtures.sample_values()
    fixtures.insert_big_lead()
    audio_path = fixtures.write_audio_file(work_dir)
    audio_id = fixtures.insert_audio_recording()
    fixtures.use_passwords(None)
    results = {"database": connections["vicidial"].settings_dict["NAME"], "machine": machine(), "sample": sample}

    env = app_environment(arguments.url, work_dir, {"RECORDINGS_PATH_MAP": f"{fixtures.AUDIO_URL_PREFIX}={work_dir}"})
    migrate(arguments.app_dir, env)

    def server(workers):
        return AppServer(arguments.app_dir, env, arguments.port, workers, work_dir / "gunicorn.log")

    if 1 in cases:
        results["case1"] = run_lookup_case(server, sample, arguments)
    if 2 in cases:
        with server(1) as app:
            results["case2"] = case_big.measure(app, arguments.big_runs)
    if 4 in cases:
        with server(1) as app:
            results["case4"] = case_audio.measure(app, arguments.runs, audio_id, audio_path.stat().st_size)
    if 5 in cases:
        with server(1) as app:
            results["case5"] = case_login.measure(app, arguments.runs)
    return results


def run_lookup_case(server, sample, arguments):
    results = {"statements": case_lookup.statements(sample)}
    with server(1) as app:
        results["sequential"] = case_lookup.sequential(app, sample, arguments.runs)
        results["sequential"][case_lookup.NEW_DATE] = case_lookup.new_dates(app, sample, arguments.runs)
        results["baseline"] = case_lookup.baseline(app, arguments.runs)
    results["concurrent"] = {}
    for workers in case_lookup.WORKER_COUNTS:
        with server(workers) as app:
            results["concurrent"][workers] = case_lookup.throughput(app, sample, arguments.requests)
    return results
