"""Recordings stored on this machine, found through settings.RECORDINGS_PATH_MAP.

A location whose URL starts with a mapped prefix names the file at the rest of the
URL under the mapped directory. The resolved file must stay inside that directory:
dot segments, absolute paths, NUL bytes and symbolic links that lead out are rejected.
"""
import logging
import os
from dataclasses import dataclass
from urllib.parse import unquote

from django.conf import settings

from recordings.audio_errors import AudioUnavailable

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LocalAudio:
    # Real path of the file and of the mapped directory it lies in, symbolic links resolved.
    path: str
    directory: str

    @property
    def file_name(self):
        return os.path.basename(self.path)

    @property
    def relative_path(self):
        return os.path.relpath(self.path, self.directory)


def _prefix_rest(location, prefix):
    """Return the part of ``location`` after ``prefix``, or None when the prefix does not match at a "/"."""
    if not location.startswith(prefix):
        return None
    rest = location[len(prefix):]
    if prefix.endswith("/"):
        return rest
    return rest[1:] if rest.startswith("/") else None


def _is_safe_relative(path):
    if path == "" or "\x00" in path or path.startswith("/"):
        return False
    return not any(part in (".", "..") for part in path.split("/"))


def _inside(directory, relative):
    """Return the real path of ``relative`` under ``directory``, or raise AudioUnavailable when it leads out."""
    if not _is_safe_relative(relative):
        raise AudioUnavailable("path has a dot segment, an absolute path or a NUL")
    real_path = os.path.realpath(os.path.join(directory, relative))
    if os.path.commonpath([real_path, directory]) != directory or real_path == directory:
        raise AudioUnavailable("path leads outside the mapped directory")
    return real_path


def _candidates(rest):
    """Return the relative paths ``rest`` may name: percent-decoded first, then as written.

    VICIdial writes file names into locations without encoding them, so a name that
    contains "%" (say "50%25 off") may be meant literally.
    """
    # File names are bytes on Linux, so percent-encoded bytes that are not UTF-8 are kept.
    decoded = unquote(rest, errors="surrogateescape")
    return [decoded] if decoded == rest else [decoded, rest]


def local_audio(location):
    """Return the LocalAudio that ``location`` names, or None when no RECORDINGS_PATH_MAP prefix matches.

    Raises AudioUnavailable when the path is unsafe or the file does not exist.
    """
    for prefix, directory in settings.RECORDINGS_PATH_MAP:
        rest = _prefix_rest(location, prefix)
        if rest is None:
            continue
        real_directory = os.path.realpath(directory)
        for relative in _candidates(rest):
            path = _inside(real_directory, relative)
            if os.path.isfile(path):
                return LocalAudio(path, real_directory)
        raise AudioUnavailable("file not found under %s" % real_directory)
    return None
