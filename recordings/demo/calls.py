"""The demo's leads, calls and recordings, drawn from a seeded random generator.

Every recording belongs to a call: outbound calls are vicidial_log rows (the
recording's vicidial_id is the call's uniqueid), inbound calls are
vicidial_closer_log rows (its vicidial_id is the closecallid). Filenames follow
VICIdial's default pattern ``YYYYMMDD-HHMMSS_<phone>_<agent>``.
"""
import datetime
import time
from dataclasses import dataclass, field

from recordings.models import InboundCall, Lead, OutboundCall, Recording

OUTBOUND_CAMPAIGNS = ("SALESOUT", "RENEWALS")
IN_GROUPS = ("SUPPORT", "BILLING")
STATUSES = ("SALE", "NI", "CALLBK", "DNC", "NP", "B", "XFER", "A")
OUTBOUND_LIST_ID = 101
INBOUND_LIST_ID = 998
# The extension VICIdial dials to record an agent's conference.
RECORDING_EXTENSION = "8309"
AREA_CODES = ("212", "312", "415", "503", "617", "702", "808", "919")
FIRST_NAMES = ("Ana", "Ben", "Chloe", "David", "Elena", "Farid", "Gina", "Hugo", "Ines", "Jonas", "Kira", "Liam")
LAST_NAMES = ("Baker", "Costa", "Dubois", "Evans", "Fischer", "Garcia", "Hughes", "Ivanova", "Jensen", "Khan")
FIRST_HOUR, LAST_HOUR = 8, 18  # calls start between 08:00 and 18:59
# One recording in MISSING_FILE_EVERY has a location but no file (as after a purge),
# and one in EMPTY_LOCATION_EVERY has no location at all (never moved to its place).
MISSING_FILE_EVERY = 83
EMPTY_LOCATION_EVERY = 127


@dataclass
class AudioJob:
    recording_id: int
    filename: str
    seconds: float


@dataclass
class CallCenter:
    """The rows and audio files of one generated call center."""

    leads: list = field(default_factory=list)
    outbound_calls: list = field(default_factory=list)
    inbound_calls: list = field(default_factory=list)
    recordings: list = field(default_factory=list)
    audio_jobs: list = field(default_factory=list)


def call_start_times(rng, count, now, days):
    """Return ``count`` sorted start times in business hours of the ``days`` days ending at ``now``.

    A time later than ``now`` moves one day back, so the random draws, and with them
    the whole data set, depend only on the date and not on the time of day.
    """
    times = []
    for _ in range(count):
        day = now.date() - datetime.timedelta(days=rng.randrange(days))
        start = datetime.datetime.combine(day, datetime.time(rng.randint(FIRST_HOUR, LAST_HOUR), rng.randrange(60), rng.randrange(60)))
        times.append(start if start < now else start - datetime.timedelta(days=1))
    return sorted(times)


def call_seconds(rng):
    """Return a call length in seconds: mostly one to five minutes, a few much longer."""
    return int(min(1800, max(8, rng.lognormvariate(4.8, 0.8))))


def new_lead(rng, lead_id, inbound):
    phone = f"{rng.choice(AREA_CODES)}5550{rng.randint(100, 199)}"
    return Lead(
        lead_id=lead_id,
        list_id=INBOUND_LIST_ID if inbound else OUTBOUND_LIST_ID,
        phone_number=phone,
        first_name=rng.choice(FIRST_NAMES),
        last_name=rng.choice(LAST_NAMES),
    )


def generate(rng, agents, count, now, days, location_prefix):
    """Return a CallCenter with ``count`` recordings by ``agents`` (VicidialUser rows).

    ``location_prefix`` is the URL before ``MP3/<filename>-all.wav``.
    """
    center = CallCenter()
    weights = [rng.uniform(0.5, 1.5) for _ in agents]
    for recording_id, start in enumerate(call_start_times(rng, count, now, days), start=1):
        agent = rng.choices(agents, weights)[0]
        inbound = rng.random() < 0.4
        lead = pick_lead(rng, center, inbound)
        seconds = call_seconds(rng)
        vicidial_id = add_call(rng, center, lead, agent, start, seconds, inbound)
        recording = make_recording(rng, recording_id, lead, agent, start, seconds, vicidial_id)
        set_location(center, recording, location_prefix)
        center.recordings.append(recording)
    return center


def pick_lead(rng, center, inbound):
    """Return a new lead, or now and then one called before (a callback)."""
    if center.leads and rng.random() < 0.3:
        return rng.choice(center.leads)
    lead = new_lead(rng, len(center.leads) + 1, inbound)
    center.leads.append(lead)
    return lead


def add_call(rng, center, lead, agent, start, seconds, inbound):
    """Add the call log row of a recorded call; return the id its recording stores."""
    # The call starts a few seconds before the agent's recording does.
    call_date = start - datetime.timedelta(seconds=rng.randint(2, 20))
    epoch = int(time.mktime(call_date.timetuple()))
    uniqueid = f"{epoch}.{rng.randrange(10000, 99999)}"
    fields = {
        "lead_id": lead.lead_id,
        "call_date": call_date,
        "user": agent.user,
        "phone_number": lead.phone_number,
        "status": rng.choice(STATUSES),
        "length_in_sec": seconds + rng.randint(2, 20),
    }
    if inbound:
        closecallid = len(center.inbound_calls) + 1
        center.inbound_calls.append(InboundCall(closecallid=closecallid, uniqueid=uniqueid, campaign_id=rng.choice(IN_GROUPS), **fields))
        return str(closecallid)
    center.outbound_calls.append(OutboundCall(uniqueid=uniqueid, campaign_id=rng.choice(OUTBOUND_CAMPAIGNS), **fields))
    return uniqueid


def make_recording(rng, recording_id, lead, agent, start, seconds, vicidial_id):
    end = start + datetime.timedelta(seconds=seconds)
    return Recording(
        recording_id=recording_id,
        channel=f"Local/{RECORDING_EXTENSION}@default-{rng.getrandbits(32):08x};1",
        server_ip="127.0.0.1",
        extension=RECORDING_EXTENSION,
        start_time=start,
        start_epoch=int(time.mktime(start.timetuple())),
        end_time=end,
        end_epoch=int(time.mktime(end.timetuple())),
        length_in_sec=seconds,
        length_in_min=round(seconds / 60, 2),
        filename=f"{start:%Y%m%d-%H%M%S}_{lead.phone_number}_{agent.user}",
        lead_id=lead.lead_id,
        user=agent.user,
        vicidial_id=vicidial_id,
    )


def set_location(center, recording, location_prefix):
    """Fill the recording's location and queue its audio file, except for the broken few."""
    number = recording.recording_id
    if number % EMPTY_LOCATION_EVERY == EMPTY_LOCATION_EVERY // 2:
        # VICIdial leaves some locations empty and others NULL; show both.
        recording.location = "" if number % 2 else None
        return
    recording.location = f"{location_prefix}MP3/{recording.filename}-all.wav"
    if number % MISSING_FILE_EVERY == MISSING_FILE_EVERY // 2:
        return
    # Real calls last minutes; the synthesised audio lasts a few seconds.
    center.audio_jobs.append(AudioJob(number, recording.filename, 3 + number % 4 + (number % 10) / 10))
