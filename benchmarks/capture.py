"""Run one API request inside this process and record every statement it sends to MariaDB.

Django's CaptureQueriesContext lists the statements that go through Django's cursor.
The row SELECT of a lookup goes through a MySQLdb server-side cursor instead, so it is
caught by wrapping recordings.query.server_side_rows. MariaDB's own per-session
counter ``Questions`` confirms the total.
"""
import re
from contextlib import contextmanager

from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext

from recordings import query


@contextmanager
def streamed_selects(context=None):
    """Collect (sql, params, position) of each SELECT streamed through a server-side cursor.

    ``position`` is the number of statements ``context`` (a CaptureQueriesContext) had
    caught when the SELECT was sent, so that the SELECT can be put back in order.
    """
    captured = []
    original = query.server_side_rows

    def recording(connection, sql, params):
        position = len(context.captured_queries) if context is not None else 0
        captured.append((sql, tuple(params), position))
        return original(connection, sql, params)

    query.server_side_rows = recording
    try:
        yield captured
    finally:
        query.server_side_rows = original


def session_questions(connection):
    with connection.cursor() as cursor:
        cursor.execute("SHOW SESSION STATUS LIKE 'Questions'")
        return int(cursor.fetchone()[1])


def api_statements(path):
    """Request ``path`` in this process; return the statements sent and MariaDB's count of them."""
    connection = connections["vicidial"]
    connection.ensure_connection()
    before = session_questions(connection)
    with CaptureQueriesContext(connection) as captured, streamed_selects(captured) as streamed:
        response = Client().get(path, HTTP_HOST="127.0.0.1")
        b"".join(response.streaming_content) if response.streaming else response.content
    # The SHOW statement itself counts as one question.
    counted = session_questions(connection) - before - 1
    statements = [item["sql"] for item in captured.captured_queries]
    for sql, params, position in reversed(streamed):
        statements.insert(position, mogrified(connection, sql, params))
    return statements, counted


def mogrified(connection, sql, params):
    """Return ``sql`` with ``params`` filled in, as MySQLdb sends it."""
    with connection.cursor() as cursor:
        return cursor.cursor.mogrify(sql, params)


def search_sql(path):
    """Return the row SELECT that the API request ``path`` streams, with its values filled in."""
    connection = connections["vicidial"]
    with streamed_selects() as streamed:
        response = Client().get(path, HTTP_HOST="127.0.0.1")
        b"".join(response.streaming_content) if response.streaming else response.content
    sql, params, _ = streamed[0]
    return mogrified(connection, sql, params)


ID_BOUND = re.compile(r" AND `recording_log`\.`recording_id` [<>]= \d+")


def without_id_bounds(sql):
    """Return ``sql`` without the recording_id bounds of a date range, or None when it has none.

    What is left is the search as VICIdial runs it, which MariaDB can serve only
    through the user or lead_id index, or by reading the whole table.
    """
    stripped = ID_BOUND.sub("", sql)
    return None if stripped == sql else stripped
