"""The page's audio endpoint: /recordings/<id>/audio plays a recording, with ?download=1 saves it."""
import logging

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from recordings.audio import audio_format, content_disposition, resolve_audio
from recordings.audio_access import (
    ACCESSED,
    NO_RECORDING,
    RECORDING_UNAVAILABLE,
    access_denial,
    log_recording_access,
)
from recordings.audio_errors import AudioUnavailable, NoRecording, UpstreamFailed
from recordings.audio_files import file_response, x_accel_location, x_accel_response
from recordings.audio_local import LocalAudio
from recordings.audio_proxy import proxy_response
from recordings.models import SystemSettings
from recordings.page_scope import may_see, page_viewer
from recordings.query import MAX_RECORDING_ID, recording_by_id

logger = logging.getLogger(__name__)


def _plain(message, status):
    return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")


def _audio_headers(request, file_name):
    file_format = audio_format(file_name)
    download = request.GET.get("download") == "1" or not file_format.playable
    return {
        "Content-Type": file_format.content_type,
        "Content-Disposition": content_disposition("attachment" if download else "inline", file_name),
        "Cache-Control": "private",
    }


def _serve(request, recording):
    if recording is None:
        raise NoRecording("no such recording")
    audio = resolve_audio(recording.location)
    headers = _audio_headers(request, audio.file_name)
    if not isinstance(audio, LocalAudio):
        return proxy_response(request, audio, headers)
    internal_location = x_accel_location(audio)
    if internal_location is not None:
        return x_accel_response(internal_location, headers)
    return file_response(request, audio.path, headers)


@login_required
@require_safe
def recording_audio(request, recording_id):
    if recording_id > MAX_RECORDING_ID:
        # No such row can exist, and the id would not fit the access log's column.
        return _plain(_("Audio not available."), 404)
    system_settings = SystemSettings.load()
    recording = recording_by_id(recording_id)

    denial = access_denial(request.user.get_username(), system_settings)
    if denial is not None:
        log_recording_access(request, recording, recording_id, denial, system_settings)
        return _plain(_("You do not have permission to play recordings."), 403)

    if recording is not None and not may_see(page_viewer(request), recording):
        # The same response as for a missing row, so a guessed id does not reveal that a
        # recording exists outside the user's admin_viewable_groups.
        logger.info("Audio of recording %s rejected: its agent is outside the user's viewable groups", recording_id)
        return _plain(_("Audio not available."), 404)

    try:
        response = _serve(request, recording)
    except AudioUnavailable as error:
        logger.info("Audio of recording %s is not available: %s", recording_id, error)
        result = NO_RECORDING if isinstance(error, NoRecording) else RECORDING_UNAVAILABLE
        log_recording_access(request, recording, recording_id, result, system_settings)
        return _plain(_("Audio not available."), 404)
    except UpstreamFailed as error:
        logger.warning("Audio of recording %s could not be fetched: %s", recording_id, error)
        log_recording_access(request, recording, recording_id, RECORDING_UNAVAILABLE, system_settings)
        if error.status == 504:
            return _plain(_("The recording server did not respond in time."), 504)
        return _plain(_("The recording server could not be reached."), error.status)

    log_recording_access(request, recording, recording_id, ACCESSED, system_settings)
    return response
