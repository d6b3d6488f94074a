"""Turn a database outage into a clear 503 response instead of a 500.

When MariaDB is stopped, restarting or unreachable, a view fails with an
OperationalError. The legacy API then returns one error line and the pages return a
plain 503 page. Django opens a new connection for the next request, so the app
recovers by itself once the database is back.
"""
import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.urls import reverse

logger = logging.getLogger(__name__)

# MySQL client and server error codes that mean "no usable connection": 1040 too many
# connections, 1053 server shutdown, 2002/2003 cannot connect, 2006 server has gone
# away, 2013 lost connection, 2055 lost connection at system error, 4031 client
# disconnected for inactivity.
MYSQL_UNAVAILABLE_CODES = frozenset({1040, 1053, 2002, 2003, 2006, 2013, 2055, 4031})
SQLITE_UNAVAILABLE_MESSAGES = ("database is locked", "unable to open database file")
API_UNAVAILABLE_LINE = "ERROR: Database unavailable, please try again later\n"


def is_database_unavailable(error):
    if isinstance(error, InterfaceError):
        return True
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__ or error
    code = cause.args[0] if cause.args else None
    if isinstance(code, int):
        return code in MYSQL_UNAVAILABLE_CODES
    return any(message in str(cause) for message in SQLITE_UNAVAILABLE_MESSAGES)


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_unavailable(exception):
            return None

        code = exception.__cause__.args[0] if exception.__cause__ and exception.__cause__.args else ""
        logger.warning("Database unavailable on %s: %s %s", request.path, exception.__class__.__name__, code)

        if request.path == reverse("non_agent_api"):
            response = HttpResponse(API_UNAVAILABLE_LINE, status=503, content_type="text/html; charset=utf-8")
            response["Cache-Control"] = "no-cache, must-revalidate"
            response["Pragma"] = "no-cache"
            return response
        # The page is rendered without the request: its context would touch the
        # database again through request.user.
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
