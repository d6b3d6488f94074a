import datetime
import random
import sys
import threading

import pytest
from django.core.management import call_command
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from recordings.models import Recording
from recordings.query import Criteria, day_bounds, search
from recordings.query_window import (
    forget_proofs,
    forget_start_time_indexes,
    id_bounds,
    start_time_condition,
    start_time_is_indexed,
)
from tests.api_client import lookup
from tests.page_fixtures import page_client  # noqa: F401 (fixture)
from tests.query_factories import FIRST_START, SPACING, three_days  # noqa: F401 (fixtures)

DAY = datetime.date(2026, 12, 2)


@pytest.fixture(autouse=True)
def bisect_small_tables(settings):
    """Bound recording_id even on these tables of a few hundred rows."""
    settings.RECORDING_FULL_SCAN_MAX_ROWS = 0


def ids(queryset):
    return [recording.recording_id for recording in queryset]


def lookups(condition):
    """Return the lookup names in a Q, such as {"start_time__gte", "pk__lte"}."""
    names = set()
    for child in condition.children:
        names |= lookups(child) if hasattr(child, "children") else {child[0]}
    return names


def start_of(recording_id):
    return FIRST_START + (recording_id - 1) * SPACING


def test_day_is_bounded_on_both_ends(three_days, settings):
    settings.RECORDING_START_MARGIN_SECONDS = 3600

    lowest, highest = id_bounds(Recording, *day_bounds(DAY))

    assert (lowest, highest) == (277, 588)


def test_bounds_stay_within_margin(three_days, settings):
    settings.RECORDING_START_MARGIN_SECONDS = 3600
    start_from, start_to = day_bounds(DAY)

    lowest, highest = id_bounds(Recording, start_from, start_to)

    assert start_of(lowest) >= start_from - datetime.timedelta(seconds=3600 + 300)
    assert start_of(highest) <= start_to + datetime.timedelta(seconds=3600 + 300)


def test_day_search_finds_exactly_that_day(three_days):
    found = ids(search(Criteria(start_from=day_bounds(DAY)[0], start_to=day_bounds(DAY)[1])))

    assert found == list(range(289, 289 + 288))


def test_range_before_first_recording_has_no_lower_bound(three_days):
    assert id_bounds(Recording, FIRST_START - datetime.timedelta(days=5), FIRST_START)[0] is None


def test_range_after_last_recording_has_no_upper_bound(three_days):
    later = FIRST_START + datetime.timedelta(days=30)

    assert id_bounds(Recording, FIRST_START, later)[1] is None


def test_empty_table_has_no_bounds():
    assert id_bounds(Recording, *day_bounds(DAY)) == (None, None)


# Recording 596 (day 3, 01:35) comes from a server whose clock ran 100 minutes
# behind, so it starts at 23:55 on day 2, after rows with lower ids. Recording 280
# (day 1, 23:15) comes from one whose clock ran 55 minutes ahead, so it starts at
# 00:10 on day 2, before rows with higher ids. The bisection misses both without
# the margin.
@pytest.mark.parametrize("recording_id, start", [(596, datetime.time(23, 55)), (280, datetime.time(0, 10))])
def test_row_out_of_order_within_margin_is_found(three_days, settings, recording_id, start):
    settings.RECORDING_START_MARGIN_SECONDS = 7200
    Recording.objects.filter(recording_id=recording_id).update(start_time=datetime.datetime.combine(DAY, start))

    found = ids(search(Criteria(start_from=day_bounds(DAY)[0], start_to=day_bounds(DAY)[1])))

    assert recording_id in found


def test_search_reads_only_id_window(three_days, settings):
    settings.RECORDING_START_MARGIN_SECONDS = 3600

    condition = start_time_condition(Recording, *day_bounds(DAY))

    assert lookups(condition) == {"start_time__gte", "start_time__lte", "pk__gte", "pk__lte"}


def test_null_start_rows_never_match_range(three_days):
    Recording.objects.filter(recording_id__in=range(300, 400)).update(start_time=None)

    found = ids(search(Criteria(start_from=day_bounds(DAY)[0], start_to=day_bounds(DAY)[1])))

    assert found == list(range(289, 300)) + list(range(400, 289 + 288))


