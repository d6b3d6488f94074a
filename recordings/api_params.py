"""Request parameters of the legacy API, read and cleaned as VICIdial's PHP reads them.

PHP decodes the query string and a form body into ``$_GET`` and ``$_POST``; VICIdial
takes a name from GET when present, else from POST. Within one source the last
occurrence of a name wins, ``.`` and space in a name become ``_``, and a name ending
in ``[...]`` makes an array, which the product treats as an empty value (VICIdial
crashes on arrays).
"""
import logging
from dataclasses import dataclass
from urllib.parse import parse_qsl

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http.multipartparser import MultiPartParserError

from recordings.cleaning import keep_chars

logger = logging.getLogger(__name__)

FORM_CONTENT_TYPE = "application/x-www-form-urlencoded"
# The value a name gets when the request sends it as an array (``name[]=...``).
ARRAY = object()

# Characters kept for each parameter besides letters and digits, as VICIdial filters them.
LOGIN_EXTRA = "-_"
FILTERS = {
    "user": {"extra": LOGIN_EXTRA},
    "pass": {"extra": LOGIN_EXTRA},
    "agent_user": {"extra": LOGIN_EXTRA},
    "source": {},
    "lead_id": {"letters": False},
    "date": {"letters": False, "extra": "-"},
    "stage": {"extra": "-_"},
    "duration": {"extra": "-_"},
    "header": {},
    "extension": {"extra": "-_"},
    "uniqueid": {"extra": "-._ "},
}


def php_name(raw_name):
    """Return (name, is_array) for a parameter name as PHP registers it."""
    name = raw_name.lstrip(" ")
    is_array = False
    head, bracket, rest = name.partition("[")
    if bracket and "]" in rest:
        name, is_array = head, True
    elif bracket:
        name = head + "_" + rest
    return name.replace(".", "_").replace(" ", "_"), is_array


def parse_pairs(encoded):
    """Decode an ``application/x-www-form-urlencoded`` string into a dict, PHP style.

    Bytes that are not valid UTF-8 survive as lone surrogates (``surrogateescape``),
    so that a filter can tell them apart from real characters.
    """
    values = {}
    for raw_name, value in parse_qsl(encoded, keep_blank_values=True, encoding="utf-8", errors="surrogateescape"):
        name, is_array = php_name(raw_name)
        if name:
            values[name] = ARRAY if is_array else value
    return values


def form_body(request):
    """Return the decoded form fields of a POST request, or an empty dict.

    A body Django refuses to parse (a multipart body without a boundary, more than
    DATA_UPLOAD_MAX_NUMBER_FIELDS fields, more than DATA_UPLOAD_MAX_MEMORY_SIZE bytes)
    counts as no fields, as PHP leaves $_POST empty when it cannot read a body.
    """
    if request.method != "POST":
        return {}
    content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    try:
        if content_type == FORM_CONTENT_TYPE:
            return parse_pairs(request.body.decode("utf-8", "surrogateescape"))
        if content_type == "multipart/form-data":
            return multipart_fields(request.POST)
    except (MultiPartParserError, RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent) as error:
        logger.info("Ignored an unreadable POST body: %s", error.__class__.__name__)
    return {}


def multipart_fields(post):
    """Return the fields of a parsed multipart body by their PHP names, arrays as ARRAY like parse_pairs."""
    fields = {}
    for raw_name, values in post.lists():
        name, is_array = php_name(raw_name)
        if name:
            fields[name] = ARRAY if is_array else values[-1]
    return fields


def merged_params(request):
    """Return the request's parameters, GET winning over POST for the same name."""
    query = parse_pairs(request.META.get("QUERY_STRING", "").encode("latin-1", "replace").decode("utf-8", "surrogateescape"))
    return {**form_body(request), **query}


def raw_value(params, name):
    value = params.get(name, "")
    return "" if value is ARRAY else value


@dataclass(frozen=True)
class ApiParams:
    """The cleaned parameters of one recording_lookup request."""

    function: str
    user: str
    password: str
    source: str
    agent_user: str
    lead_id: str
    date: str
    uniqueid: str
    extension: str
    stage: str
    header: str
    duration: str

    def search_echo(self):
        """Return ``user|agent_user|lead_id|date|uniqueid``, as error lines and the log show it."""
        return "|".join([self.user, self.agent_user, self.lead_id, self.date, self.uniqueid])


def clean(params, name, non_latin):
    return keep_chars(raw_value(params, name), non_latin=non_latin, **FILTERS[name])


def clean_params(params, non_latin=False):
    """Clean every parameter recording_lookup reads; ``function`` stays as sent."""
    return ApiParams(
        function=raw_value(params, "function"),
        user=clean(params, "user", non_latin),
        password=clean(params, "pass", non_latin),
        source=clean(params, "source", non_latin),
        agent_user=clean(params, "agent_user", non_latin),
        lead_id=clean(params, "lead_id", non_latin),
        date=clean(params, "date", non_latin),
        uniqueid=clean(params, "uniqueid", non_latin),
        extension=clean(params, "extension", non_latin),
        stage=clean(params, "stage", non_latin),
        header=clean(params, "header", non_latin),
        duration=clean(params, "duration", non_latin),
    )
