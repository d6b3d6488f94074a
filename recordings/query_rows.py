"""The details the results table shows beside each recording, fetched for a whole page at once.

Three queries per page, whatever its size: agent names from vicidial_users, phone
numbers from vicidial_list, and campaigns or in-groups from the two call logs (one
UNION query).
"""
from django.db.models import CharField, F
from django.db.models.functions import Cast

from recordings.models import InboundCall, Lead, OutboundCall, VicidialUser


def describe_page(recordings):
    """Set ``agent_name``, ``phone_number`` and ``campaign_id`` on each of ``recordings``; return them as a list.

    An attribute is None where the table has no matching row. ``recordings`` is one
    page of search results: it is read once, so pass the sliced QuerySet or a list.
    """
    recordings = list(recordings)
    names = agent_names(recording.user for recording in recordings)
    phones = phone_numbers(recording.lead_id for recording in recordings)
    campaigns = campaign_ids(recording.vicidial_id for recording in recordings)

    for recording in recordings:
        recording.agent_name = names.get(recording.user)
        recording.phone_number = phones.get(recording.lead_id)
        recording.campaign_id = campaigns.get(recording.vicidial_id)
    return recordings


def agent_names(logins):
    """Return {login: full name} for the vicidial_users rows of ``logins``."""
    logins = {login for login in logins if login}
    if not logins:
        return {}
    rows = VicidialUser.objects.filter(user__in=logins).values_list("user", "full_name")
    return {login: full_name or "" for login, full_name in rows}


def phone_numbers(lead_ids):
    """Return {lead_id: phone number} for the vicidial_list rows of ``lead_ids``."""
    lead_ids = {lead_id for lead_id in lead_ids if lead_id is not None}
    if not lead_ids:
        return {}
    return dict(Lead.objects.filter(lead_id__in=lead_ids).values_list("lead_id", "phone_number"))


def campaign_ids(vicidial_ids):
    """Return {vicidial_id: campaign or in-group} for the calls that ``vicidial_ids`` name."""
    vicidial_ids = {vicidial_id for vicidial_id in vicidial_ids if vicidial_id}
    if not vicidial_ids:
        return {}
    closecallids = [int(vicidial_id) for vicidial_id in vicidial_ids if vicidial_id.isdigit()]

    outbound = OutboundCall.objects.filter(uniqueid__in=vicidial_ids).values_list("uniqueid", "campaign_id")
    inbound = (
        InboundCall.objects.filter(closecallid__in=closecallids)
        .annotate(key=Cast("closecallid", CharField()), campaign=F("campaign_id"))
        .values_list("key", "campaign")
    )
    return dict(outbound.union(inbound, all=True))
