"""CSV export of a search: the table's columns for every matching row, up to RECORDING_LOOKUP_LIMIT.

The file starts with a UTF-8 byte order mark. Without one, Excel for Windows decodes
a CSV file in the system's legacy code page and garbles names such as "María". With
the mark it reads UTF-8. LibreOffice, Numbers and Python's ``utf-8-sig`` codec skip it.
"""
import csv
import datetime
from itertools import islice

from django.conf import settings
from django.http import StreamingHttpResponse
from django.utils.translation import gettext as _

from recordings.query import stream_rows
from recordings.query_rows import agent_names, campaign_ids, phone_numbers
from recordings.tables import format_duration

BYTE_ORDER_MARK = "\ufeff"
# Spreadsheets read a cell starting with one of these as a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = ("start_time", "user", "lead_id", "length_in_sec", "filename", "vicidial_id", "archived")
# Rows enriched with names, phone numbers and campaigns per batch: three queries each.
BATCH_SIZE = 1000


def header():
    return [
        _("Start time"), _("Agent"), _("Agent name"), _("Lead ID"), _("Phone number"), _("Duration"),
        _("Campaign"), _("File name"), _("Archived"),
    ]


def safe_cell(value):
    """Return ``value`` as text, with a leading apostrophe when a spreadsheet would read it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def matching_rows(queryset, limit):
    """Yield dicts of COLUMNS for up to ``limit`` rows of ``queryset`` (a search() result), in its order."""
    if queryset.query.combinator is None:
        for values in stream_rows(queryset, COLUMNS, limit):
            yield dict(zip(COLUMNS, values))
        return
    # A UNION with the archive cannot take stream_rows' annotation, so its rows come as
    # model instances. NOTE: on MySQL, iterator() fetches the whole slice into memory.
    for recording in queryset[:limit].iterator(chunk_size=2000):
        row = {column: getattr(recording, column) for column in COLUMNS}
        row["start_time"] = recording.start_time.strftime("%Y-%m-%d %H:%M:%S") if recording.start_time else ""
        yield row


def csv_lines(rows):
    """Yield the CSV cells of ``rows`` (dicts of COLUMNS) with names, phones and campaigns filled in."""
    rows = iter(rows)
    while batch := list(islice(rows, BATCH_SIZE)):
        names = agent_names(row["user"] for row in batch)
        phones = phone_numbers(row["lead_id"] for row in batch)
        campaigns = campaign_ids(row["vicidial_id"] for row in batch)
        for row in batch:
            yield [
                row["start_time"], row["user"], names.get(row["user"]), row["lead_id"], phones.get(row["lead_id"]),
                format_duration(row["length_in_sec"] or 0), campaigns.get(row["vicidial_id"]), row["filename"],
                _("yes") if row["archived"] else _("no"),
            ]


class _Echo:
    """A file-like object whose write() returns the line csv.writer gives it."""

    def write(self, value):
        return value


def csv_chunks(queryset, limit):
    """Yield the CSV file: byte order mark, header, rows, and a last line when ``limit`` cut the rows."""
    writer = csv.writer(_Echo())
    yield BYTE_ORDER_MARK + writer.writerow(header())

    written = 0
    for cells in csv_lines(matching_rows(queryset, limit + 1)):
        if written == limit:
            notice = _("Export stopped at %(limit)d rows, the limit. Narrow the search to export the rest.")
            yield writer.writerow([notice % {"limit": limit}])
            return
        yield writer.writerow([safe_cell(cell) for cell in cells])
        written += 1


def csv_response(queryset):
    """Return a StreamingHttpResponse with the CSV export of ``queryset``."""
    limit = settings.RECORDING_LOOKUP_LIMIT
    file_name = f"recordings-{datetime.datetime.now():%Y%m%d-%H%M%S}.csv"
    response = StreamingHttpResponse(csv_chunks(queryset, limit), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    response["X-Export-Row-Limit"] = str(limit)
    return response
