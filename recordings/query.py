"""The one module that builds searches on recording_log.

The legacy API and the search page both describe what they want as ``Criteria`` and
get back a QuerySet from ``search``; neither builds its own query. Helpers live in
sibling modules: query_window (start_time ranges without an index), query_slices
(pages that read only the rows they can need), query_calls (conditions through the
call logs and leads), query_scope (what a manager may see) and query_rows (the
names, phones and campaigns shown beside a page of results).
"""
import datetime
import logging
import re
from dataclasses import dataclass

import MySQLdb.cursors
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import CharField, F, Q, Value
from django.db.models.functions import Cast

from recordings.models import ArchivedRecording, InboundCall, OutboundCall, Recording
from recordings.query_calls import campaign_condition, phone_condition
from recordings.query_slices import NewestFirstQuerySet, combine
from recordings.query_rows import agent_names, describe_page  # noqa: F401 (part of this module's interface)
from recordings.query_scope import visible_agents, visible_to  # noqa: F401 (part of this module's interface)
from recordings.query_window import start_time_condition, start_time_is_indexed

logger = logging.getLogger(__name__)

DAY_PATTERN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass(frozen=True)
class Criteria:
    """Conditions on recordings; ``None`` means the condition is not applied."""

    agent_user: str | None = None
    lead_id: int | None = None
    extension: str | None = None
    # Start of the first day and end of the last day searched, as stored (no zone).
    start_from: datetime.datetime | None = None
    start_to: datetime.datetime | None = None
    # Call uniqueid prefix, matched through vicidial_log and vicidial_closer_log.
    uniqueid_prefix: str | None = None
    # Customer phone number; only its digits count (see query_calls.phone_condition).
    phone_number: str | None = None
    # Bounds on length_in_sec, inclusive.
    min_duration: int | None = None
    max_duration: int | None = None
    # Outbound campaign or inbound in-group, as the call logs name it.
    campaign_id: str | None = None
    # Also search recording_log_archive; its rows come back with ``archived`` true.
    include_archived: bool = False


# Orderings of the search page, by name. Each ends on the primary key, so that pages
# never repeat or skip a row. A descending start_time puts rows without one last.
PAGE_ORDERINGS = {
    "-start_time": ("-start_time", "-recording_id"),
    "start_time": ("start_time", "recording_id"),
    "user": ("user", "-start_time", "-recording_id"),
    "-user": ("-user", "-start_time", "-recording_id"),
    "length_in_sec": ("length_in_sec", "-start_time", "-recording_id"),
    "-length_in_sec": ("-length_in_sec", "-start_time", "-recording_id"),
}
NEWEST_FIRST = "-start_time"


def day_bounds(day):
    """Return the first and last second of ``day`` (a date), as VICIdial's date search uses."""
    return (
        datetime.datetime.combine(day, datetime.time(0, 0, 0)),
        datetime.datetime.combine(day, datetime.time(23, 59, 59)),
    )


def range_bounds(first_day, last_day, from_time=None, to_time=None):
    """Return (start_from, start_to) for the days ``first_day`` to ``last_day``, both inclusive.

    ``from_time`` narrows the first day and ``to_time`` the last (inclusive, to the second).
    """
    start_from = datetime.datetime.combine(first_day, from_time or datetime.time(0, 0, 0))
    start_to = datetime.datetime.combine(last_day, to_time or datetime.time(23, 59, 59))
    return start_from, start_to


def uniqueid_condition(prefix):
    """Return the condition on recording_log.vicidial_id for calls whose uniqueid starts with ``prefix``.

    Outbound recordings carry the call's uniqueid in vicidial_id; inbound ones carry
    the closecallid. Once any call matches, a recording counts when its vicidial_id
    starts with the prefix or equals the closecallid of a matching inbound call.
    Returns None when no call matches. The prefix is matched literally: ``_`` and
    ``%`` are not wildcards, and an empty prefix matches nothing.
    """
    if not prefix or not fits_vicidial_charset(prefix):
        return None
    # istartswith is LIKE with escaped wildcards, so the uniqueid and vicidial_id
    # indexes serve it; startswith would be LIKE BINARY, which cannot use them.
    # Call uniqueids and vicidial_ids are digits and dots, so case does not matter.
    outbound = OutboundCall.objects.filter(uniqueid__istartswith=prefix).exists()
    closecallids = [
        str(closecallid)
        for closecallid in InboundCall.objects.filter(uniqueid__istartswith=prefix).values_list("closecallid", flat=True)
    ]
    if not outbound and not closecallids:
        return None
    return Q(vicidial_id__istartswith=prefix) | Q(vicidial_id__in=closecallids)


