"""Case 2: one legacy API lookup that returns 100,000 rows."""
import time
from pathlib import Path

from benchmarks import capture, fixtures, floor
from benchmarks.case_lookup import api_path
from benchmarks.http_client import fetch
from benchmarks.progress import load_average, say
from benchmarks.server import memory_kib
from benchmarks.stats import summarize


def reset_peak(pid):
    """Reset the kernel's peak RSS (VmHWM) of ``pid`` to its current RSS."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def measure(server, runs):
    """Time the 100,000-row lookup ``runs`` times and track the worker's peak memory."""
    path = api_path(lead_id=str(fixtures.BIG_LEAD_ID))
    small = api_path(lead_id="1")
    (worker,) = server.worker_pids()
    for _ in range(3):
        fetch(server.port, small)
    time.sleep(0.5)
    idle_rss, _ = memory_kib(worker)
    reset_peak(worker)

    sql = capture.search_sql(path)
    cli_floor, query_floor = floor.CliFloor(sql), floor.QueryFloor(sql)
    say(f"Case 2: {runs} requests of {fixtures.BIG_LEAD_ROWS:,} rows, each followed by its floors (load {load_average():.2f})")
    timings, growth, cli_times, query_times = [], [], [], []
    try:
        for done in range(1, runs + 1):
            timing = fetch(server.port, path, keep_body=done == 1)
            if done == 1:
                rows = timing.body.count(b"\n")
            timings.append(timing)
            growth.append(memory_kib(worker)[1] - idle_rss)
            cli_times.append(cli_floor())
            query_times.append(query_floor())
            say(f"Case 2: {done}/{runs}, {timing.total * 1000:.0f} ms, floor {cli_times[-1] * 1000:.0f} ms, peak growth {growth[-1] / 1024:.1f} MB")
    finally:
        query_floor.close()
    return {
        "rows": rows,
        "bytes": timings[0].size,
        "first_byte": summarize([t.first_byte for t in timings]).as_dict(),
        "total": summarize([t.total for t in timings]).as_dict(),
        "floor_cli": summarize(cli_times).as_dict(),
        "floor_cli_bytes": cli_floor.size,
        "floor_mysqldb": summarize(query_times).as_dict(),
        "idle_rss_mb": idle_rss / 1024,
        "peak_growth_mb": max(growth) / 1024,
        "sql": sql,
        "load": load_average(),
    }
