"""Hostile request values, and checks that the API and the pages responded to them as documented."""
import json
import re
from dataclasses import dataclass

from recordings.ddl import quote_name
from recordings.schema import TABLES
from tests.vicidial_factories import run_sql

# Attack strings: SQL injection, XSS, path traversal, header injection (CRLF) and odd bytes.
PAYLOADS = [
    "' OR '1'='1",
    "' OR 1=1 -- ",
    "1; DROP TABLE recording_log; --",
    "1' UNION SELECT user, pass, 1, 1, 1 FROM vicidial_users -- ",
    "\" OR \"\"=\"",
    "1) OR SLEEP(0) #",
    "%' AND 1=0 UNION ALL SELECT NULL,NULL #",
    "admin'/*",
    "'; UPDATE vicidial_users SET user_level=9; --",
    "\\'; DELETE FROM vicidial_users; --",
    "<script>alert(1)</script>",
    "\"><svg onload=alert(1)>",
    "'><img src=x onerror=alert(1)>",
    "javascript:alert(1)",
    "</textarea><script>alert(document.cookie)</script>",
    "{{ 7*7 }}{% debug %}",
    "../../../../etc/passwd",
    "..\\..\\..\\windows\\win.ini",
    "/etc/passwd%00.mp3",
    "....//....//etc/passwd",
    "file:///etc/passwd",
    "value\r\nX-Injected: 1",
    "value\r\nSet-Cookie: sessionid=stolen",
    "%0d%0aX-Injected:%201",
    "\x00",
    "\u202e\u0000\ufeff",
    "\U0001f600\U00010000",
    "A" * 5000,
    "9" * 400,
    "1e309",
    "-1",
    "2024-02-30",
    "0000-00-00",
    "9999-12-31",
    "0001-01-01",
]
# Markup that must never reach an HTML page unescaped.
MARKUP_PAYLOADS = [payload for payload in PAYLOADS if "<" in payload or "\">" in payload]

# Letters of any script: with use_non_latin=1 the filters keep them.
WORD = r"[\w-]*"
ECHO = rf"{WORD}\|{WORD}\|[0-9]*\|[0-9-]*\|[\w. -]*"
ERROR_LINES = re.compile(
    "|".join([
        rf"ERROR: Login incorrect, please try again: \|{WORD}\|\|(BAD|2FA)\|\n",
        rf"ERROR: Too many login attempts, try again in 15 minutes: \|{WORD}\|LOCK\|\n",
        r"ERROR: Your IP Address is not allowed: [^\n|]*: \|\|IPBLOCK\|\n",
        r"ERROR: NO FUNCTION SPECIFIED\n",
        r"ERROR: Invalid Source - (?P<source>[^\W_]?)\nERROR: Invalid Source: \|(?P=source)\|\n",
        rf"ERROR: auth USER DOES NOT HAVE PERMISSION TO USE THIS FUNCTION: \|{WORD}\|recording_lookup\|\n",
        rf"ERROR: recording_lookup USER DOES NOT HAVE PERMISSION TO GET RECORDING INFO: \|{WORD}\|0\|\n",
        rf"ERROR: recording_lookup INVALID SEARCH PARAMETERS: {ECHO}\n",
        rf"ERROR: recording_lookup NO RECORDINGS FOUND - {ECHO}\n",
        r"VERSION: 2\.14-194\|BUILD: 241004\|DATE: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\|EPOCH: \d+\|DST: [01]\|TZ: [^|\n]*\|TZNOW: [^|\n]*\|\n",
    ]),
)
TEAPOT = re.compile(r"Coffee: (coffee|start_coffee|make_coffee|brew_coffee)\|Error 418 I'm a teapot")
LEGACY_CONTENT_TYPE = "text/html; charset=utf-8"
HEADER_COLUMNS = ("start_time", "user", "recording_id", "lead_id", "location")
DELIMITERS = {"csv": ",", "tab": "\t"}