def search(criteria, model=Recording, *, ordering=None, viewer=None):
    """Return the recordings matching every condition of ``criteria``.

    With ``ordering`` None the rows come oldest first, rows without a start_time first
    as MySQL sorts NULL before any value: the legacy API's order. The search page
    passes a key of PAGE_ORDERINGS. With ``viewer`` (a VicidialUser), only the
    recordings of agents that user may see are kept. Each row has an ``archived``
    attribute. With ``criteria.include_archived`` the result is a UNION of
    recording_log and recording_log_archive: it can be sliced, counted and iterated,
    but not filtered further. Slices read only the rows they can need (see
    query_slices), so the page should slice rather than iterate.
    """
    conditions = _conditions(criteria)
    if viewer is not None and conditions is not None:
        conditions.append(visible_to(viewer))

    if criteria.include_archived and model is Recording:
        order = _order_by(ordering, combined=True)
        live = _ordered(criteria, Recording, conditions, order).annotate(archived=Value(False))
        archived = _ordered(criteria, ArchivedRecording, conditions, order).annotate(archived=Value(True))
        return combine([live, archived], order)

    queryset = _ordered(criteria, model, conditions, _order_by(ordering, combined=False))
    return queryset.annotate(archived=Value(model is ArchivedRecording))


def _ordered(criteria, model, conditions, order):
    """Return ``model``'s rows matching ``conditions`` (None for none) and the date range of ``criteria``."""
    queryset = NewestFirstQuerySet(model=model).order_by(*order)
    if conditions is None:
        return queryset.none()

    # The id bounds of a date range differ between recording_log and its archive.
    if _has_date_range(criteria):
        conditions = [*conditions, start_time_condition(model, criteria.start_from, criteria.start_to)]
        queryset.id_bounded = not start_time_is_indexed(model) and not _finds_few_rows(criteria)
    return queryset.filter(*conditions)


def _finds_few_rows(criteria):
    # A lead, a phone number or a call has a handful of recordings. Reading only the
    # newest ids first would read the whole range twice to find them.
    return any(value is not None for value in (criteria.lead_id, criteria.phone_number, criteria.uniqueid_prefix))


def _has_date_range(criteria):
    return criteria.start_from is not None or criteria.start_to is not None


def _conditions(criteria):
    """Return a list of Q, one per condition of ``criteria`` but the date range, or None when nothing can match."""
    conditions = []
    for condition in _lazy_conditions(criteria):
        if condition is None:
            return None
        conditions.append(condition)
    return conditions


def fits_vicidial_charset(text):
    """Tell whether ``text`` can be stored in VICIdial's default utf8 (3-byte) columns.

    A value with a character beyond U+FFFF matches no such column, and MariaDB rejects
    the comparison itself (error 1267, illegal mix of collations), so it is never sent.
    """
    return all(ord(character) <= 0xFFFF for character in text)


def _lazy_conditions(criteria):
    # A generator, so that no lookup runs after a condition that matches nothing.
    # NOTE: a latin1 VICIdial database rejects non-latin1 text the same way; only the
    # 4-byte case of the default utf8 charset is screened here.
    texts = (criteria.agent_user, criteria.extension, criteria.uniqueid_prefix, criteria.phone_number, criteria.campaign_id)
    if not all(fits_vicidial_charset(text) for text in texts if text is not None):
        yield None
        return
    fields = {
        "user": criteria.agent_user,
        "lead_id": criteria.lead_id,
        "extension": criteria.extension,
        "length_in_sec__gte": criteria.min_duration,
        "length_in_sec__lte": criteria.max_duration,
    }
    for lookup, value in fields.items():
        if value is not None:
            yield Q(**{lookup: value})
    if criteria.uniqueid_prefix is not None:
        yield uniqueid_condition(criteria.uniqueid_prefix)
    if criteria.phone_number is not None:
        yield phone_condition(criteria.phone_number, narrowed=_is_narrowed(criteria))
    if criteria.campaign_id is not None:
        yield campaign_condition(criteria.campaign_id)


