"""The CSV export of a search: header, rows, the row cap's notice and formula-injection guarding."""
import csv
import datetime
import io
from http import HTTPStatus

import pytest
from django.test import override_settings
from django.urls import reverse

from recordings.export import safe_cell
from recordings.models import VicidialUser
from tests.page_fixtures import (  # noqa: F401
    DAY,
    archived_recording_factory,
    lead_factory,
    page_client,
    recording_factory,
)

WHOLE_DAY = {"date_from": DAY.isoformat(), "date_to": DAY.isoformat()}
HEADER = "Start time,Agent,Agent name,Lead ID,Phone number,Duration,Campaign,File name,Archived"


def export(client, params):
    response = client.get(reverse("export"), params)
    return response, b"".join(response.streaming_content)


def rows_of(body):
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_export_starts_with_bom_and_header(page_client, recording_factory):
    recording_factory()

    _, body = export(page_client, WHOLE_DAY)

    assert body.startswith(b"\xef\xbb\xbf")
    assert body.decode("utf-8-sig").splitlines()[0] == HEADER


def test_export_row_has_the_table_columns(page_client, recording_factory, lead_factory, call_factory):
    VicidialUser.objects.create(user_id=2, user="1001", full_name="María Álvarez", user_level=1)
    lead_factory(500, "3125550100")
    call_factory("1764763200.1", campaign_id="SALESOUT")
    recording_factory(vicidial_id="1764763200.1", length_in_sec=3725, filename="20261203-120000_3125550100_1001")

    _, body = export(page_client, WHOLE_DAY)

    assert body.decode("utf-8-sig").splitlines()[1] == (
        "2026-12-03 12:00:00,1001,María Álvarez,500,3125550100,1:02:05,SALESOUT,20261203-120000_3125550100_1001,no"
    )


def test_export_response_headers(page_client, recording_factory):
    recording_factory()

    response, _ = export(page_client, WHOLE_DAY)

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="recordings-')
    assert response["X-Export-Row-Limit"] == "100000"


def test_export_is_newest_first(page_client, recording_factory):
    recording_factory(start_time=datetime.datetime(2026, 12, 3, 8, 0), filename="early")
    recording_factory(start_time=datetime.datetime(2026, 12, 3, 18, 0), filename="late")

    _, body = export(page_client, WHOLE_DAY)

    assert [row[7] for row in rows_of(body)[1:]] == ["late", "early"]


@override_settings(RECORDING_LOOKUP_LIMIT=5)
def test_export_cut_at_limit_ends_with_notice(page_client, recording_factory):
    for _ in range(7):
        recording_factory()

    _, body = export(page_client, WHOLE_DAY)
    rows = rows_of(body)

    assert len(rows) == 1 + 5 + 1
    assert rows[-1] == ["Export stopped at 5 rows, the limit. Narrow the search to export the rest."]


@override_settings(RECORDING_LOOKUP_LIMIT=5)
def test_export_at_exactly_limit_has_no_notice(page_client, recording_factory):
    for _ in range(5):
        recording_factory()

    _, body = export(page_client, WHOLE_DAY)
    rows = rows_of(body)

    assert len(rows) == 1 + 5
    assert "Export stopped" not in body.decode()


@override_settings(RECORDING_LOOKUP_LIMIT=5)
def test_export_with_archive_is_cut_too(page_client, recording_factory, archived_recording_factory):
    for _ in range(4):
        recording_factory()
    for recording_id in (901, 902, 903):
        archived_recording_factory(recording_id)

    _, body = export(page_client, {**WHOLE_DAY, "include_archived": "on"})
    rows = rows_of(body)

    assert len(rows) == 1 + 5 + 1
    # Equal start times sort by recording_id, newest first: the four live rows, then 903.
    assert [row[8] for row in rows[1:6]] == ["no", "no", "no", "no", "yes"]


def test_export_marks_archived_rows(page_client, archived_recording_factory):
    archived_recording_factory(901)

    _, body = export(page_client, {**WHOLE_DAY, "include_archived": "on"})

    assert rows_of(body)[1][8] == "yes"


def test_export_guards_formula_cells(page_client, recording_factory, lead_factory):
    VicidialUser.objects.create(user_id=2, user="1001", full_name="@SUM(A1)", user_level=1)
    lead_factory(500, "+15555550100")
    recording_factory(filename='=HYPERLINK("http://x","a,b")')

    _, body = export(page_client, WHOLE_DAY)
    row = rows_of(body)[1]

    assert row[2] == "'@SUM(A1)"
    assert row[4] == "'+15555550100"
    assert row[7] == '\'=HYPERLINK("http://x","a,b")'


@pytest.mark.parametrize(
    "value, expected",
    [("=1+2", "'=1+2"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\tx", "'\tx"), ("a=b", "a=b"), (None, ""), (42, "42")],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_invalid_search_shows_form_instead_of_csv(page_client, recording_factory):
    response = page_client.get(reverse("export"), {"lead_id": "abc"})

    assert response["Content-Type"].startswith("text/html")
    assert 'id="id_lead_id_error"' in response.content.decode()


def test_export_requires_login(client):
    response = client.get(reverse("export"), WHOLE_DAY)

    assert response.status_code == HTTPStatus.FOUND
