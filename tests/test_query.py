import datetime

import pytest
from django.db import connections

from recordings.models import ArchivedRecording
from recordings.query import Criteria, day_bounds, describe_page, range_bounds, search, visible_agents
from tests.query_factories import NOON, viewable_group_factory, lead_factory, search_recording_factory  # noqa: F401 (fixtures)

DAY = NOON.date()
WHOLE_DAY = dict(zip(("start_from", "start_to"), day_bounds(DAY)))


def ids(queryset):
    return [recording.recording_id for recording in queryset]


def test_legacy_order_puts_null_start_first(search_recording_factory):
    search_recording_factory(recording_id=1, start_time=NOON)
    search_recording_factory(recording_id=2, start_time=None)
    search_recording_factory(recording_id=3, start_time=NOON - datetime.timedelta(hours=1))
    search_recording_factory(recording_id=4, start_time=NOON)

    assert ids(search(Criteria(agent_user="1000"))) == [2, 3, 1, 4]


def test_agent_filter_keeps_only_agent(search_recording_factory):
    search_recording_factory(recording_id=1, user="1000")
    search_recording_factory(recording_id=2, user="2000")

    assert ids(search(Criteria(agent_user="2000"))) == [2]


def test_lead_filter_keeps_only_lead(search_recording_factory):
    search_recording_factory(recording_id=1, lead_id=10)
    search_recording_factory(recording_id=2, lead_id=20)

    assert ids(search(Criteria(lead_id=10))) == [1]


def test_extension_filter_keeps_only_extension(search_recording_factory):
    search_recording_factory(recording_id=1, extension="8301")
    search_recording_factory(recording_id=2, extension="8302")

    assert ids(search(Criteria(extension="8302"))) == [2]


def test_day_range_includes_both_ends(search_recording_factory):
    start_from, start_to = day_bounds(DAY)
    search_recording_factory(recording_id=1, start_time=start_from - datetime.timedelta(seconds=1))
    search_recording_factory(recording_id=2, start_time=start_from)
    search_recording_factory(recording_id=3, start_time=start_to)
    search_recording_factory(recording_id=4, start_time=start_to + datetime.timedelta(seconds=1))

    assert ids(search(Criteria(**WHOLE_DAY))) == [2, 3]


def test_range_bounds_with_times():
    first, last = DAY, DAY + datetime.timedelta(days=2)

    bounds = range_bounds(first, last, datetime.time(8, 30), datetime.time(17, 0))

    assert bounds == (datetime.datetime(2026, 12, 3, 8, 30), datetime.datetime(2026, 12, 5, 17, 0))


def test_range_bounds_default_to_whole_days():
    assert range_bounds(DAY, DAY) == day_bounds(DAY)


def test_duration_bounds_are_inclusive(search_recording_factory):
    for recording_id, seconds in enumerate((9, 10, 60, 61), start=1):
        search_recording_factory(recording_id=recording_id, length_in_sec=seconds)

    assert ids(search(Criteria(min_duration=10, max_duration=60))) == [2, 3]


def test_phone_matches_recordings_of_leads_with_that_number(search_recording_factory, lead_factory):
    lead_factory(10, "5551234567")
    lead_factory(11, "5551234567")
    lead_factory(12, "5559999999")
    search_recording_factory(recording_id=1, lead_id=10)
    search_recording_factory(recording_id=2, lead_id=11)
    search_recording_factory(recording_id=3, lead_id=12)

    assert ids(search(Criteria(phone_number="(555) 123-4567"))) == [1, 2]


def test_phone_matches_filename_within_date_range(search_recording_factory):
    search_recording_factory(recording_id=1, filename="20261203-120000_5551234567_1000")
    search_recording_factory(recording_id=2, filename="20261203-120000_5559999999_1000")

    assert ids(search(Criteria(phone_number="5551234567", **WHOLE_DAY))) == [1]


def test_phone_matches_filename_with_agent(search_recording_factory):
    search_recording_factory(recording_id=1, filename="20261203-120000_5551234567_1000")

    assert ids(search(Criteria(phone_number="5551234567", agent_user="1000"))) == [1]


def test_phone_alone_skips_unindexed_filename_match(search_recording_factory):
    search_recording_factory(recording_id=1, filename="20261203-120000_5551234567_1000")

    assert ids(search(Criteria(phone_number="5551234567"))) == []


def test_phone_filename_match_needs_whole_number(search_recording_factory):
    search_recording_factory(recording_id=1, filename="20261203-120000_5551234567_1000")

    assert ids(search(Criteria(phone_number="1234567", **WHOLE_DAY))) == []


def test_phone_without_digits_matches_nothing(search_recording_factory):
    search_recording_factory(recording_id=1, filename="20261203-120000__1000")

    assert ids(search(Criteria(phone_number="--", **WHOLE_DAY))) == []


