"""VICIdial's Non-Agent API ``recording_lookup``, with VICIdial's exact response bytes.

Old scripts call ``/vicidial/non_agent_api.php?function=recording_lookup&...`` and
parse the lines. The order of checks is VICIdial's: ``version`` and the teapot
functions first, then the login, the function name, the source, the function
permission, the report permission, and the search.
"""
import datetime
import itertools
import logging
import time

from django.conf import settings
from django.views.decorators.csrf import csrf_exempt

from recordings.api_log import ApiCall, write_api_log
from recordings.api_output import ROW_COLUMNS, legacy_response, output_format, row_chunks, rows_response
from recordings.api_params import clean_params, merged_params, raw_value
from recordings.api_search import byte_length, plan_search
from recordings.client_ip import client_ip
from recordings.login import Reason, check_login
from recordings.models import Server, SystemSettings
from recordings.query import search, stream_rows

logger = logging.getLogger(__name__)

FUNCTION = "recording_lookup"
API_VERSION = "2.14-194"
API_BUILD = "241004"
COFFEE_FUNCTIONS = ("coffee", "start_coffee", "make_coffee", "brew_coffee")
MIN_SOURCE_BYTES = 2
CHUNK_BYTES = 65536


@csrf_exempt
def non_agent_api(request):
    started = time.monotonic()
    raw_params = merged_params(request)
    function = raw_value(raw_params, "function")
    if function == "version":
        return legacy_response(version_line())
    if function in COFFEE_FUNCTIONS:
        return legacy_response(f"Coffee: {function}|Error 418 I'm a teapot", status=418)

    system = SystemSettings.load()
    params = clean_params(raw_params, non_latin=system.use_non_latin == "1")
    address = client_ip(request)
    login = check_login(params.user, params.password, address, system=system)
    if not login.ok:
        return legacy_response(login_error(login.reason, params.user, address))

    refusal = refused_call(params, login.user)
    if refusal is not None:
        call, body = refusal
        write_api_log(request, call, address, started)
        return legacy_response(body)

    return lookup_response(request, params, address, started)


def version_line():
    now = datetime.datetime.now().astimezone()
    server = Server.objects.filter(active="Y").order_by("server_id").first()
    # NOTE: TZNOW's format is a guess (hours east of UTC) because no recorded response shows it.
    offset_hours = now.utcoffset().total_seconds() / 3600
    return (
        f"VERSION: {API_VERSION}|BUILD: {API_BUILD}|DATE: {now:%Y-%m-%d %H:%M:%S}|EPOCH: {int(now.timestamp())}|"
        f"DST: {1 if time.localtime().tm_isdst > 0 else 0}|TZ: {server.local_gmt if server else ''}|"
        f"TZNOW: {offset_hours:g}|\n"
    )


def login_error(reason, user, address):
    """Return VICIdial's line for a failed login. Unlike VICIdial, it never echoes the password."""
    if reason is Reason.LOCKED:
        return f"ERROR: Too many login attempts, try again in 15 minutes: |{user}|LOCK|\n"
    if reason is Reason.IP_BLOCKED:
        return f"ERROR: Your IP Address is not allowed: {address}: ||IPBLOCK|\n"
    code = "2FA" if reason is Reason.TWO_FACTOR else "BAD"
    return f"ERROR: Login incorrect, please try again: |{user}||{code}|\n"


def api_call(params, reason, *, result="ERROR", data="", function=FUNCTION):
    """Return the ``ApiCall`` logged for ``params`` with the given outcome."""
    return ApiCall(function, result, reason, params.user, params.agent_user, params.source, data)


def refused_call(params, user):
    """Return (ApiCall, body) when the call stops before the search, else None."""
    if params.function != FUNCTION:
        reason = "NO FUNCTION SPECIFIED"
        return api_call(params, reason, function=params.function), f"ERROR: {reason}\n"

    if byte_length(params.source) < MIN_SOURCE_BYTES:
        body = f"ERROR: Invalid Source - {params.source}\nERROR: Invalid Source: |{params.source}|\n"
        return api_call(params, "Invalid Source"), body

    allowed = user.api_allowed_functions or ""
    if f" {FUNCTION} " not in allowed and "ALL_FUNCTIONS" not in allowed:
        reason = "auth USER DOES NOT HAVE PERMISSION TO USE THIS FUNCTION"
        return api_call(params, reason), f"ERROR: {reason}: |{params.user}|{FUNCTION}|\n"

    if not may_get_recordings(user):
        reason = "recording_lookup USER DOES NOT HAVE PERMISSION TO GET RECORDING INFO"
        return api_call(params, reason, data="0"), f"ERROR: {reason}: |{params.user}|0|\n"
    return None


def may_get_recordings(user):
    return (
        user.vdc_agent_api_access == "1"
        and user.view_reports == "1"
        and (user.user_level or 0) > 6
        and user.active == "Y"
    )


def lookup_response(request, params, address, started):
    """Search and respond with an error line when nothing can be found, else with the streamed rows."""
    echo = params.search_echo()
    plan = plan_search(params)
    if not plan.valid:
        reason = "recording_lookup INVALID SEARCH PARAMETERS"
        write_api_log(request, api_call(params, reason, data=echo), address, started)
        return legacy_response(f"ERROR: {reason}: {echo}\n")

    rows = iter(())
    if plan.satisfiable:
        rows = stream_rows(search(plan.criteria), ROW_COLUMNS, settings.RECORDING_LOOKUP_LIMIT)
    first = next(rows, None)
    if first is None:
        reason = "recording_lookup NO RECORDINGS FOUND"
        write_api_log(request, api_call(params, reason, data=echo), address, started)
        return legacy_response(f"ERROR: {reason} - {echo}\n")

    def finish(count):
        reason = f"recording_lookup RECORDINGS FOUND: {count}"
        call = api_call(params, reason, result="SUCCESS", data=f"{echo}|{params.stage}")
        write_api_log(request, call, address, started)

    fmt = output_format(params)
    return rows_response(logged_chunks(itertools.chain([first], rows), rows, fmt, finish), fmt)


def logged_chunks(all_rows, source_rows, fmt, finish):
    """Yield the response in chunks of about 64 KiB, then close the cursor and call ``finish(row_count)``.

    Once streaming has started, the ``finally`` also runs when the client disconnects
    (the server closes the response), so the log row counts the rows sent so far.
    """
    count = 0

    def counted():
        nonlocal count
        for row in all_rows:
            count += 1
            yield row

    try:
        buffer, size = [], 0
        for chunk in row_chunks(counted(), fmt):
            buffer.append(chunk)
            size += len(chunk)
            if size >= CHUNK_BYTES:
                yield b"".join(buffer)
                buffer, size = [], 0
        if buffer:
            yield b"".join(buffer)
    finally:
        try:
            if hasattr(source_rows, "close"):
                source_rows.close()
        finally:
            # The log row is written even when closing the cursor fails.
            finish(count)
