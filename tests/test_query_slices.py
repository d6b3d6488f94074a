import datetime

import pytest

from recordings.models import ArchivedRecording, Recording
from recordings.query import NEWEST_FIRST, PAGE_ORDERINGS, Criteria, search
from tests.query_factories import FIRST_START, search_recording_factory, three_days  # noqa: F401 (fixtures)

THREE_DAYS = Criteria(start_from=FIRST_START, start_to=FIRST_START + datetime.timedelta(days=3))



@pytest.fixture(autouse=True)
def bisect_small_tables(settings):
    """Bound recording_id even on these tables of a few hundred rows."""
    settings.RECORDING_FULL_SCAN_MAX_ROWS = 0

def ids(rows):
    return [row.recording_id for row in rows]


@pytest.fixture
def out_of_order(three_days, settings):
    """Give a few recordings the start of another, within the 2-hour margin, so that they rank out of id order."""
    settings.RECORDING_START_MARGIN_SECONDS = 7200
    # recording_id: the id whose start it takes (5 minutes per id).
    moves = {830: 850, 860: 842, 700: 720, 851: 850}
    for recording_id, start_of in moves.items():
        start = Recording.objects.get(pk=start_of).start_time
        Recording.objects.filter(pk=recording_id).update(start_time=start)


@pytest.mark.parametrize("first, stop", [(0, 25), (25, 50), (0, 1), (100, 125), (840, 900)])
def test_slice_equals_slice_of_full_sort(out_of_order, first, stop):
    expected = ids(list(search(THREE_DAYS, ordering=NEWEST_FIRST))[first:stop])

    assert ids(search(THREE_DAYS, ordering=NEWEST_FIRST)[first:stop]) == expected


def test_first_page_reads_few_rows(three_days):
    narrowed = search(THREE_DAYS, ordering=NEWEST_FIRST)._narrowed(25)

    assert narrowed.count() < 100


def test_range_smaller_than_slice_is_not_narrowed(three_days):
    narrowed = search(THREE_DAYS, ordering=NEWEST_FIRST)._narrowed(10_000)

    assert narrowed.count() == 864


def test_reordering_newest_first_narrows(out_of_order):
    queryset = search(THREE_DAYS, ordering="user").order_by("-start_time", "-recording_id")
    expected = ids(list(queryset.all())[0:25])

    assert queryset.can_narrow(slice(0, 25))
    assert ids(queryset[0:25]) == expected


def test_other_ordering_is_not_narrowed(three_days):
    assert not search(THREE_DAYS, ordering=NEWEST_FIRST).order_by("user").can_narrow(slice(0, 25))


def test_search_without_date_range_is_not_narrowed(three_days):
    assert not search(Criteria(agent_user="1000"), ordering=NEWEST_FIRST).can_narrow(slice(0, 25))


def test_lead_search_is_not_narrowed(three_days):
    criteria = Criteria(lead_id=10, start_from=THREE_DAYS.start_from, start_to=THREE_DAYS.start_to)

    assert not search(criteria, ordering=NEWEST_FIRST).can_narrow(slice(0, 25))


def test_legacy_order_is_not_narrowed(three_days):
    assert not search(THREE_DAYS).can_narrow(slice(0, 25))


@pytest.fixture
def live_and_archived(search_recording_factory):
    """Recordings every 20 minutes over a day, every third one archived, a few of them tied."""
    for number in range(72):
        model = ArchivedRecording if number % 3 == 0 else Recording
        start = FIRST_START + datetime.timedelta(minutes=20 * (number - number % 5 // 4))
        search_recording_factory(model=model, recording_id=number + 1, start_time=start, length_in_sec=number % 7)


@pytest.mark.parametrize("ordering", [None, *PAGE_ORDERINGS])
@pytest.mark.parametrize("first, stop", [(0, 10), (10, 20), (65, 80)])
def test_archive_slice_equals_slice_of_full_sort(live_and_archived, ordering, first, stop):
    criteria = Criteria(include_archived=True, start_from=FIRST_START, start_to=FIRST_START + datetime.timedelta(days=1))
    expected = ids(list(search(criteria, ordering=ordering))[first:stop])

    assert ids(search(criteria, ordering=ordering)[first:stop]) == expected


@pytest.mark.parametrize("first, stop", [(0, 10), (10, 20)])
def test_reordered_archive_slice_equals_slice_of_full_sort(live_and_archived, first, stop):
    criteria = Criteria(include_archived=True, start_from=FIRST_START, start_to=FIRST_START + datetime.timedelta(days=1))
    queryset = search(criteria, ordering="user").order_by("-length_in_sec", "recording_id")
    expected = ids(list(queryset.all())[first:stop])

    assert ids(queryset[first:stop]) == expected
