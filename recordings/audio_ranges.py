"""HTTP Range requests (RFC 9110, section 14) for audio files of a known size.

One range is served as 206; a request with several ranges, or with a Range header
that does not parse, gets the whole file as 200, which RFC 9110 allows.
"""
import re
from dataclasses import dataclass

from django.utils.http import parse_http_date_safe

# The first and last byte positions of one range. Nineteen digits cover any file
# size and keep int() away from Python's limit on very long digit strings.
_RANGE_PATTERN = re.compile(r"^\s*bytes\s*=\s*(\d{0,19})\s*-\s*(\d{0,19})\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class ByteRange:
    """A satisfiable range: ``start`` and ``end`` are inclusive byte offsets."""

    start: int
    end: int

    @property
    def length(self):
        return self.end - self.start + 1

    def content_range(self, size):
        return f"bytes {self.start}-{self.end}/{size}"


# Returned by parse_range for a valid range that lies wholly past the end of the file.
UNSATISFIABLE = "unsatisfiable"


@dataclass(frozen=True)
class RangeSpec:
    """One parsed byte-range-spec before the file size is known; a missing bound is None.

    ``first`` None means a suffix range (the last ``last`` bytes).
    """

    first: int | None
    last: int | None

    def header_value(self):
        first = "" if self.first is None else str(self.first)
        last = "" if self.last is None else str(self.last)
        return f"bytes={first}-{last}"

    @property
    def is_probe(self):
        # Safari requests bytes=0-1 (some players bytes=0-0) before playing.
        return self.first == 0 and self.last is not None and self.last <= 1


def parse_range_spec(header):
    """Parse a Range header with one range. Return None when it is missing, malformed or has several ranges."""
    match = _RANGE_PATTERN.match(header or "")
    if match is None:
        return None
    first, last = match.groups()
    if first == "" and last == "":
        return None
    spec = RangeSpec(int(first) if first else None, int(last) if last else None)
    if spec.first is not None and spec.last is not None and spec.last < spec.first:
        return None
    return spec


def parse_range(header, size):
    """Parse a Range header against a file of ``size`` bytes.

    Returns None to serve the whole file (no header, a malformed header, several
    ranges), UNSATISFIABLE for a 416, or a ByteRange clipped to the file's end.
    """
    spec = parse_range_spec(header)
    if spec is None:
        return None

    if spec.first is None:
        # A suffix range requests the last N bytes.
        if spec.last == 0 or size == 0:
            return UNSATISFIABLE
        return ByteRange(max(0, size - spec.last), size - 1)

    if spec.first >= size:
        return UNSATISFIABLE
    end = size - 1 if spec.last is None else min(spec.last, size - 1)
    return ByteRange(spec.first, end)


def if_range_matches(if_range, etag, last_modified):
    """Tell whether an If-Range value still names the file, so its Range applies.

    An entity tag must match the strong ETag exactly, and a weak tag never matches.
    A date must equal the Last-Modified time in whole seconds since the epoch. A
    missing If-Range always matches.
    """
    if if_range is None:
        return True
    value = if_range.strip()
    if value.startswith('"') or value.startswith("W/"):
        return etag is not None and value == etag
    return last_modified is not None and parse_http_date_safe(value) == int(last_modified)
