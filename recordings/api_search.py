"""Search points of a recording_lookup request and the criteria its fields make.

VICIdial gives each usable field points (uniqueid 2, lead_id 2, agent_user 1,
extension 1, date 1) and searches only with 2 points or more. Fields that do not
qualify are ignored. Lengths are counted in UTF-8 bytes, as PHP's strlen() does.
"""
from dataclasses import dataclass

from recordings.query import Criteria, day_bounds, parse_day, uniqueid_condition

MIN_POINTS = 2
UNIQUEID_MIN_BYTES = 9
MAX_LEAD_ID_DIGITS = 10


@dataclass(frozen=True)
class SearchPlan:
    """The criteria of a request, its points, and whether it can match anything at all."""

    criteria: Criteria
    points: int
    # False when a counted field can match no row (a date that is not a real day).
    satisfiable: bool = True

    @property
    def valid(self):
        return self.points >= MIN_POINTS


def byte_length(text):
    return len(text.encode("utf-8", "surrogateescape"))


def uniqueid_prefix(uniqueid):
    """Return the call uniqueid prefix a request searches by, or None when it does not count."""
    if byte_length(uniqueid) < UNIQUEID_MIN_BYTES:
        return None
    prefix = uniqueid.split(".", 1)[0]
    return prefix if uniqueid_condition(prefix) is not None else None


def plan_search(params):
    """Return the ``SearchPlan`` for the cleaned ``params`` of a recording_lookup request."""
    fields, points, satisfiable = {}, 0, True
    prefix = uniqueid_prefix(params.uniqueid)
    if prefix is not None:
        fields["uniqueid_prefix"], points = prefix, points + 2
    if 3 <= byte_length(params.agent_user) <= 20:
        fields["agent_user"], points = params.agent_user, points + 1
    if 1 <= len(params.lead_id) <= MAX_LEAD_ID_DIGITS:
        fields["lead_id"], points = int(params.lead_id), points + 2
    if 3 <= byte_length(params.extension) <= 100:
        fields["extension"], points = params.extension, points + 1
    if byte_length(params.date) == 10:
        points += 1
        day = parse_day(params.date)
        if day is None:
            satisfiable = False
        else:
            fields["start_from"], fields["start_to"] = day_bounds(day)
    return SearchPlan(Criteria(**fields), points, satisfiable)
