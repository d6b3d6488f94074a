import pytest
from django.core.management import call_command
from django.db import connections

from recordings.models import Recording, SystemSettings
from recordings.schema import TABLES


def table_names():
    return set(connections["vicidial"].introspection.table_names())


def test_schema_creates_every_table():
    assert {table.name for table in TABLES} <= table_names()


def test_schema_command_leaves_existing_tables(capsys):
    Recording.objects.create(recording_id=5, filename="kept")

    call_command("vicidial_schema", database="vicidial")

    assert Recording.objects.get(pk=5).filename == "kept"
    assert "nothing changed" in capsys.readouterr().out


def test_schema_inserts_single_settings_row():
    assert SystemSettings.objects.count() == 1
    assert SystemSettings.objects.get().pass_cost == 2


@pytest.mark.mariadb_only
def test_recording_log_is_myisam_on_mariadb():
    with connections["vicidial"].cursor() as cursor:
        cursor.execute(
            "SELECT ENGINE FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'recording_log'"
        )
        assert cursor.fetchone()[0] == "MyISAM"


def test_nothing_of_django_in_vicidial_database():
    assert not {name for name in table_names() if name.startswith(("auth_", "django_session"))}