def test_uniqueid_matches_outbound_and_inbound(search_recording_factory, call_factory):
    call_factory("1764763200.1001")
    call_factory("1764763200.1002", inbound=True, closecallid=77)
    search_recording_factory(recording_id=1, vicidial_id="1764763200.1001")
    search_recording_factory(recording_id=2, vicidial_id="77")
    search_recording_factory(recording_id=3, vicidial_id="1764769999.1")

    assert ids(search(Criteria(uniqueid_prefix="1764763200"))) == [1, 2]


def test_campaign_matches_outbound_calls(search_recording_factory, call_factory):
    call_factory("1764763200.1", campaign_id="SALES")
    call_factory("1764763200.2", campaign_id="SURVEY")
    search_recording_factory(recording_id=1, vicidial_id="1764763200.1")
    search_recording_factory(recording_id=2, vicidial_id="1764763200.2")

    assert ids(search(Criteria(campaign_id="SALES", **WHOLE_DAY))) == [1]


def test_campaign_matches_in_group_calls(search_recording_factory, call_factory):
    call_factory("1764763200.1", inbound=True, closecallid=77, campaign_id="SUPPORT")
    call_factory("1764763200.2", inbound=True, closecallid=78, campaign_id="BILLING")
    search_recording_factory(recording_id=1, vicidial_id="77")
    search_recording_factory(recording_id=2, vicidial_id="78")

    assert ids(search(Criteria(campaign_id="SUPPORT", **WHOLE_DAY))) == [1]


def test_campaign_skips_recordings_without_call(search_recording_factory):
    search_recording_factory(recording_id=1, vicidial_id=None)

    assert ids(search(Criteria(campaign_id="SALES", **WHOLE_DAY))) == []


def test_filters_combine(search_recording_factory, lead_factory):
    lead_factory(10, "5551234567")
    search_recording_factory(recording_id=1, lead_id=10, user="1000", length_in_sec=30)
    search_recording_factory(recording_id=2, lead_id=10, user="2000", length_in_sec=30)
    search_recording_factory(recording_id=3, lead_id=10, user="1000", length_in_sec=5)

    criteria = Criteria(agent_user="1000", phone_number="5551234567", min_duration=10, **WHOLE_DAY)

    assert ids(search(criteria)) == [1]


def test_live_rows_are_not_marked_archived(search_recording_factory):
    search_recording_factory(recording_id=1)

    assert [row.archived for row in search(Criteria(agent_user="1000"))] == [False]


def test_archived_rows_are_left_out_by_default(search_recording_factory):
    search_recording_factory(ArchivedRecording, recording_id=1)

    assert ids(search(Criteria(agent_user="1000"))) == []


def test_include_archived_merges_and_marks_rows(search_recording_factory):
    search_recording_factory(ArchivedRecording, recording_id=1, start_time=NOON - datetime.timedelta(hours=2))
    search_recording_factory(recording_id=2, start_time=NOON)
    search_recording_factory(ArchivedRecording, recording_id=3, start_time=NOON + datetime.timedelta(hours=1))

    rows = search(Criteria(include_archived=True, **WHOLE_DAY), ordering="-start_time")

    assert [(row.recording_id, row.archived) for row in rows] == [(3, True), (2, False), (1, True)]


def test_include_archived_slices_across_both_tables(search_recording_factory):
    for hour in range(6):
        model = ArchivedRecording if hour % 2 else None
        extra = {"model": model} if model else {}
        search_recording_factory(recording_id=hour + 1, start_time=NOON + datetime.timedelta(hours=hour), **extra)

    rows = search(Criteria(include_archived=True, **WHOLE_DAY), ordering="-start_time")

    assert ids(rows[2:4]) == [4, 3]


def test_include_archived_counts_both_tables(search_recording_factory):
    search_recording_factory(recording_id=1)
    search_recording_factory(ArchivedRecording, recording_id=2)

    assert search(Criteria(include_archived=True, agent_user="1000"), ordering="-start_time").count() == 2


def test_include_archived_keeps_legacy_order(search_recording_factory):
    search_recording_factory(ArchivedRecording, recording_id=1, start_time=None)
    search_recording_factory(recording_id=2, start_time=NOON)
    search_recording_factory(ArchivedRecording, recording_id=3, start_time=NOON - datetime.timedelta(hours=1))

    assert ids(search(Criteria(include_archived=True, agent_user="1000"))) == [1, 3, 2]


def test_newest_first_puts_null_start_last(search_recording_factory):
    search_recording_factory(recording_id=1, start_time=None)
    search_recording_factory(recording_id=2, start_time=NOON)
    search_recording_factory(recording_id=3, start_time=NOON + datetime.timedelta(hours=1))

    assert ids(search(Criteria(agent_user="1000"), ordering="-start_time")) == [3, 2, 1]


def test_newest_first_breaks_ties_on_primary_key(search_recording_factory):
    for recording_id in (2, 1, 3):
        search_recording_factory(recording_id=recording_id, start_time=NOON)

    assert ids(search(Criteria(agent_user="1000"), ordering="-start_time")) == [3, 2, 1]


