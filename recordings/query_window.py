"""Turn a start_time range into a range of recording_id, so date searches read a slice of the table.

VICIdial's recording_log has no index on start_time, and a filter on it alone makes
MariaDB read every row. recording_id grows with time, but not strictly. Rows from
several telephony servers arrive with some seconds of clock skew. On the night a
server's clock falls back for daylight saving time, its wall-clock start_time goes
back one hour while recording_id keeps growing.

The search therefore probes the primary key (recordings/query_probes.py) for rows whose
start_time lies outside the range by more than
``settings.RECORDING_START_MARGIN_SECONDS`` and keeps the ids between them. The exact
start_time filter still applies within those ids. The bounds are exact as long as no
row starts more than the margin earlier than a row with a lower recording_id. The
default margin, 2 hours, covers the one-hour fall-back of daylight saving time plus
up to an hour of clock skew or insert delay. Every hour of margin costs the rows of
about two hours of calls read in addition, at both ends of the range together.

A table of at most ``settings.RECORDING_FULL_SCAN_MAX_ROWS`` rows is read whole
instead, which is exact whatever the order. Where an index on start_time exists (a
DBA may add one, see the start_time_index_sql command), the search filters on
start_time directly and skips the probes.

A worker remembers the rows that proved each bound. Asked for the same range again,
it reads those rows once more, in one statement, and reuses them while they still
prove their bounds.

NOTE: on a larger table, a date search misses a row that starts more than the margin
out of recording_id order (a server clock wrong by hours, rows imported later with
old times), where VICIdial's full scan finds it. Raise the margin for such sites.
"""
import collections
import datetime
import logging
import threading

from django.conf import settings
from django.db import connections, router
from django.db.models import Q

from recordings.query_probes import LOWER, UPPER, find_proofs, proves, rows_by_id

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
    rows, first, last = _table_span(model)
    if rows <= settings.RECORDING_FULL_SCAN_MAX_ROWS:
        return None, None
    lower = _bound(LOWER, start_from, -margin())
    upper = _bound(UPPER, start_to, margin())
    requested = [key for key in (lower, upper) if key is not None]
    proofs = _remembered_proofs(model, requested)
    missing = [key for key in requested if key not in proofs]
    if missing:
        found = find_proofs(model, missing, first, last)
        for key, recording_id in found.items():
            proofs[key] = recording_id
            if recording_id is not None:
                _remember(model, *key, recording_id)
    lowest, highest = proofs.get(lower), proofs.get(upper)
    return (None if lowest is None else lowest + 1), (None if highest is None else highest - 1)


def _bound(direction, moment, shift):
    """Return the (direction, threshold) key of a bound, or None when there is no bound to find.

    A range that ends within the margin of datetime's limits (year 1 or 9999) has no
    bound on that side: no row can start beyond the limit.
    """
    if moment is None:
        return None
    try:
        return direction, moment + shift
    except OverflowError:
        return None


def lowest_possible_id(model, earliest):
    """Return the lowest recording_id a row starting at or after ``earliest`` can have, or None for no bound."""
    return id_bounds(model, earliest, None)[0]


def _table_span(model):
    """Return (rows, lowest recording_id, highest recording_id) of ``model``'s table, in one statement.

    MariaDB keeps the row count of a MyISAM table (an estimate for InnoDB, where
    COUNT(*) would read a whole index) and answers MIN and MAX of the key from the
    index alone. SQLite keeps no row count, so the id span serves as an upper bound.
    """
    connection = connections[router.db_for_read(model)]
    table = connection.ops.quote_name(model._meta.db_table)
    key = connection.ops.quote_name(model._meta.pk.column)
    if connection.vendor == "mysql":
        count = "(SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = %s)"
        params = [model._meta.db_table]
    else:
        count, params = f"MAX({key}) - MIN({key}) + 1", []
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {count}, MIN({key}), MAX({key}) FROM {table}", params)
        rows, first, last = cursor.fetchone()
    if first is None:
        return 0, None, None
    return rows or 0, first, last


# Proofs found earlier, by (alias, table, direction, threshold): scripts that fetch
# one day agent by agent ask for the same thresholds again and again.
REMEMBERED_PROOFS = 4096
_proofs = collections.OrderedDict()
# Threaded servers (runserver, gthread workers) share the dict between requests.
_proofs_lock = threading.Lock()


def _remembered_proofs(model, requested):
    """Return {(direction, threshold): recording_id} for the remembered proofs that still hold.

    The remembered rows are read again, in one statement. A proof holds only while its
    row exists with the same start_time, because a table emptied and refilled reuses ids.
    """
    alias = router.db_for_read(model)
    table = model._meta.db_table
    remembered = {}
    with _proofs_lock:
        for direction, threshold in requested:
            recording_id = _proofs.get((alias, table, direction, threshold))
            if recording_id is not None:
                _proofs.move_to_end((alias, table, direction, threshold))
                remembered[(direction, threshold)] = recording_id
    if not remembered:
        return {}
    starts = rows_by_id(model, remembered.values())
    holding = {}
    for (direction, threshold), recording_id in remembered.items():
        if proves(direction, starts.get(recording_id), threshold):
            holding[(direction, threshold)] = recording_id
        else:
            with _proofs_lock:
                _proofs.pop((alias, table, direction, threshold), None)
    return holding


def _remember(model, direction, threshold, recording_id):
    with _proofs_lock:
        _proofs[(router.db_for_read(model), model._meta.db_table, direction, threshold)] = recording_id
        while len(_proofs) > REMEMBERED_PROOFS:
            _proofs.popitem(last=False)


def forget_proofs():
    """Drop every remembered proof (tests that rebuild a table with other start times)."""
    with _proofs_lock:
        _proofs.clear()
