"""Permission to play recordings, and the vicidial_recording_access_log rows that plays write.

Logging rule: when system_settings.log_recording_access is '1', a GET that starts
playback writes one row. A GET starts playback when it has no usable Range header
(so the whole file is sent) or its range starts at byte 0, except the two-byte
probes (bytes=0-1, bytes=0-0) Safari sends before playing. Seeks (ranges starting
later) and HEAD requests write nothing. So a play or download writes one row, and
a player that seeks back to byte 0 writes another.
"""
from django.db import connections, router

from recordings.audio_ranges import parse_range_spec
from recordings.client_ip import client_ip
from recordings.clock import database_now
from recordings.models import RecordingAccess, VicidialUser

ACCESSED = "ACCESSED"
INVALID_USER = "INVALID USER"
INVALID_PERMISSIONS = "INVALID PERMISSIONS"
NO_RECORDING = "NO RECORDING"
RECORDING_UNAVAILABLE = "RECORDING UNAVAILABLE"


def access_denial(username, system_settings):
    """Return why ``username`` may not play recordings (an access_result value), or None when they may.

    The user must still be an active VICIdial user of level 7 or more with
    view_reports '1'. When recording access is logged, VICIdial also requires
    access_recordings '1'.
    """
    user = VicidialUser.objects.filter(user=username, user_level__gte=7, view_reports="1", active="Y").first()
    if user is None:
        return INVALID_USER
    if system_settings.log_recording_access == "1" and user.access_recordings == "0":
        return INVALID_PERMISSIONS
    return None


def starts_playback(request):
    """Tell whether ``request`` starts a play or download, as the module docstring defines it."""
    if request.method != "GET":
        return False
    range_spec = parse_range_spec(request.headers.get("Range"))
    if range_spec is None:
        return True
    return range_spec.first == 0 and not range_spec.is_probe


def log_recording_access(request, recording, recording_id, result, system_settings):
    """Write one vicidial_recording_access_log row when logging is on and ``request`` starts playback.

    ``recording`` may be None (no such row); ``recording_id`` is the id requested.
    """
    if system_settings.log_recording_access != "1" or not starts_playback(request):
        return
    connection = connections[router.db_for_write(RecordingAccess)]
    RecordingAccess.objects.create(
        recording_id=recording_id,
        lead_id=recording.lead_id if recording is not None else None,
        user=request.user.get_username()[:20],
        access_datetime=database_now(connection),
        access_result=result,
        ip=client_ip(request)[:15],
    )
