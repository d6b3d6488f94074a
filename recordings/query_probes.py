"""Find the rows that prove a start_time range's recording_id bounds, in a few statements.

A proof is a row (recording_id, start_time). For a LOWER bound, the threshold is the
range's start minus the margin. A row that starts before it proves that it and every
lower id start before the range, because no row starts more than the margin earlier
than a row with a lower id (recordings/query_window.py). For an UPPER bound, a row that
starts after the threshold proves the same of it and every higher id.

Each bound keeps a stretch of undecided ids and narrows it with probes: the nearest
row with a start_time at or above a point (LOWER) or at or below it (UPPER), one
primary-key lookup each. A statement carries the probes of both bounds, because the
round trip costs several lookups (about 0.11 ms against 0.02 ms, timed with MySQLdb on
the machine of docs/benchmarks.md). Four points of a bound are spread evenly over its
undecided ids, which narrows them at least fivefold. The others lie around the id where
a straight line between the nearest rows on either side reaches the threshold. Because
recording_id grows with time, that guess usually lands within a step of 1/128 of the
ids, which narrows them up to 64-fold. The search stops when few ids are left
undecided, because the final SELECT reads them for less than another round trip.
"""
import datetime
from dataclasses import dataclass

from django.db import connections, router

LOWER = "lower"
UPPER = "upper"
EVEN_POINTS = 4
# Points around the guess, in steps of 1/GUESS_STEPS of the undecided ids.
GUESS_OFFSETS = (-4, -1, 0, 1, 4)
GUESS_STEPS = 128
# Undecided ids left when a search stops: 1/TOLERANCE_SHARE of the table's ids, at most MAX_TOLERANCE.
TOLERANCE_SHARE = 8192
MAX_TOLERANCE = 512


def proves(direction, start, threshold):
    """Tell whether a row that starts at ``start`` proves the ``direction`` bound of ``threshold``."""
    if start is None:
        return False
    return start < threshold if direction == LOWER else start > threshold


@dataclass
class BoundSearch:
    """The search for one bound: its undecided ids [low, high] and the rows found on either side."""

    direction: str
    threshold: datetime.datetime
    low: int
    high: int
    tolerance: int
    proof: int | None = None
    # (recording_id, start_time) of the nearest rows found before and after the threshold.
    before: tuple | None = None
    after: tuple | None = None

    @property
    def done(self):
        return self.high - self.low + 1 <= self.tolerance or self.low > self.high

    def points(self):
        """Return the ids to probe next, lowest first."""
        low, high = self.low, self.high
        size = high - low + 1
        if size <= EVEN_POINTS + len(GUESS_OFFSETS):
            return list(range(low, high + 1))
        chosen = {low + size * (i + 1) // (EVEN_POINTS + 1) for i in range(EVEN_POINTS)}
        guess = self.guess()
        if guess is not None:
            step = max(1, size // GUESS_STEPS)
            chosen |= {min(high, max(low, guess + offset * step)) for offset in GUESS_OFFSETS}
        return sorted(chosen)

    def guess(self):
        """Return the id where the line between ``before`` and ``after`` reaches the threshold, or None."""
        if self.before is None or self.after is None:
            return None
        (first_id, first_start), (last_id, last_start) = self.before, self.after
        seconds = (last_start - first_start).total_seconds()
        if seconds <= 0 or last_id <= first_id:
            return None
        share = (self.threshold - first_start).total_seconds() / seconds
        return first_id + round((last_id - first_id) * share)

    def learn(self, point, row):
        """Narrow the undecided ids with the probe of ``point``, whose ``row`` is (recording_id, start_time) or None."""
        if self.direction == LOWER:
            self._learn_lower(point, row)
        else:
            self._learn_upper(point, row)

    def _learn_lower(self, point, row):
        if row is not None and proves(LOWER, row[1], self.threshold):
            if self.proof is None or row[0] > self.proof:
                self.proof, self.before = row[0], row
            self.low = max(self.low, row[0] + 1)
            return
        # No row at or above the point proves it, so no higher id is needed.
        self.high = min(self.high, point - 1)
        if row is not None and row[1] is not None and (self.after is None or row[0] < self.after[0]):
            self.after = row

    def _learn_upper(self, point, row):
        if row is not None and proves(UPPER, row[1], self.threshold):
            if self.proof is None or row[0] < self.proof:
                self.proof, self.after = row[0], row
            self.high = min(self.high, row[0] - 1)
            return
        self.low = max(self.low, point + 1)
        if row is not None and row[1] is not None and (self.before is None or row[0] > self.before[0]):
            self.before = row


def find_proofs(model, bounds, first, last):
    """Return {(direction, threshold): recording_id or None} for each of ``bounds``.

    ``first`` and ``last`` are the table's lowest and highest recording_id.
    """
    tolerance = min(MAX_TOLERANCE, (last - first) // TOLERANCE_SHARE)
    searches = {key: BoundSearch(*key, low=first, high=last, tolerance=tolerance) for key in bounds}
    while active := [search for search in searches.values() if not search.done]:
        probes = [(search, point) for search in active for point in search.points()]
        rows = probe(model, [(search.direction, point) for search, point in probes])
        for index, (search, point) in enumerate(probes):
            search.learn(point, rows.get(index))
    return {key: search.proof for key, search in searches.items()}


def probe(model, probes):
    """Run ``probes`` ((direction, point) pairs) in one statement; return {index: (recording_id, start_time)}.

    Rows without a start_time are skipped: they never match a start_time range, so they
    prove nothing. A probe with no row is missing from the result. The SQL is written
    out because the ORM cannot put a LIMIT into each part of a UNION.
    """
    connection = connections[router.db_for_read(model)]
    table = connection.ops.quote_name(model._meta.db_table)
    key = connection.ops.quote_name(model._meta.pk.column)
    # MariaDB runs each part in parentheses directly (a subquery would be copied into a
    # temporary table first). Without the index hint its EXPLAIN shows a full scan
    # and a sort, although it reads one key. SQLite needs each part as a subquery.
    mysql = connection.vendor == "mysql"
    source = f"{table} FORCE INDEX (PRIMARY)" if mysql else table
    parts, params = [], []
    for index, (direction, point) in enumerate(probes):
        comparison, order = (">=", "ASC") if direction == LOWER else ("<=", "DESC")
        part = (
            f"SELECT %s AS probe, {key}, start_time FROM {source}"
            f" WHERE {key} {comparison} %s AND start_time IS NOT NULL ORDER BY {key} {order} LIMIT 1"
        )
        parts.append(f"({part})" if mysql else f"SELECT * FROM ({part})")
        params += [index, point]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return {row[0]: (row[1], as_datetime(row[2])) for row in cursor.fetchall()}


def rows_by_id(model, recording_ids):
    """Return {recording_id: start_time} of the rows with ``recording_ids`` that exist."""
    connection = connections[router.db_for_read(model)]
    table = connection.ops.quote_name(model._meta.db_table)
    key = connection.ops.quote_name(model._meta.pk.column)
    ids = sorted(set(recording_ids))
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {key}, start_time FROM {table} WHERE {key} IN ({placeholders})", ids)
        return {row[0]: as_datetime(row[1]) for row in cursor.fetchall()}


def as_datetime(value):
    # SQLite returns DATETIME columns as text outside the ORM. MySQLdb returns None
    # for a zero date (0000-00-00 00:00:00), which then proves nothing.
    if isinstance(value, str):
        return datetime.datetime.fromisoformat(value)
    return value
