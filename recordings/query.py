"""The one place that knows how to search recording_log.

The legacy API and the search page both describe what they want as ``Criteria`` and
get back a QuerySet from ``search``; neither builds its own query.
"""
import datetime
import re
from dataclasses import dataclass

import MySQLdb.cursors
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import CharField, F, Q
from django.db.models.functions import Cast

from recordings.models import ArchivedRecording, InboundCall, OutboundCall, Recording, VicidialUser

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


def day_bounds(day):
    """Return the first and last second of ``day`` (a date), as VICIdial's date search uses."""
    return (
        datetime.datetime.combine(day, datetime.time(0, 0, 0)),
        datetime.datetime.combine(day, datetime.time(23, 59, 59)),
    )


def uniqueid_condition(prefix):
    """Return the condition on recording_log.vicidial_id for calls whose uniqueid starts with ``prefix``.

    Outbound recordings carry the call's uniqueid in vicidial_id; inbound ones carry
    the closecallid. Once any call matches, a recording counts when its vicidial_id
    starts with the prefix or equals the closecallid of a matching inbound call.
    Returns None when no call matches. The prefix is matched literally: ``_`` and
    ``%`` are not wildcards, and an empty prefix matches nothing.
    """
    if not prefix:
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


def search(criteria, model=Recording):
    """Return the recordings matching every condition of ``criteria``, oldest first.

    Rows without a start_time come first, as MySQL sorts NULL before any value.
    """
    queryset = model.objects.all()
    if criteria.agent_user is not None:
        queryset = queryset.filter(user=criteria.agent_user)
    if criteria.lead_id is not None:
        queryset = queryset.filter(lead_id=criteria.lead_id)
    if criteria.extension is not None:
        queryset = queryset.filter(extension=criteria.extension)
    if criteria.start_from is not None:
        queryset = queryset.filter(start_time__gte=criteria.start_from)
    if criteria.start_to is not None:
        queryset = queryset.filter(start_time__lte=criteria.start_to)
    if criteria.uniqueid_prefix is not None:
        condition = uniqueid_condition(criteria.uniqueid_prefix)
        queryset = queryset.filter(condition) if condition is not None else queryset.none()
    return queryset.order_by(F("start_time").asc(nulls_first=True), "recording_id")


def agents_with_recordings():
    """Return (login, full name) of every agent with a recording, ordered by login.

    The full name is "" for a login that has no vicidial_users row.
    """
    # MariaDB answers this DISTINCT from the user index alone (EXPLAIN shows "Using
    # index for group-by"), so it reads one index entry per agent, not every row.
    logins = Recording.objects.exclude(user__isnull=True).exclude(user="").values_list("user", flat=True).distinct().order_by("user")
    logins = list(logins)
    names = agent_names(logins)
    return [(login, names.get(login, "")) for login in logins]


def agent_names(logins):
    """Return {login: full name} for the vicidial_users rows of ``logins``."""
    rows = VicidialUser.objects.filter(user__in=set(logins)).values_list("user", "full_name")
    return {login: full_name or "" for login, full_name in rows}


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
        cursor.close()


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
