"""The audit rows VICIdial writes for every API call that gets past the login.

After a successful login, each call writes one ``vicidial_api_log`` row and one
``vicidial_api_urls`` row with the same ``api_id``, and fills the lookup tables
``vicidial_webservers`` and ``vicidial_urls`` on first use. Unlike VICIdial, every
value is bound and cut to its column's width, and the ``pass`` value in the stored
URL is replaced by ``XXXXXXXX``.
"""
import datetime
import logging
import socket
import time
from dataclasses import dataclass
from urllib.parse import unquote_plus

from django.db import DatabaseError, IntegrityError, connections

from recordings.api_params import form_body, php_name
from recordings.clock import database_now
from recordings.ddl import quote_name
from recordings.routers import VICIDIAL_ALIAS

logger = logging.getLogger(__name__)

MASKED_PASSWORD = "XXXXXXXX"
# Characters VICIdial removes from POST values before it writes them into the URL.
POST_URL_REMOVED = str.maketrans("", "", "'\"\\;")
# Widths of the text columns of vicidial_api_log, in characters. TEXT stores 65535 bytes,
# which is 21845 characters of 3 bytes.
API_LOG_WIDTHS = {
    "user": 20,
    "function": 20,
    "agent_user": 20,
    "value": 255,
    "result": 10,
    "result_reason": 255,
    "source": 20,
    "data": 65535 // 3,
    "run_time": 20,
}
WEBSERVER_WIDTH = 125
SCRIPT_URL_WIDTH = 333
REMOTE_IP_WIDTH = 50


@dataclass(frozen=True)
class ApiCall:
    """The outcome of one call and the cleaned values its log row records."""

    function: str
    result: str
    result_reason: str
    user: str = ""
    agent_user: str = ""
    source: str = ""
    data: str = ""


def storable(value, width=None):
    """Return ``value`` as text a utf8 (3-byte) column accepts, cut to ``width`` characters."""
    text = str(value).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    text = "".join(char if char <= "\uffff" else "?" for char in text)
    return text[:width] if width else text


def masked_query(query_string):
    """Return the raw query string with the value of every ``pass`` parameter masked."""
    pieces = []
    for piece in query_string.split("&"):
        raw_name = piece.split("=", 1)[0]
        name, _ = php_name(unquote_plus(raw_name, errors="replace"))
        pieces.append(f"{raw_name}={MASKED_PASSWORD}" if name == "pass" else piece)
    return "&".join(pieces)


def post_fields_text(request):
    """Return the decoded POST fields as ``k=v&...``, as VICIdial writes them into the URL."""
    pairs = []
    for name, value in form_body(request).items():
        if name == "pass":
            shown = MASKED_PASSWORD
        elif isinstance(value, str):
            shown = value
        else:
            # PHP prints an array as the word "Array".
            shown = "Array"
        pairs.append(f"{name}={shown}".translate(POST_URL_REMOVED))
    return "&".join(pairs)


def script_url(request):
    """Return ``http://<host>[:<port>]<path>``: the port is left out for 80 and 443."""
    host = server_name(request)
    port = str(request.META.get("SERVER_PORT", "80"))
    scheme = "https" if "443" in port else "http"
    shown_port = "" if port in ("80", "443") else f":{port}"
    return f"{scheme}://{host}{shown_port}{request.path}"


def server_name(request):
    host = request.META.get("HTTP_HOST") or request.META.get("SERVER_NAME", "")
    return host.rsplit(":", 1)[0] if not host.endswith("]") else host


def logged_url(request):
    """Return the request URL VICIdial stores in vicidial_api_urls, password masked."""
    query = request.META.get("QUERY_STRING", "")
    post = post_fields_text(request) if request.method == "POST" else ""
    if not post:
        return f"{script_url(request)}?{masked_query(query)}"
    first = masked_query(query) if query else post
    return f"{script_url(request)}?{first}&GET-AND-POST=Y&{post}"


def lookup_id(cursor, table, id_column, values):
    """Return the id of the row of ``table`` with ``values``, inserting it the first time."""
    condition = " AND ".join(f"{column} = %s" for column in values)
    select = f"SELECT {id_column} FROM {table} WHERE {condition}"
    cursor.execute(select, list(values.values()))
    row = cursor.fetchone()
    if row:
        return row[0]
    try:
        columns = ", ".join(values)
        placeholders = ", ".join(["%s"] * len(values))
        cursor.execute(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", list(values.values()))
        return cursor.lastrowid
    except IntegrityError:
        # Another request inserted the same row in between.
        cursor.execute(select, list(values.values()))
        return cursor.fetchone()[0]


def known_ids(cursor, webserver, url):
    """Return (webserver_id, url_id) of the existing rows in one query; None where a row is missing."""
    cursor.execute(
        "SELECT (SELECT webserver_id FROM vicidial_webservers WHERE webserver = %s AND hostname = %s LIMIT 1),"
        " (SELECT url_id FROM vicidial_urls WHERE url = %s LIMIT 1)",
        [webserver["webserver"], webserver["hostname"], url["url"]],
    )
    return cursor.fetchone()


def clock_value(connection):
    """Return (SQL, params) of the database clock for an INSERT: NOW() itself on MariaDB, saving a round trip."""
    if connection.vendor == "mysql":
        return "NOW()", []
    return "%s", [database_now(connection)]


def write_api_log(request, call, client_ip, started):
    """Write the audit rows of one call. A database error is logged, not raised."""
    try:
        _insert_rows(request, call, client_ip, started)
    except DatabaseError:
        function = storable(call.function, API_LOG_WIDTHS["function"])
        logger.exception("Failed to write the API log rows for function %s", function)


def _insert_rows(request, call, client_ip, started):
    connection = connections[VICIDIAL_ALIAS]
    with connection.cursor() as cursor:
        webserver = {
            "webserver": storable(server_name(request), WEBSERVER_WIDTH),
            "hostname": storable(socket.gethostname(), WEBSERVER_WIDTH),
        }
        url = {"url": storable(script_url(request), SCRIPT_URL_WIDTH)}
        webserver_id, url_id = known_ids(cursor, webserver, url)
        if webserver_id is None:
            webserver_id = lookup_id(cursor, "vicidial_webservers", "webserver_id", webserver)
        if url_id is None:
            url_id = lookup_id(cursor, "vicidial_urls", "url_id", url)
        row = {
            "user": call.user,
            "api_date": datetime.datetime.now().replace(microsecond=0),
            "api_script": "non-agent",
            "function": call.function,
            "agent_user": call.agent_user,
            "value": "",
            "result": call.result,
            "result_reason": call.result_reason,
            "source": call.source,
            "data": call.data.replace('"', "'"),
            "run_time": f"{time.monotonic() - started:.6f}",
            "webserver": webserver_id,
            "api_url": url_id,
        }
        values = [storable(value, API_LOG_WIDTHS[column]) if column in API_LOG_WIDTHS else value for column, value in row.items()]
        columns = ", ".join(quote_name(column, connection.vendor) for column in row)
        placeholders = ", ".join(["%s"] * len(row))
        cursor.execute(f"INSERT INTO vicidial_api_log ({columns}) VALUES ({placeholders})", values)
        api_id = cursor.lastrowid
        now_sql, now_params = clock_value(connection)
        cursor.execute(
            f"INSERT INTO vicidial_api_urls (api_id, api_date, remote_ip, url) VALUES (%s, {now_sql}, %s, %s)",
            [api_id, *now_params, storable(client_ip, REMOTE_IP_WIDTH), storable(logged_url(request))],
        )
