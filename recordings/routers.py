"""Send the VICIdial models to the "vicidial" database and keep migrations out of it."""

VICIDIAL_ALIAS = "vicidial"


def is_vicidial_model(model):
    return model._meta.app_label == "recordings"


class VicidialRouter:
    def db_for_read(self, model, **hints):
        return VICIDIAL_ALIAS if is_vicidial_model(model) else None

    def db_for_write(self, model, **hints):
        return VICIDIAL_ALIAS if is_vicidial_model(model) else None

    def allow_relation(self, obj1, obj2, **hints):
        return is_vicidial_model(type(obj1)) == is_vicidial_model(type(obj2))

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # VICIdial owns its schema: nothing of Django's is created there, and the
        # recordings app has no tables anywhere else.
        if db == VICIDIAL_ALIAS:
            return False
        return app_label != "recordings"