def test_null_start_rows_keep_bounds(three_days, settings):
    settings.RECORDING_START_MARGIN_SECONDS = 3600
    Recording.objects.filter(recording_id__in=range(250, 650)).update(start_time=None)

    lowest, highest = id_bounds(Recording, *day_bounds(DAY))

    assert lowest is not None
    assert highest is not None


def test_only_null_starts_match_no_range(settings):
    Recording.objects.bulk_create([Recording(recording_id=number, start_time=None) for number in range(1, 50)])

    assert ids(search(Criteria(start_from=day_bounds(DAY)[0], start_to=day_bounds(DAY)[1]))) == []


def test_open_ended_range_keeps_later_rows(three_days):
    start_from = datetime.datetime.combine(DAY + datetime.timedelta(days=1), datetime.time(23, 0))

    assert ids(search(Criteria(start_from=start_from))) == list(range(853, 865))


@pytest.fixture
def start_time_index():
    """Add an index on recording_log.start_time for one test, then drop it."""
    connection = connections["vicidial"]
    table = "recording_log"
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE INDEX start_time ON {table} (start_time)")
    forget_start_time_indexes()
    yield
    with connection.cursor() as cursor:
        if connection.vendor == "mysql":
            cursor.execute(f"DROP INDEX start_time ON {table}")
        else:
            cursor.execute("DROP INDEX start_time")
    forget_start_time_indexes()


def test_table_without_index_is_detected():
    forget_start_time_indexes()

    assert start_time_is_indexed(Recording) is False


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_index_on_start_time_is_detected(start_time_index):
    assert start_time_is_indexed(Recording) is True


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_index_on_start_time_replaces_id_bounds(start_time_index):
    condition = start_time_condition(Recording, *day_bounds(DAY))

    assert lookups(condition) == {"start_time__gte", "start_time__lte"}


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_index_search_finds_exactly_that_day(start_time_index, three_days):
    found = ids(search(Criteria(start_from=day_bounds(DAY)[0], start_to=day_bounds(DAY)[1])))

    assert found == list(range(289, 289 + 288))


def test_small_table_is_read_whole(three_days, settings):
    settings.RECORDING_FULL_SCAN_MAX_ROWS = 20000
    Recording.objects.filter(recording_id=10).update(start_time=datetime.datetime.combine(DAY, datetime.time(12)))

    found = ids(search(Criteria(start_from=day_bounds(DAY)[0], start_to=day_bounds(DAY)[1])))

    assert 10 in found


def test_small_table_has_no_bounds(three_days, settings):
    settings.RECORDING_FULL_SCAN_MAX_ROWS = 20000

    assert id_bounds(Recording, *day_bounds(DAY)) == (None, None)


def test_index_command_prints_alter_table(capsys):
    call_command("start_time_index_sql")

    assert "ALTER TABLE recording_log ADD INDEX start_time (start_time);" in capsys.readouterr().out.splitlines()


def statements(call):
    with CaptureQueriesContext(connections["vicidial"]) as captured:
        result = call()
    return result, len(captured)


def test_few_statements_find_both_bounds(three_days, settings):
    settings.RECORDING_START_MARGIN_SECONDS = 3600

    bounds, count = statements(lambda: id_bounds(Recording, *day_bounds(DAY)))

    assert bounds == (277, 588)
    # One statement for the row count and id span, then probe statements that serve
    # both bounds. Each cuts 864 ids at least fivefold, so five always suffice.
    assert count <= 6


def test_remembered_bounds_take_two_statements(three_days, settings):
    settings.RECORDING_START_MARGIN_SECONDS = 3600
    first = id_bounds(Recording, *day_bounds(DAY))

    again, count = statements(lambda: id_bounds(Recording, *day_bounds(DAY)))

    assert again == first
    assert count == 2


def test_remembered_proof_that_no_longer_holds_is_replaced(three_days, settings):
    settings.RECORDING_START_MARGIN_SECONDS = 3600
    lowest, highest = id_bounds(Recording, *day_bounds(DAY))
    # The rows that proved both bounds now start inside the day (an edited table).
    moved = datetime.datetime.combine(DAY, datetime.time(12, 0))
    Recording.objects.filter(recording_id__in=[lowest - 1, highest + 1]).update(start_time=moved)

    found = ids(search(Criteria(start_from=day_bounds(DAY)[0], start_to=day_bounds(DAY)[1])))

    assert lowest - 1 in found
    assert highest + 1 in found


