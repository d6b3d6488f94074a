"""Factory fixtures for the query tests: recordings of both tables, groups with viewable groups, leads."""
import datetime
import itertools

import pytest

from recordings.models import Lead, Recording, UserGroup

NOON = datetime.datetime(2026, 12, 3, 12, 0, 0)
FIRST_START = datetime.datetime(2026, 12, 1, 0, 0, 0)
SPACING = datetime.timedelta(minutes=5)


@pytest.fixture
def search_recording_factory():
    """Create recording_log (or ``model``) rows; ``recording_id`` counts up from 1 unless given."""
    ids = itertools.count(1)

    def create(model=Recording, **fields):
        fields.setdefault("recording_id", next(ids))
        fields.setdefault("start_time", NOON)
        fields.setdefault("user", "1000")
        return model.objects.create(**fields)

    return create


@pytest.fixture
def viewable_group_factory():
    """Create vicidial_user_groups rows with their admin_viewable_groups (space-separated)."""
    def create(user_group, admin_viewable_groups=""):
        return UserGroup.objects.create(
            user_group=user_group, group_name=user_group.title(), admin_viewable_groups=admin_viewable_groups
        )

    return create


@pytest.fixture
def lead_factory():
    def create(lead_id, phone_number):
        return Lead.objects.create(lead_id=lead_id, list_id=101, phone_number=phone_number)

    return create


@pytest.fixture
def three_days():
    """Insert a recording every 5 minutes for 3 days, ids in start_time order; return them."""
    rows = [
        Recording(recording_id=number + 1, start_time=FIRST_START + number * SPACING, user="1000")
        for number in range(3 * 24 * 12)
    ]
    return Recording.objects.bulk_create(rows)