@dataclass(frozen=True)
class RowFormat:
    """The row shape a request selects with stage, header and duration, after VICIdial's cleaning."""

    stage: str = ""
    header: str = ""
    duration: str = ""

    @property
    def delimiter(self):
        return DELIMITERS.get(self.stage, "|")


def keep(value, extra):
    return "".join(char for char in value if (char.isascii() and char.isalnum()) or char in extra)


def requested_format(get_pairs, post_pairs):
    """Return the RowFormat of a request: GET wins over POST, the last repeat wins, arrays are empty."""
    def effective(name):
        for pairs in (get_pairs, post_pairs):
            found = [(raw, value) for raw, value in pairs if raw.replace(".", "_").split("[", 1)[0] == name]
            if found:
                raw, value = found[-1]
                return "" if "[" in raw and "]" in raw.split("[", 1)[1] else value
        return ""

    return RowFormat(keep(effective("stage"), "-_"), keep(effective("header"), ""), keep(effective("duration"), "-_"))


def expected_lines(recordings, row_format):
    """Return every text line that ``recordings`` can produce in ``row_format``."""
    lines = set()
    for recording in recordings:
        fields = [recording.start_time.strftime("%Y-%m-%d %H:%M:%S"), recording.user, recording.recording_id, recording.lead_id]
        if "Y" in row_format.duration:
            fields.append(documented_duration(recording))
        fields.append(recording.location)
        lines.add(row_format.delimiter.join(str(field) for field in fields))
    return lines


def documented_duration(recording):
    """Return length_in_sec when above 0, else end_epoch - start_epoch when within a day, else 0."""
    if (recording.length_in_sec or 0) > 0:
        return recording.length_in_sec
    difference = (recording.end_epoch or 0) - (recording.start_epoch or 0)
    return difference if 0 < difference < 86400 else 0


def documented_api_problem(status, content_type, body, row_format, recordings):
    """Return why an API response is not a documented one, or None when it is."""
    if status == 418:
        return None if TEAPOT.fullmatch(body) else f"teapot status with body {body!r}"
    if status != 200:
        return f"status {status}"
    if row_format.stage == "json" and content_type == "application/json":
        return json_rows_problem(body, recordings)
    if content_type != LEGACY_CONTENT_TYPE:
        return f"content type {content_type}"
    if ERROR_LINES.fullmatch(body):
        return None
    return text_rows_problem(body, row_format, recordings)


def text_rows_problem(body, row_format, recordings):
    if not body.endswith("\n"):
        return f"body without final newline: {body[:200]!r}"
    lines = body[:-1].split("\n")
    if row_format.header == "YES" and lines[0] == row_format.delimiter.join(HEADER_COLUMNS):
        lines = lines[1:]
    allowed = expected_lines(recordings, row_format)
    unknown = [line for line in lines if line not in allowed]
    return f"lines that are no row of {row_format}: {unknown[:3]!r}" if unknown or not lines else None


def json_rows_problem(body, recordings):
    try:
        rows = json.loads(body)
    except ValueError:
        return f"invalid JSON {body[:200]!r}"
    ids = {recording.recording_id for recording in recordings}
    if not rows or any(row.get("recording_id") not in ids for row in rows):
        return f"JSON rows that are no recordings: {body[:200]!r}"
    return None


def snapshot_tables(excluded_tables, ignored_columns):
    """Return the content of every VICIdial table but ``excluded_tables``, without ``ignored_columns``.

    ``ignored_columns`` maps a table name to the columns left out of its rows.
    """
    contents = {}
    for table in TABLES:
        if table.name in excluded_tables:
            continue
        names = [column[0] for column in table.columns if column[0] not in ignored_columns.get(table.name, ())]
        columns = ", ".join(quote_name(name, vendor()) for name in names)
        rows = run_sql(f"SELECT {columns} FROM {quote_name(table.name, vendor())}")
        contents[table.name] = sorted(rows, key=repr)
    return contents


def vendor():
    from django.db import connections

    return connections["vicidial"].vendor
