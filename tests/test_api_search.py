"""Search points of recording_lookup and the criteria they make."""
import datetime

import pytest

from recordings.api_params import clean_params, parse_pairs
from recordings.api_search import plan_search
from recordings.query import Criteria


def plan(query, non_latin=False):
    return plan_search(clean_params(parse_pairs(query), non_latin=non_latin))


@pytest.mark.parametrize(
    ("query", "points"),
    [
        ("", 0),
        ("agent_user=ab", 0),
        ("agent_user=abc", 1),
        ("agent_user=" + "a" * 20, 1),
        ("agent_user=" + "a" * 21, 0),
        ("lead_id=1", 2),
        ("lead_id=1234567890", 2),
        ("lead_id=12345678901", 0),
        ("extension=ab", 0),
        ("extension=" + "x" * 100, 1),
        ("extension=" + "x" * 101, 0),
        ("date=2024-03-01", 1),
        ("date=2024-03-011", 0),
        ("uniqueid=1709805600.100", 0),
    ],
)
def test_points_without_calls(query, points):
    assert plan(query).points == points


def test_lengths_count_utf8_bytes():
    assert plan("agent_user=%C3%A9%C3%A9", non_latin=True).points == 1


def test_uniqueid_with_call_counts_two(call_factory):
    call_factory("1709805600.100")
    assert plan("uniqueid=1709805600.999").points == 2


def test_uniqueid_eight_chars_ignored(call_factory):
    call_factory("17098056.1")
    assert plan("uniqueid=17098056").points == 0


def test_uniqueid_prefix_matches_closer_log(call_factory):
    call_factory("1709809190.300", inbound=True, closecallid=7)
    assert plan("uniqueid=1709809190.1").criteria == Criteria(uniqueid_prefix="1709809190")


def test_date_makes_day_bounds():
    assert plan("date=2024-03-01&lead_id=1").criteria == Criteria(
        lead_id=1,
        start_from=datetime.datetime(2024, 3, 1, 0, 0, 0),
        start_to=datetime.datetime(2024, 3, 1, 23, 59, 59),
    )


@pytest.mark.parametrize("date", ["01-03-2024", "2024030100", "----------", "0000-00-00", "2024-02-30"])
def test_unreal_dates_count_but_match_nothing(date):
    result = plan(f"date={date}&lead_id=1")
    assert (result.points, result.satisfiable) == (3, False)


def test_leading_zero_lead_id_is_number():
    assert plan("lead_id=010").criteria.lead_id == 10
