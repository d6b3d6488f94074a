"""Turn a start_time range into a range of recording_id, so date searches read a slice of the table.

VICIdial's recording_log has no index on start_time, and a filter on it alone makes
MariaDB read every row. recording_id grows with time, but not strictly. Rows from
several telephony servers arrive with some seconds of clock skew. On the night a
server's clock falls back for daylight saving time, its wall-clock start_time goes
back one hour while recording_id keeps growing.

The search therefore bisects the primary key (about 2 x log2(rows) point lookups)
for ids whose start_time lies outside the range by more than
``settings.RECORDING_START_MARGIN_SECONDS`` and keeps the ids between them. The exact
start_time filter still applies within those ids. The bounds are exact as long as no
row starts more than the margin earlier than a row with a lower recording_id. The
default margin, 2 hours, covers the one-hour fall-back of daylight saving time plus
up to an hour of clock skew or insert delay. Every hour of margin costs the rows of
about two hours of calls read in addition, at both ends of the range together.

A table of at most ``settings.RECORDING_FULL_SCAN_MAX_ROWS`` rows is read whole
instead, which is exact whatever the order. Where an index on start_time exists (a
DBA may add one, see the start_time_index_sql command), the search filters on
start_time directly and skips the bisection.

NOTE: on a larger table, a date search misses a row that starts more than the margin
out of recording_id order (a server clock wrong by hours, rows imported later with
old times), where VICIdial's full scan finds it. Raise the margin for such sites.
"""
import datetime
import logging

from django.conf import settings
from django.db import connections, router
from django.db.models import Max, Min, Q

logger = logging.getLogger(__name__)

# (database alias, table) -> whether an index starts with start_time; filled on first use.
_start_time_indexed = {}


def start_time_condition(model, start_from, start_to):
    """Return the Q for ``start_from <= start_time <= start_to`` (either may be None) on ``model``.

    Without an index on start_time, the Q also bounds the primary key as the module
    docstring explains.
    """
    condition = Q()
    if start_from is not None:
        condition &= Q(start_time__gte=start_from)
    if start_to is not None:
        condition &= Q(start_time__lte=start_to)
    if (start_from is None and start_to is None) or start_time_is_indexed(model):
        return condition

    lowest, highest = id_bounds(model, start_from, start_to)
    if lowest is not None:
        condition &= Q(pk__gte=lowest)
    if highest is not None:
        condition &= Q(pk__lte=highest)
    return condition


def start_time_is_indexed(model):
    """Return whether an index on ``model``'s table starts with start_time (cached per process)."""
    alias = router.db_for_read(model)
    key = (alias, model._meta.db_table)
    if key not in _start_time_indexed:
        connection = connections[alias]
        with connection.cursor() as cursor:
            constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
        _start_time_indexed[key] = any(
            constraint["index"] and constraint["columns"][:1] == ["start_time"] for constraint in constraints.values()
        )
        logger.info("Table %s has an index on start_time: %s", model._meta.db_table, _start_time_indexed[key])
    return _start_time_indexed[key]


def forget_start_time_indexes():
    """Drop the cached results of start_time_is_indexed, after an index was added or removed."""
    _start_time_indexed.clear()


def margin():
    return datetime.timedelta(seconds=settings.RECORDING_START_MARGIN_SECONDS)


def id_bounds(model, start_from, start_to):
    """Return (lowest, highest) recording_id a row starting within the range can have.

    Either is None when no bound was proven, for example when the range starts before
    the first recording or ends after the last one, so that rows inserted after the
    search began are not cut off. Both are None for a small table (read whole).
    """
    ids = _id_span(model)
    if ids is None:
        return None, None
    lowest = highest = None
    if start_from is not None:
        lowest = _lowest_possible_id(model, start_from - margin(), ids["first"], ids["last"])
    if start_to is not None:
        first = lowest if lowest is not None else ids["first"]
        highest = _highest_possible_id(model, start_to + margin(), first, ids["last"])
    return lowest, highest


def lowest_possible_id(model, earliest):
    """Return the lowest recording_id a row starting at or after ``earliest`` can have, or None for no bound."""
    ids = _id_span(model)
    if ids is None:
        return None
    return _lowest_possible_id(model, earliest - margin(), ids["first"], ids["last"])


def _id_span(model):
    """Return {"first": ..., "last": ...} recording_id of ``model``'s table, or None when it is small or empty."""
    if _row_count(model) <= settings.RECORDING_FULL_SCAN_MAX_ROWS:
        return None
    return model.objects.aggregate(first=Min("pk"), last=Max("pk"))


def _row_count(model):
    # MariaDB keeps the row count of a MyISAM table (an estimate for InnoDB, where
    # COUNT(*) would read a whole index). SQLite keeps none, so the id span, read
    # from the primary key, serves as an upper bound.
    connection = connections[router.db_for_read(model)]
    if connection.vendor != "mysql":
        span = model.objects.aggregate(first=Min("pk"), last=Max("pk"))
        return 0 if span["first"] is None else span["last"] - span["first"] + 1
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = %s",
            [model._meta.db_table],
        )
        row = cursor.fetchone()
    return row[0] if row and row[0] is not None else 0


def _lowest_possible_id(model, threshold, first, last):
    # A probe row that starts before ``threshold`` proves that it and every lower id
    # start before the range, because no row starts more than the margin earlier
    # than a row with a lower id. Find the highest such probe.
    proven = None
    low, high = first, last
    while low <= high:
        middle = (low + high) // 2
        probe = _probe(model, ">=", middle)
        if probe is not None and probe[1] is not None and probe[1] < threshold:
            proven = probe[0]
            low = probe[0] + 1
        else:
            high = middle - 1
    return None if proven is None else proven + 1


def _highest_possible_id(model, threshold, first, last):
    # The mirror image: a probe row that starts after ``threshold`` proves that it
    # and every higher id start after the range. Find the lowest such probe.
    proven = None
    low, high = first, last
    while low <= high:
        middle = (low + high) // 2
        probe = _probe(model, "<=", middle)
        if probe is not None and probe[1] is not None and probe[1] > threshold:
            proven = probe[0]
            high = probe[0] - 1
        else:
            low = middle + 1
    return None if proven is None else proven - 1


def _probe(model, comparison, recording_id):
    """Return (recording_id, start_time) of the row nearest ``recording_id`` in the direction ``comparison``, or None.

    Rows without a start_time prove nothing, so the probe takes the nearest row that
    has one. They never match a start_time range, so skipping them is safe. The SQL
    is written out because the ORM costs about ten times the lookup itself (1 ms
    against 0.1 ms on the machine of docs/benchmarks.md), and a bisection runs up to
    2 x log2(rows) lookups.
    """
    connection = connections[router.db_for_read(model)]
    table = connection.ops.quote_name(model._meta.db_table)
    key = connection.ops.quote_name(model._meta.pk.column)
    order = "ASC" if comparison == ">=" else "DESC"
    sql = (
        f"SELECT {key}, start_time FROM {table} WHERE {key} {comparison} %s"
        f" AND start_time IS NOT NULL ORDER BY {key} {order} LIMIT 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [recording_id])
        row = cursor.fetchone()
    if row is None:
        return None
    return row[0], _as_datetime(row[1])


def _as_datetime(value):
    # SQLite returns DATETIME columns as text outside the ORM. MySQLdb returns None
    # for a zero date (0000-00-00 00:00:00), which then proves nothing.
    if isinstance(value, str):
        return datetime.datetime.fromisoformat(value)
    return value