def test_oldest_first_breaks_ties_on_primary_key(search_recording_factory):
    for recording_id in (2, 1, 3):
        search_recording_factory(recording_id=recording_id, start_time=NOON)

    assert ids(search(Criteria(**WHOLE_DAY), ordering="start_time")) == [1, 2, 3]


def test_agent_order_then_newest_first(search_recording_factory):
    search_recording_factory(recording_id=1, user="2000", start_time=NOON)
    search_recording_factory(recording_id=2, user="1000", start_time=NOON)
    search_recording_factory(recording_id=3, user="1000", start_time=NOON + datetime.timedelta(hours=1))

    assert ids(search(Criteria(**WHOLE_DAY), ordering="user")) == [3, 2, 1]


def test_duration_order_descending(search_recording_factory):
    for recording_id, seconds in ((1, 30), (2, 90), (3, 60)):
        search_recording_factory(recording_id=recording_id, length_in_sec=seconds)

    assert ids(search(Criteria(**WHOLE_DAY), ordering="-length_in_sec")) == [2, 3, 1]


def test_unknown_ordering_is_rejected():
    with pytest.raises(ValueError, match="shortest"):
        search(Criteria(agent_user="1000"), ordering="shortest")


@pytest.fixture
def team_manager(vicidial_user_factory, viewable_group_factory):
    viewable_group_factory("SUPERVISORS", admin_viewable_groups=" AGENTS TEAM2 ")
    return vicidial_user_factory("6666", user_group="SUPERVISORS", user_level=8)


@pytest.fixture
def agents(vicidial_user_factory, viewable_group_factory):
    viewable_group_factory("AGENTS")
    vicidial_user_factory("1000", user_group="AGENTS")
    vicidial_user_factory("2000", user_group="TEAM2")
    vicidial_user_factory("3000", user_group="OTHERS")


def test_manager_sees_agents_of_viewable_groups(team_manager, agents):
    assert visible_agents(team_manager) == {"1000", "2000"}


def test_all_groups_means_no_restriction(vicidial_user_factory, viewable_group_factory):
    viewable_group_factory("ADMIN", admin_viewable_groups=" ---ALL--- ")

    assert visible_agents(vicidial_user_factory("6666", user_group="ADMIN")) is None


def test_group_without_viewable_groups_sees_nothing(vicidial_user_factory, viewable_group_factory):
    viewable_group_factory("LONELY", admin_viewable_groups="")

    assert visible_agents(vicidial_user_factory("6666", user_group="LONELY")) == frozenset()


def test_user_without_group_row_sees_nothing(vicidial_user_factory):
    assert visible_agents(vicidial_user_factory("6666", user_group="MISSING")) == frozenset()


def test_search_keeps_recordings_viewer_may_see(team_manager, agents, search_recording_factory):
    for recording_id, login in enumerate(("1000", "2000", "3000", "9999"), start=1):
        search_recording_factory(recording_id=recording_id, user=login)

    assert ids(search(Criteria(**WHOLE_DAY), viewer=team_manager)) == [1, 2]


def test_viewer_without_groups_finds_nothing(vicidial_user_factory, viewable_group_factory, search_recording_factory):
    viewable_group_factory("LONELY")
    search_recording_factory(recording_id=1)

    assert ids(search(Criteria(**WHOLE_DAY), viewer=vicidial_user_factory("6666", user_group="LONELY"))) == []


@pytest.fixture
def described_page(
    search_recording_factory, vicidial_user_factory, lead_factory, call_factory, django_assert_num_queries
):
    vicidial_user_factory("1000", full_name="Ada Agent")
    lead_factory(10, "5551234567")
    call_factory("1764763200.1", campaign_id="SALES")
    call_factory("1764763200.2", inbound=True, closecallid=77, campaign_id="SUPPORT")
    search_recording_factory(recording_id=1, lead_id=10, vicidial_id="1764763200.1")
    search_recording_factory(recording_id=2, user="9999", lead_id=11, vicidial_id="77")
    search_recording_factory(recording_id=3, user=None, lead_id=None, vicidial_id=None)
    page = list(search(Criteria(**WHOLE_DAY), ordering="start_time"))

    with django_assert_num_queries(3, connection=connections["vicidial"]):
        return describe_page(page)


def test_page_rows_get_agent_names(described_page):
    assert [row.agent_name for row in described_page] == ["Ada Agent", None, None]


def test_page_rows_get_phone_numbers(described_page):
    assert [row.phone_number for row in described_page] == ["5551234567", None, None]


def test_page_rows_get_campaigns_and_in_groups(described_page):
    assert [row.campaign_id for row in described_page] == ["SALES", "SUPPORT", None]


def test_empty_page_needs_no_queries(django_assert_num_queries):
    with django_assert_num_queries(0, connection=connections["vicidial"]):
        assert describe_page([]) == []
