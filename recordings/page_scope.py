"""The viewer of the search page, and the recordings and agents that viewer may see.

Scoping follows VICIdial's admin_viewable_groups rule (recordings.query.visible_to).
The legacy API does not use this module: it keeps VICIdial's own rules.
"""
from django.utils.translation import gettext as _

from recordings.audio_access import INVALID_PERMISSIONS, access_denial
from recordings.models import SystemSettings, VicidialUser
from recordings.query import agents_with_recordings, recording_by_id, visible_agents


def page_viewer(request):
    """Return the VicidialUser behind the request's Django user, or None when there is none.

    VicidialBackend only lets in users with a vicidial_users row, so None means a
    Django-only account, which sees no recordings.
    """
    return VicidialUser.objects.filter(user=request.user.get_username()).first()


def may_see(viewer, recording):
    """Tell whether ``viewer`` (a VicidialUser or None) may see ``recording``."""
    if viewer is None or recording is None:
        return False
    agents = visible_agents(viewer)
    return agents is None or recording.user in agents


def visible_recording(viewer, recording_id):
    """Return the recording (live or archived) with ``recording_id`` if ``viewer`` may see it, else None."""
    recording = recording_by_id(recording_id)
    return recording if may_see(viewer, recording) else None


def agent_choices(viewer):
    """Return (login, full name) of the agents with recordings that ``viewer`` may see."""
    if viewer is None:
        return []
    agents = visible_agents(viewer)
    return [(login, name) for login, name in agents_with_recordings() if agents is None or login in agents]


def play_denial_message(request):
    """Return why the request's user may not play or download recordings, or None when they may.

    The audio endpoint applies the same rule (audio_access.access_denial); the page
    uses it to show a disabled Play control instead of a player that fails.
    """
    denial = access_denial(request.user.get_username(), SystemSettings.load())
    if denial is None:
        return None
    if denial == INVALID_PERMISSIONS:
        return _("Your user may search recordings but not play or download them (Access Recordings is off).")
    return _("Your user may not play or download recordings.")
