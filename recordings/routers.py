"""Send the VICIdial models to VICIdial's database and keep migrations out of it.

Reads of the search data (recordings, call logs, leads) go to a read replica when
settings.VICIDIAL_REPLICA_ALIAS names one, as VICIdial's own reports can read from
system_settings.slave_db_server. Users, settings and every write stay on the primary,
so that login counters and log rows are read back as they were written.
"""
from django.conf import settings

VICIDIAL_ALIAS = "vicidial"
REPLICA_READ_TABLES = frozenset(
    {"recording_log", "recording_log_archive", "vicidial_log", "vicidial_closer_log", "vicidial_list"}
)


def is_vicidial_model(model):
    return model._meta.app_label == "recordings"


class VicidialRouter:
    def db_for_read(self, model, **hints):
        if not is_vicidial_model(model):
            return None
        replica = getattr(settings, "VICIDIAL_REPLICA_ALIAS", None)
        if replica and model._meta.db_table in REPLICA_READ_TABLES:
            return replica
        return VICIDIAL_ALIAS

    def db_for_write(self, model, **hints):
        return VICIDIAL_ALIAS if is_vicidial_model(model) else None

    def allow_relation(self, obj1, obj2, **hints):
        return is_vicidial_model(type(obj1)) == is_vicidial_model(type(obj2))

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # VICIdial owns its schema: Django's own tables live only in "default", and
        # the recordings app, whose models are all VICIdial's, has none anywhere.
        return db == "default" and app_label != "recordings"
