"""Output formats of the legacy API: delimiters, header, duration and JSON."""
import pytest

from recordings.api_output import OutputFormat, duration_of, json_chunks, output_format, text_lines
from recordings.api_params import clean_params, parse_pairs

ROW = ("2024-03-01 09:00:00", "1000", 1001, 100001, 30, 100, 130, "http://h/a|b,c\td.mp3")


@pytest.mark.parametrize(
    ("length", "start", "end", "expected"),
    [
        (63, 0, 0, 63),
        (0, 1709715600, 1709715645, 45),
        (None, 1709715700, 1709715820, 120),
        (0, 1709715800, 1709802199, 86399),
        (0, 1709715900, 1709802300, 0),
        (0, 1709716100, 1709716000, 0),
        (0, 1709716200, None, 0),
        (None, None, 3600, 3600),
        (None, None, None, 0),
        (16777215, 1, 2, 16777215),
    ],
)
def test_duration_fallback(length, start, end, expected):
    assert duration_of(length, start, end) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("stage=csv", OutputFormat(delimiter=",")),
        ("stage=tab", OutputFormat(delimiter="\t")),
        ("stage=CSV", OutputFormat()),
        ("stage=pipe", OutputFormat()),
        ("stage=json", OutputFormat(json=True)),
        ("header=YES", OutputFormat(header=True)),
        ("header=yes", OutputFormat()),
        ("duration=NY", OutputFormat(duration=True)),
        ("duration=y", OutputFormat()),
    ],
)
def test_output_format(query, expected):
    assert output_format(clean_params(parse_pairs(query))) == expected


def test_values_are_not_escaped():
    assert b"".join(text_lines([ROW], OutputFormat(delimiter=","))) == (
        b"2024-03-01 09:00:00,1000,1001,100001,http://h/a|b,c\td.mp3\n"
    )


def test_header_has_no_duration_column():
    assert b"".join(text_lines([ROW], OutputFormat(header=True, duration=True))) == (
        b"start_time|user|recording_id|lead_id|location\n"
        b"2024-03-01 09:00:00|1000|1001|100001|30|http://h/a|b,c\td.mp3\n"
    )


def test_nulls_print_empty():
    assert b"".join(text_lines([(None, None, 7, None, None, None, None, None)], OutputFormat())) == b"||7||\n"


def test_json_rows():
    assert b"".join(json_chunks([ROW], OutputFormat(json=True))) == (
        b'[{"start_time":"2024-03-01 09:00:00","user":"1000","recording_id":1001,"lead_id":100001,'
        b'"location":"http://h/a|b,c\\td.mp3"}]\n'
    )


def test_json_empty_array():
    assert b"".join(json_chunks([], OutputFormat(json=True))) == b"[]\n"
