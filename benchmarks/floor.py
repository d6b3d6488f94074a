"""The floor: the app's own SQL run directly against MariaDB, without the app.

``query_floor`` times a small Python loop on one MySQLdb connection (execute, fetch
every row). ``connect_floor`` adds what the app pays on every request because it
opens a new connection per request. ``cli_floor`` runs the ``mariadb`` command-line
client with its output sent to /dev/null, process start included.
"""
import os
import subprocess
import time

import MySQLdb
from django.db import connections


def mysqldb_connect():
    settings = connections["vicidial"].settings_dict
    return MySQLdb.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=int(settings["PORT"] or 3306),
        user=settings["USER"],
        password=settings["PASSWORD"] or "",
        database=settings["NAME"],
        charset="utf8mb4",
    )


def run_query(connection, sql):
    cursor = connection.cursor()
    cursor.execute(sql)
    rows = cursor.fetchall()
    cursor.close()
    return len(rows)


def query_floor(sql, runs):
    """Return the seconds of each of ``runs`` executions of ``sql`` on one connection, after a warm-up."""
    connection = mysqldb_connect()
    try:
        run_query(connection, sql)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            run_query(connection, sql)
            times.append(time.perf_counter() - started)
        return times
    finally:
        connection.close()


def connect_floor(sql, runs):
    """Return the seconds of ``runs`` rounds of connect, run ``sql``, close."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        connection = mysqldb_connect()
        run_query(connection, sql)
        connection.close()
        times.append(time.perf_counter() - started)
    return times


def cli_floor(sql, runs):
    """Return the seconds of ``runs`` runs of ``mariadb DB -e SQL > /dev/null`` and the bytes it prints."""
    settings = connections["vicidial"].settings_dict
    command = ["mariadb", "-u", settings["USER"], "-h", settings["HOST"] or "127.0.0.1", "-P", str(settings["PORT"] or 3306)]
    command += [settings["NAME"], "-e", sql]
    # The password goes through the environment, never the process list.
    env = dict(os.environ, MYSQL_PWD=settings["PASSWORD"] or "")
    size = len(subprocess.run(command, check=True, capture_output=True, env=env).stdout)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - started)
    return times, size
