"""Locating a recording's audio and choosing how browsers receive it.

``resolve_audio`` turns recording_log.location into a local file (through
settings.RECORDINGS_PATH_MAP) or a URL on a cluster host for the proxy.
``audio_status`` reports to the search page, without a network request, whether
a row can be played. Serving is in audio_files (local) and audio_proxy (remote).
"""
import os
from dataclasses import dataclass
from urllib.parse import quote

from django.utils.translation import gettext_lazy as _

from recordings.audio_errors import AudioUnavailable, NoRecording
from recordings.audio_local import local_audio
from recordings.audio_upstream import parse_location, upstream_url


@dataclass(frozen=True)
class AudioFormat:
    content_type: str
    # False when browsers cannot play the format, so the file is only offered for download.
    playable: bool
    reason: str = ""


FORMATS = {
    ".mp3": AudioFormat("audio/mpeg", True),
    ".wav": AudioFormat("audio/wav", True),
    ".ogg": AudioFormat("audio/ogg", True),
    ".gsm": AudioFormat("audio/x-gsm", False, _("Browsers cannot play GSM audio. Download the file to play it.")),
    ".gpg": AudioFormat(
        "application/pgp-encrypted", False, _("The recording is encrypted. Download it and decrypt it with GnuPG.")
    ),
}
UNKNOWN_FORMAT = AudioFormat("application/octet-stream", False, _("The audio format is unknown. Download the file to play it."))


def audio_format(file_name):
    """Return the AudioFormat for a file name by its last extension (``.mp3.gpg`` is GPG)."""
    extension = os.path.splitext(file_name or "")[1].lower()
    return FORMATS.get(extension, UNKNOWN_FORMAT)


def content_disposition(disposition, file_name):
    """Return a Content-Disposition value with an ASCII ``filename`` and an RFC 6266 ``filename*``."""
    fallback = "".join(
        character if 32 <= ord(character) < 127 and character not in '"\\' else "_" for character in file_name
    )
    # A name with bytes that are not UTF-8 gets "?" in their place.
    encoded = quote(file_name, safe="", errors="replace")
    return f"{disposition}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}"


def resolve_audio(location):
    """Return a LocalAudio or an UpstreamURL for ``location``.

    Raises AudioUnavailable when the location is empty, names a missing or unsafe
    local file, or points outside the cluster. May query the servers table, never
    the network.
    """
    if not location or not location.strip():
        raise NoRecording("the recording has no location")
    local = local_audio(location)
    if local is not None:
        return local
    return upstream_url(location)


@dataclass(frozen=True)
class AudioStatus:
    AVAILABLE = "available"
    MISSING = "missing"
    DOWNLOAD_ONLY = "download-only"
    # A remote file that is not checked, so that a page of results costs no requests.
    UNKNOWN = "unknown"

    state: str
    reason: str = ""

    @property
    def playable(self):
        return self.state in (self.AVAILABLE, self.UNKNOWN)


def audio_status(recording):
    """Return the AudioStatus of ``recording`` for the search page.

    Local files are checked on disk. Remote ones are reported UNKNOWN (or
    DOWNLOAD_ONLY by their extension) without a request to the recording server.
    """
    location = (recording.location or "").strip()
    if not location:
        return AudioStatus(AudioStatus.MISSING, _("No audio file was recorded."))
    try:
        local = local_audio(location)
        file_name = local.file_name if local else parse_location(location).file_name
    except AudioUnavailable:
        return AudioStatus(AudioStatus.MISSING, _("The audio file is not available."))

    file_format = audio_format(file_name)
    if not file_format.playable:
        return AudioStatus(AudioStatus.DOWNLOAD_ONLY, file_format.reason)
    return AudioStatus(AudioStatus.AVAILABLE if local else AudioStatus.UNKNOWN)