def _is_narrowed(criteria):
    # Conditions that an index on recording_log (or the id bounds of a date range)
    # turns into a bounded read.
    bounded = (criteria.agent_user, criteria.lead_id, criteria.uniqueid_prefix, criteria.start_from)
    return any(value is not None for value in bounded)


def _order_by(ordering, combined):
    if ordering is not None:
        if ordering not in PAGE_ORDERINGS:
            raise ValueError(f"Unknown ordering {ordering!r}; expected one of {', '.join(PAGE_ORDERINGS)}")
        return PAGE_ORDERINGS[ordering]
    # A UNION can only be ordered by its column names; both engines sort NULL first
    # in ascending order anyway.
    if combined:
        return ("start_time", "recording_id")
    return (F("start_time").asc(nulls_first=True), "recording_id")


def agents_with_recordings():
    """Return (login, full name) of every agent with a recording, ordered by login.

    The full name is "" for a login that has no vicidial_users row.
    """
    # MariaDB resolves this DISTINCT from the user index alone (EXPLAIN shows "Using
    # index for group-by"), so it reads one index entry per agent, not every row.
    logins = Recording.objects.exclude(user__isnull=True).exclude(user="").values_list("user", flat=True).distinct().order_by("user")
    logins = list(logins)
    names = agent_names(logins)
    return [(login, names.get(login, "")) for login in logins]


def parse_day(text):
    """Return the date of a ``YYYY-MM-DD`` string, or None when it is not a real date."""
    if not DAY_PATTERN.fullmatch(text):
        return None
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def stream_rows(queryset, columns, limit):
    """Yield tuples of ``columns`` for the first ``limit`` rows of ``queryset``, in its order.

    ``start_time`` comes back as stored text (``YYYY-MM-DD HH:MM:SS``). On MySQL the
    rows are read through a server-side cursor, because Django's ``iterator()`` there
    fetches the whole result into memory first.
    """
    queryset = queryset.annotate(start_time_text=Cast("start_time", CharField()))
    fields = ["start_time_text" if column == "start_time" else column for column in columns]
    queryset = queryset.values_list(*fields)[:limit]
    connection = connections[queryset.db]
    if connection.vendor != "mysql":
        yield from queryset.iterator(chunk_size=2000)
        return
    try:
        sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    except EmptyResultSet:
        # Django proves no row can match, e.g. a lead_id beyond the column's range.
        return
    yield from server_side_rows(connection, sql, params)


def server_side_rows(connection, sql, params):
    """Yield the rows of ``sql`` from a MySQLdb server-side (unbuffered) cursor."""
    connection.ensure_connection()
    cursor = connection.connection.cursor(MySQLdb.cursors.SSCursor)
    try:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(1000):
            yield from rows
    finally:
        try:
            # Closing reads the rows a disconnected client left unread.
            cursor.close()
        except MySQLdb.Error as error:
            # The connection broke mid-stream. Marking the error makes Django check
            # the connection, and replace it, before the worker's next request.
            connection.errors_occurred = True
            logger.warning("Closing a server-side cursor failed: %s", error)


# recording_log.recording_id is INT(10) UNSIGNED; larger ids cannot exist, and
# SQLite cannot even bind ids past 2**63.
MAX_RECORDING_ID = 4294967295


def recording_by_id(recording_id):
    """Return the recording with ``recording_id`` from recording_log, else from recording_log_archive, else None."""
    if not 0 <= recording_id <= MAX_RECORDING_ID:
        return None
    for model in (Recording, ArchivedRecording):
        recording = model.objects.filter(pk=recording_id).first()
        if recording is not None:
            return recording
    return None
