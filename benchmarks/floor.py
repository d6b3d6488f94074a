"""The floor: the app's own SQL run directly against MariaDB, without the app.

Each floor is a callable that runs the SQL once and returns its seconds, so that a
case can alternate app requests and floor runs and both see the same machine load.
``QueryFloor`` is a small Python loop on one MySQLdb connection (execute, fetch every
row). ``connect_once`` adds what the app pays on every request because it opens a
new connection per request. ``CliFloor`` runs the ``mariadb`` command-line client with
its output sent to /dev/null, process start included.
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


def time_query(connection, sql):
    """Return the seconds to run ``sql`` on ``connection`` and fetch its rows."""
    started = time.perf_counter()
    run_query(connection, sql)
    return time.perf_counter() - started


class QueryFloor:
    """``sql`` executed on one open connection, its rows fetched."""

    def __init__(self, sql):
        self.sql = sql
        self.connection = mysqldb_connect()
        run_query(self.connection, sql)

    def __call__(self):
        return time_query(self.connection, self.sql)

    def close(self):
        self.connection.close()


def connect_once(sql):
    """Return the seconds to connect, run ``sql`` and close."""
    started = time.perf_counter()
    connection = mysqldb_connect()
    run_query(connection, sql)
    connection.close()
    return time.perf_counter() - started


class CliFloor:
    """``mariadb DB -e SQL > /dev/null``; ``size`` is the bytes it prints."""

    def __init__(self, sql):
        settings = connections["vicidial"].settings_dict
        host, port = settings["HOST"] or "127.0.0.1", str(settings["PORT"] or 3306)
        self.command = ["mariadb", "-u", settings["USER"], "-h", host, "-P", port, settings["NAME"], "-e", sql]
        # The password goes through the environment, never the process list.
        self.env = dict(os.environ, MYSQL_PWD=settings["PASSWORD"] or "")
        self.size = len(subprocess.run(self.command, check=True, capture_output=True, env=self.env).stdout)

    def __call__(self):
        started = time.perf_counter()
        subprocess.run(self.command, check=True, stdout=subprocess.DEVNULL, env=self.env)
        return time.perf_counter() - started
