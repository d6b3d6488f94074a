"""Lookups for the detail page of a recording: its call, its lead and its access history."""
import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from recordings.models import InboundCall, Lead, OutboundCall, Recording, RecordingAccess
from recordings.query_rows import agent_names

# The access history shows this many of the newest rows.
ACCESS_HISTORY_LIMIT = 100
# vicidial_closer_log.closecallid is INT UNSIGNED.
MAX_CLOSECALLID = 4294967295


@dataclass(frozen=True)
class Call:
    direction: str
    # Outbound campaign or inbound in-group.
    campaign_id: str
    row: object


def recording_columns(recording):
    """Return (column name, value) for every recording_log column of ``recording``; times as stored text."""
    columns = []
    for field in Recording._meta.concrete_fields:
        value = getattr(recording, field.attname)
        if isinstance(value, datetime.datetime):
            value = value.strftime("%Y-%m-%d %H:%M:%S")
        columns.append((field.column, value))
    return columns


def call_of(recording):
    """Return the Call that ``recording`` belongs to, found through its vicidial_id, or None.

    Outbound recordings carry the vicidial_log uniqueid, inbound ones the
    vicidial_closer_log closecallid.
    """
    vicidial_id = (recording.vicidial_id or "").strip()
    if not vicidial_id:
        return None
    outbound = OutboundCall.objects.filter(uniqueid=vicidial_id).first()
    if outbound is not None:
        return Call(_("Outbound"), outbound.campaign_id or "", outbound)
    if vicidial_id.isdigit() and int(vicidial_id) <= MAX_CLOSECALLID:
        inbound = InboundCall.objects.filter(closecallid=int(vicidial_id)).first()
        if inbound is not None:
            return Call(_("Inbound"), inbound.campaign_id or "", inbound)
    return None


def lead_of(recording):
    """Return the vicidial_list row of the recording's lead, or None."""
    if recording.lead_id is None:
        return None
    return Lead.objects.filter(lead_id=recording.lead_id).first()


def access_history(recording_id):
    """Return the newest vicidial_recording_access_log rows of ``recording_id``, newest first."""
    rows = RecordingAccess.objects.filter(recording_id=recording_id)
    return list(rows.order_by("-access_datetime", "-recording_access_log_id")[:ACCESS_HISTORY_LIMIT])


def agent_name(login):
    """Return the full name of the agent ``login``, or "" when unknown."""
    return agent_names([login]).get(login, "") if login else ""


def day_search_url(recording):
    """Return the search page URL for the recording's agent on the recording's day."""
    params = {"agent": recording.user or ""}
    if recording.start_time:
        day = recording.start_time.date().isoformat()
        params.update(date_from=day, date_to=day)
    return f"{reverse('search')}?{urlencode(params)}"
