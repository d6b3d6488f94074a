"""Conditions on recordings that go through the call logs and the leads.

recording_log.vicidial_id contains the call's uniqueid for outbound calls
(vicidial_log.uniqueid) and the closecallid for inbound ones
(vicidial_closer_log.closecallid).
"""
from django.db.models import Exists, OuterRef, Q

from recordings.models import InboundCall, Lead, OutboundCall

# A phone number shared by more leads than this matches only the first ones found.
MAX_LEADS_PER_PHONE = 1000


def campaign_condition(campaign_id):
    """Return the Q for recordings of calls in the campaign (outbound) or in-group (inbound) ``campaign_id``.

    Each recording costs two primary-key lookups in the call logs, because campaign_id
    has no index there, so the condition must come with a selective one (a date range,
    an agent or a lead).
    """
    outbound = OutboundCall.objects.filter(uniqueid=OuterRef("vicidial_id"), campaign_id=campaign_id)
    inbound = InboundCall.objects.filter(closecallid=OuterRef("vicidial_id"), campaign_id=campaign_id)
    return Q(Exists(outbound)) | Q(Exists(inbound))


def phone_condition(phone_number, narrowed):
    """Return the Q for recordings of calls with the customer phone number ``phone_number``, or None for none.

    Only the digits of ``phone_number`` count. A recording matches when its lead's
    vicidial_list.phone_number equals them (an indexed lookup). When ``narrowed`` is
    true, because an indexed condition such as a date range or an agent already bounds
    the rows read, a recording also matches when its filename contains the digits
    between underscores, as in VICIdial's default pattern
    ``YYYYMMDD-HHMMSS_<phone>_<agent>``. That match cannot use an index, so it is left
    out of searches that nothing else narrows.
    """
    digits = "".join(character for character in phone_number if character.isdigit())
    if not digits:
        return None

    leads = Lead.objects.filter(phone_number=digits).values_list("lead_id", flat=True)[:MAX_LEADS_PER_PHONE]
    condition = Q(lead_id__in=list(leads))
    if narrowed:
        condition |= Q(filename__contains=f"_{digits}_")
    return condition
