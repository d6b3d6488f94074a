"""Relaying a recording from its recording server, so that an HTTPS page can play audio stored behind HTTP.

Only URLs built by recordings.audio_upstream (hosts of the cluster) reach this
module. Redirects are not followed, connect and read timeouts apply, and at most
settings.RECORDING_PROXY_MAX_BYTES are relayed per response.
"""
import functools
import logging

import urllib3
from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified, StreamingHttpResponse
from urllib3.exceptions import HTTPError, NewConnectionError, TimeoutError

from recordings.audio_errors import AudioUnavailable, UpstreamFailed
from recordings.audio_ranges import parse_range_spec

logger = logging.getLogger(__name__)

CHUNK_SIZE = 64 * 1024
# Headers of the recording server's reply that the browser needs for seeking and caching.
RELAYED_HEADERS = ("Content-Length", "Content-Range", "Accept-Ranges", "ETag", "Last-Modified")


@functools.lru_cache(maxsize=4)
def _pool_manager(verify_tls, ca_file):
    if not verify_tls:
        return urllib3.PoolManager(maxsize=4, retries=False, cert_reqs="CERT_NONE")
    return urllib3.PoolManager(maxsize=4, retries=False, cert_reqs="CERT_REQUIRED", ca_certs=ca_file)


def _request_headers(request):
    # Identity encoding keeps byte ranges on the stored bytes. Only one well-formed
    # range is passed on. Anything else requests the whole file, as for local files.
    headers = {"Accept-Encoding": "identity"}
    range_spec = parse_range_spec(request.headers.get("Range"))
    if range_spec is not None:
        headers["Range"] = range_spec.header_value()
        if request.headers.get("If-Range"):
            headers["If-Range"] = request.headers["If-Range"]
    # Validators let the browser revalidate its cached copy with a 304.
    for name in ("If-None-Match", "If-Modified-Since"):
        if request.headers.get(name):
            headers[name] = request.headers[name]
    return headers


def open_upstream(request, upstream):
    """Send the request for ``upstream`` (an UpstreamURL) and return the unread urllib3 response.

    Raises UpstreamFailed with status 504 on a timeout and 502 when the server cannot
    be reached.
    """
    timeout = urllib3.Timeout(
        connect=settings.RECORDING_PROXY_CONNECT_TIMEOUT, read=settings.RECORDING_PROXY_READ_TIMEOUT
    )
    pool = _pool_manager(settings.RECORDING_PROXY_VERIFY_TLS, settings.RECORDING_PROXY_CA_FILE)
    try:
        return pool.request(
            request.method,
            upstream.url(),
            headers=_request_headers(request),
            timeout=timeout,
            retries=False,
            redirect=False,
            preload_content=False,
            decode_content=False,
        )
    except NewConnectionError as error:
        # NewConnectionError subclasses ConnectTimeoutError in urllib3 2.x, so it is caught first.
        raise UpstreamFailed(f"cannot connect to {upstream.host}: {error}", 502) from None
    except TimeoutError as error:
        raise UpstreamFailed(f"{upstream.host} timed out: {error}", 504) from None
    except HTTPError as error:
        raise UpstreamFailed(f"request to {upstream.host} failed: {error}", 502) from None


def _close(upstream_response):
    upstream_response.close()
    upstream_response.release_conn()


# NOTE: the read timeout bounds each wait for data, not the whole transfer, so a
# server that keeps sending slowly occupies the worker until the size limit or the end.
def _relay(upstream_response, host, limit):
    """Yield the body of ``upstream_response`` in chunks, stopping after ``limit`` bytes or at an error."""
    sent = 0
    try:
        # read1 returns what has arrived, so the browser gets audio as soon as it comes.
        while chunk := upstream_response.read1(CHUNK_SIZE, decode_content=False):
            if sent + len(chunk) > limit:
                logger.warning("Recording from %s exceeds %d bytes; the response was cut", host, limit)
                break
            sent += len(chunk)
            yield chunk
    except (HTTPError, OSError) as error:
        # The status line is already sent, so the browser gets a short body and may retry with a Range.
        logger.warning("Recording server %s stopped after %d bytes: %s", host, sent, error)
    finally:
        _close(upstream_response)


def _check_status(upstream_response, upstream):
    status = upstream_response.status
    if status in (404, 410):
        _close(upstream_response)
        raise AudioUnavailable(f"{upstream.host} returned {status} for the file")
    if status not in (200, 206, 304, 416):
        # Redirects land here too: following one could reach a host outside the cluster.
        _close(upstream_response)
        raise UpstreamFailed(f"{upstream.host} returned unexpected status {status}", 502)

    length = upstream_response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > settings.RECORDING_PROXY_MAX_BYTES:
        _close(upstream_response)
        raise UpstreamFailed(f"{upstream.host} offered {length} bytes, more than RECORDING_PROXY_MAX_BYTES", 502)


def proxy_response(request, upstream, headers):
    """Return the recording server's reply for ``upstream`` as a streamed response with ``headers`` added.

    Raises AudioUnavailable for a 404 or 410 from the server, UpstreamFailed for
    every other failure.
    """
    upstream_response = open_upstream(request, upstream)
    _check_status(upstream_response, upstream)

    relayed = {name: upstream_response.headers[name] for name in RELAYED_HEADERS if name in upstream_response.headers}
    if upstream_response.status == 304:
        _close(upstream_response)
        # A 304 carries the validators but no Content-Type or body.
        validators = {name: relayed[name] for name in ("ETag", "Last-Modified") if name in relayed}
        return HttpResponseNotModified(headers={**validators, "Cache-Control": headers["Cache-Control"]})

    all_headers = {**relayed, **headers}
    if request.method == "HEAD" or upstream_response.status == 416:
        _close(upstream_response)
        return HttpResponse(status=upstream_response.status, headers=all_headers)
    body = _relay(upstream_response, upstream.host, settings.RECORDING_PROXY_MAX_BYTES)
    return StreamingHttpResponse(body, status=upstream_response.status, headers=all_headers)
