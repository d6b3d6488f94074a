"""Responses that serve a local recording file: streamed with Range support, or handed to nginx."""
import os
from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from recordings.audio_errors import AudioUnavailable
from recordings.audio_ranges import UNSATISFIABLE, if_range_matches, parse_range

CHUNK_SIZE = 64 * 1024


def _read_chunks(file, length):
    """Yield ``length`` bytes of ``file`` from its current position, in chunks; close it at the end."""
    try:
        remaining = length
        while remaining > 0:
            chunk = file.read(min(CHUNK_SIZE, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        file.close()


def _validators(stat):
    # The ETag changes whenever the file is rewritten or resized.
    return f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"', int(stat.st_mtime)


def _stat(path):
    try:
        return os.stat(path)
    except OSError as error:
        raise AudioUnavailable(f"cannot read the file: {error.strerror}") from None


def _requested_range(request, size, etag, last_modified):
    if not if_range_matches(request.headers.get("If-Range"), etag, last_modified):
        return None
    return parse_range(request.headers.get("Range"), size)


def _body(request, path, start, length):
    if request.method == "HEAD":
        return []
    try:
        file = open(path, "rb")
    except OSError as error:
        raise AudioUnavailable(f"cannot open the file: {error.strerror}") from None
    file.seek(start)
    return _read_chunks(file, length)


def file_response(request, path, headers):
    """Return a 200, 206, 304, 412 or 416 response for the file at ``path``.

    ``headers`` (Content-Type, Content-Disposition) are added to every response.
    Raises AudioUnavailable when the file vanished since it was resolved.
    """
    stat = _stat(path)
    size = stat.st_size
    etag, last_modified = _validators(stat)
    common = {**headers, "Accept-Ranges": "bytes", "ETag": etag, "Last-Modified": http_date(last_modified)}

    conditional = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if conditional is not None:
        # A 304 carries the validators but no Content-Type or body (RFC 9110, section 15.4.5).
        conditional["ETag"] = etag
        conditional["Last-Modified"] = common["Last-Modified"]
        return conditional

    byte_range = _requested_range(request, size, etag, last_modified)
    if byte_range is UNSATISFIABLE:
        return HttpResponse(status=416, headers={**common, "Content-Range": f"bytes */{size}"})
    if byte_range is None:
        return StreamingHttpResponse(
            _body(request, path, 0, size), status=200, headers={**common, "Content-Length": str(size)}
        )
    range_headers = {**common, "Content-Length": str(byte_range.length), "Content-Range": byte_range.content_range(size)}
    return StreamingHttpResponse(_body(request, path, byte_range.start, byte_range.length), status=206, headers=range_headers)


def x_accel_location(audio):
    """Return the internal nginx URI for a LocalAudio, or None when settings.AUDIO_X_ACCEL_MAP does not map its directory."""
    for directory, internal_prefix in settings.AUDIO_X_ACCEL_MAP:
        if os.path.realpath(directory) == audio.directory:
            # nginx 1.5.9 and later expects a percent-encoded URI in X-Accel-Redirect.
            relative = "/".join(quote(part, safe="", errors="surrogateescape") for part in audio.relative_path.split(os.sep))
            return internal_prefix.rstrip("/") + "/" + relative
    return None


def x_accel_response(location, headers):
    """Return an empty response that makes nginx serve the file at its internal ``location``.

    nginx then handles Range, If-Range, HEAD and conditional requests itself.
    """
    return HttpResponse(headers={**headers, "X-Accel-Redirect": location})
