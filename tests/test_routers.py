import pytest
from django.contrib.auth.models import User
from django.db import connections, router
from django.test import override_settings

from recordings.models import Recording, VicidialUser
from recordings.query import Criteria, search
from recordings.vicidial_db import empty_tables


@pytest.fixture
def replica():
    empty_tables(connections["replica"])
    with override_settings(VICIDIAL_REPLICA_ALIAS="replica"):
        yield connections["replica"]
    empty_tables(connections["replica"])


def test_vicidial_models_use_vicidial_database():
    assert router.db_for_read(Recording) == "vicidial"
    assert router.db_for_write(Recording) == "vicidial"


def test_django_models_use_default_database():
    assert router.db_for_read(User) == "default"


def test_no_migrations_outside_default():
    assert router.allow_migrate("vicidial", "auth") is False
    assert router.allow_migrate("replica", "sessions") is False
    assert router.allow_migrate("default", "recordings") is False
    assert router.allow_migrate("default", "auth") is True


def test_search_reads_from_replica(replica):
    Recording.objects.using("replica").create(recording_id=1, user="1000", filename="on-replica")
    Recording.objects.create(recording_id=2, user="1000", filename="on-primary")

    found = list(search(Criteria(agent_user="1000")).values_list("filename", flat=True))

    assert found == ["on-replica"]


def test_users_read_from_primary_with_replica(replica):
    VicidialUser.objects.create(user_id=1, user="6666", password="1234", pass_hash="")

    assert router.db_for_read(VicidialUser) == "vicidial"
    assert VicidialUser.objects.filter(user="6666").exists()


def test_writes_go_to_primary_with_replica(replica):
    Recording.objects.create(recording_id=3, filename="written")

    assert Recording.objects.using("vicidial").filter(pk=3).exists()
    assert not Recording.objects.using("replica").filter(pk=3).exists()
