"""Case 1: typical legacy API lookups, one at a time and from 4 concurrent clients."""
import datetime
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode

from benchmarks import capture, fixtures, floor
from benchmarks.http_client import fetch
from benchmarks.progress import counting, load_average, say
from benchmarks.stats import summarize

API_PATH = "/vicidial/non_agent_api.php"
CLIENTS = 4
WORKER_COUNTS = (1, 2, 4)


def api_path(**search):
    fields = {"function": "recording_lookup", "user": fixtures.BENCH_USER, "pass": fixtures.BENCH_PASSWORD, "source": "bench"}
    return f"{API_PATH}?{urlencode({**fields, **search})}"


def lookups(sample):
    """Return (name, path) of the two typical lookups for the sample recording."""
    return [
        ("agent_user + date", api_path(agent_user=sample["agent_user"], date=sample["date"])),
        ("lead_id", api_path(lead_id=sample["lead_id"])),
    ]


NEW_DATE = "agent_user + date, a new date each time"


def new_date_paths(sample, count):
    """Return ``count`` agent_user + date lookups of the sample agent on ``count`` different dates.

    The dates lie on both sides of the sample's, so that none is the sample date and
    each has recordings. The app has searched none of them for its id bounds yet.
    """
    day = datetime.date.fromisoformat(str(sample["date"]))
    offsets = [sign * step for step in range(1, count // 2 + 2) for sign in (1, -1)][:count]
    return [api_path(agent_user=sample["agent_user"], date=(day + datetime.timedelta(days=offset)).isoformat()) for offset in offsets]


def timed_requests(port, path, runs, label, alongside=()):
    """Request ``path`` ``runs`` times in a row after 5 untimed requests; return the totals in seconds.

    Each callable of ``alongside`` runs once after each request, and the seconds it
    returns are collected too, so that floors share the app's machine load.
    Returns (request seconds, line count of the body, [seconds of each callable]).
    """
    for _ in range(5):
        fetch(port, path)
    tick = counting(label, runs)
    times, rows, others = [], None, [[] for _ in alongside]
    for done in range(1, runs + 1):
        timing = fetch(port, path, keep_body=rows is None)
        if rows is None:
            rows = timing.body.count(b"\n")
        times.append(timing.total)
        for measure, collected in zip(alongside, others):
            collected.append(measure())
        tick(done)
    return times, rows, others


def sequential(server, sample, runs):
    """Time each lookup through one worker, alternating with the same SQL run directly."""
    results = {}
    for name, path in lookups(sample):
        say(f"Case 1, {name}: {runs} sequential requests (load {load_average():.2f})")
        sql = capture.search_sql(path)
        unbounded_sql = capture.without_id_bounds(sql)
        query_floors = [floor.QueryFloor(sql)] + ([floor.QueryFloor(unbounded_sql)] if unbounded_sql else [])
        # Measured after each request, in this order: the SQL, a new connection and the
        # SQL, and (for date lookups) the SQL without id bounds.
        alongside = [query_floors[0], lambda: floor.connect_once(sql), *query_floors[1:]]
        try:
            times, rows, measured = timed_requests(server.port, path, runs, name, alongside=alongside)
        finally:
            for query_floor in query_floors:
                query_floor.close()
        results[name] = {
            "rows": rows,
            "app": summarize(times).as_dict(),
            "floor": summarize(measured[0]).as_dict(),
            "connect_floor": summarize(measured[1]).as_dict(),
            "sql": sql,
            "load": load_average(),
        }
        if unbounded_sql:
            results[name]["unbounded_floor"] = summarize(measured[2]).as_dict()
            results[name]["unbounded_sql"] = unbounded_sql
    return results


def new_dates(server, sample, runs):
    """Time agent_user + date lookups whose date is new to the server each time.

    A worker remembers the rows that proved a date's recording_id bounds
    (recordings/query_window.py), so the sequential lookup above searches the bounds
    only once. Here every request searches them anew, as a script that walks through
    the days does. Each request alternates with its own row SELECT run directly.
    """
    say(f"Case 1, {NEW_DATE}: {runs} sequential requests (load {load_average():.2f})")
    paths = new_date_paths(sample, runs)
    sqls = [capture.search_sql(path) for path in paths]
    connection = floor.mysqldb_connect()
    tick = counting(NEW_DATE, runs)
    times, floors, connect_floors, unbounded_floors, rows = [], [], [], [], []
    try:
        for done, (path, sql) in enumerate(zip(paths, sqls), start=1):
            timing = fetch(server.port, path, keep_body=True)
            times.append(timing.total)
            rows.append(timing.body.count(b"\n"))
            floors.append(floor.time_query(connection, sql))
            connect_floors.append(floor.connect_once(sql))
            unbounded_floors.append(floor.time_query(connection, capture.without_id_bounds(sql) or sql))
            tick(done)
    finally:
        connection.close()
    return {
        "rows": round(statistics.median(rows)),
        "app": summarize(times).as_dict(),
        "floor": summarize(floors).as_dict(),
        "connect_floor": summarize(connect_floors).as_dict(),
        "unbounded_floor": summarize(unbounded_floors).as_dict(),
        "sql": sqls[0],
        "load": load_average(),
    }



def baseline(server, runs):
    """Time ``function=version``: HTTP, gunicorn and Django with one small query and no login."""
    say(f"Case 1, baseline: {runs} version requests (load {load_average():.2f})")
    times, _, _ = timed_requests(server.port, f"{API_PATH}?function=version", runs, "version")
    return summarize(times).as_dict()


def concurrent(port, path, requests):
    """Send ``requests`` requests from CLIENTS threads; return (requests per second, latencies)."""
    per_client = requests // CLIENTS

    def client(_):
        return [fetch(port, path).total for _ in range(per_client)]

    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        latencies = [value for values in pool.map(client, range(CLIENTS)) for value in values]
    return len(latencies) / (time.perf_counter() - started), latencies


def throughput(server, sample, requests):
    """Measure requests per second of each lookup with CLIENTS concurrent clients on ``server``."""
    results = {}
    for name, path in lookups(sample):
        for _ in range(CLIENTS * 2):
            fetch(server.port, path)
        say(f"Case 1, {name}: {requests} requests from {CLIENTS} clients, {server.workers} worker(s) (load {load_average():.2f})")
        rate, latencies = concurrent(server.port, path, requests)
        results[name] = {"requests_per_second": rate, "latency": summarize(latencies).as_dict(), "load": load_average()}
    return results


def statements(sample):
    """Return the statements each lookup sends to MariaDB, captured in this process."""
    results = {}
    for name, path in lookups(sample):
        # The first request of a database inserts its webserver and URL rows; count the next.
        capture.api_statements(path)
        sent, counted = capture.api_statements(path)
        results[name] = {"statements": sent, "mariadb_questions": counted}
    # A date no request of this process has searched: its id bounds are searched anew.
    far_day = new_date_paths(sample, 300)[-1]
    sent, counted = capture.api_statements(far_day)
    results[NEW_DATE] = {"statements": sent, "mariadb_questions": counted}
    return results
