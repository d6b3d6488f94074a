"""Start Django for a benchmark script against a VICIdial-shaped MariaDB database."""
import os


def setup_django(url, **environment):
    """Point the app's settings at ``url`` as its VICIdial database and start Django.

    ``environment`` adds or overrides variables (for example DATABASE_URL). The secret
    key and log level get benchmark defaults unless the caller's environment sets them.
    """
    os.environ["VICIDIAL_DATABASE_URL"] = url
    os.environ.update(environment)
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
