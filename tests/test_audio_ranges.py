"""parse_range, RangeSpec and if_range_matches, independent of any file."""
import pytest

from recordings.audio_ranges import UNSATISFIABLE, ByteRange, RangeSpec, if_range_matches, parse_range, parse_range_spec


@pytest.mark.parametrize(
    "header, expected",
    [
        ("bytes=0-1", ByteRange(0, 1)),
        ("bytes=0-", ByteRange(0, 99)),
        ("bytes=50-", ByteRange(50, 99)),
        ("bytes=-1", ByteRange(99, 99)),
        ("bytes=-500", ByteRange(0, 99)),
        ("bytes=90-500", ByteRange(90, 99)),
        ("bytes=99-99", ByteRange(99, 99)),
        ("bytes=100-", UNSATISFIABLE),
        ("bytes=-0", UNSATISFIABLE),
        (None, None),
        ("", None),
        ("bytes=5-4", None),
        ("bytes=1-2,4-5", None),
        ("bytes=a-b", None),
        ("pages=1-2", None),
        ("bytes=" + "1" * 30 + "-", None),
    ],
)
def test_parse_range(header, expected):
    assert parse_range(header, 100) == expected


def test_any_range_of_empty_file_unsatisfiable():
    assert parse_range("bytes=-5", 0) == UNSATISFIABLE


def test_range_spec_header_value_normalised():
    assert parse_range_spec(" Bytes = 7 - ").header_value() == "bytes=7-"


@pytest.mark.parametrize("spec, probe", [(RangeSpec(0, 1), True), (RangeSpec(0, 0), True), (RangeSpec(0, None), False), (RangeSpec(None, 1), False)])
def test_probe_ranges(spec, probe):
    assert spec.is_probe is probe


@pytest.mark.parametrize(
    "if_range, matches",
    [
        (None, True),
        ('"abc"', True),
        ('"abd"', False),
        ('W/"abc"', False),
        ("Sat, 01 Jan 2000 00:00:00 GMT", True),
        ("Sat, 01 Jan 2000 00:00:01 GMT", False),
        ("yesterday", False),
    ],
)
def test_if_range_matches(if_range, matches):
    assert if_range_matches(if_range, '"abc"', 946684800) is matches