def test_remembered_proof_of_a_deleted_row_is_replaced(three_days, settings):
    settings.RECORDING_START_MARGIN_SECONDS = 3600
    lowest, highest = id_bounds(Recording, *day_bounds(DAY))
    Recording.objects.filter(recording_id__in=[lowest - 1, highest + 1]).delete()

    assert id_bounds(Recording, *day_bounds(DAY)) == (lowest - 1, highest + 1)


@pytest.mark.parametrize("seed", range(5))
def test_skewed_starts_within_margin_match_full_scan(settings, seed):
    # Ten telephony servers whose clocks differ by up to 50 minutes write into one
    # table. The margin is an hour, so the bounds must lose no row of any range.
    settings.RECORDING_START_MARGIN_SECONDS = 3600
    chance = random.Random(seed)
    skews = [datetime.timedelta(minutes=chance.randint(-25, 25)) for _ in range(10)]
    Recording.objects.bulk_create(
        Recording(recording_id=number + 1, start_time=FIRST_START + number * SPACING + chance.choice(skews), user="1000")
        for number in range(3 * 24 * 12)
    )
    for _ in range(10):
        start_from = FIRST_START + datetime.timedelta(minutes=chance.randint(0, 3 * 24 * 60))
        start_to = start_from + datetime.timedelta(minutes=chance.randint(0, 24 * 60))
        expected = Recording.objects.filter(start_time__gte=start_from, start_time__lte=start_to)

        found = search(Criteria(start_from=start_from, start_to=start_to))

        assert sorted(ids(found)) == sorted(ids(expected))


# The first and last days that Python's datetime accepts. The legacy API's date= and
# the search page's date fields take both, and the margin moves their bounds past them.
FIRST_DAY = datetime.date(1, 1, 1)
LAST_DAY = datetime.date(9999, 12, 31)


@pytest.mark.parametrize("day", [FIRST_DAY, LAST_DAY], ids=str)
def test_edge_day_search_matches_full_scan(three_days, day):
    Recording.objects.create(recording_id=2000, start_time=datetime.datetime(9999, 12, 31, 12, 0), user="1000")
    start_from, start_to = day_bounds(day)
    expected = Recording.objects.filter(start_time__gte=start_from, start_time__lte=start_to).order_by("start_time", "pk")

    found = ids(search(Criteria(start_from=start_from, start_to=start_to)))

    assert found == ids(expected)


def test_lookup_of_first_day_finds_nothing(three_days, api_user):
    answer = lookup("agent_user=1000&date=0001-01-01")

    assert answer.status == 200
    assert answer.body == "ERROR: recording_lookup NO RECORDINGS FOUND - 6666|1000||0001-01-01|\n"


@pytest.mark.parametrize("params", [{"date_from": "0001-01-01"}, {"date_to": "9999-12-31"}], ids=["first", "last"])
def test_page_with_edge_day_loads(three_days, page_client, params):
    response = page_client.get(reverse("search"), params)

    assert response.status_code == 200



@pytest.mark.mariadb_only
@pytest.mark.django_db(transaction=True, databases="__all__")
def test_threads_share_remembered_bounds_safely(three_days, settings):
    # runserver and threaded workers search from several threads at once, while
    # one of them keeps dropping what the others remember.
    settings.RECORDING_START_MARGIN_SECONDS = 3600
    days = [DAY - datetime.timedelta(days=1), DAY, DAY + datetime.timedelta(days=1)]
    expected = {day: id_bounds(Recording, *day_bounds(day)) for day in days}
    errors = []

    def search_days(forget):
        try:
            for _ in range(100):
                for day in days:
                    if id_bounds(Recording, *day_bounds(day)) != expected[day]:
                        errors.append(f"wrong bounds for {day}")
                if forget:
                    forget_proofs()
        except Exception as error:  # noqa: BLE001 (reported by the assert below)
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=search_days, args=(number == 0,)) for number in range(4)]
    # Switch threads far more often than the default 5 ms, to interleave the searches.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)

    assert errors == []
