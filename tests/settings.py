"""Settings for the test suite: the product's settings with a throwaway key and var/."""
import atexit
import os
import shutil
import tempfile

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production")
if "VAR_DIR" not in os.environ:
    os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="recording-search-tests-")
    atexit.register(shutil.rmtree, os.environ["VAR_DIR"], ignore_errors=True)

from config.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# A second VICIdial-shaped database standing in for a read replica. The router uses it
# only in tests that set VICIDIAL_REPLICA_ALIAS.
DATABASES["replica"] = dict(DATABASES["vicidial"])
if DATABASES["replica"]["ENGINE"].endswith("mysql"):
    DATABASES["replica"]["NAME"] += "_replica"
else:
    DATABASES["replica"]["NAME"] = str(VAR_DIR / "replica.sqlite3")

# Whitenoise warns on every request when STATIC_ROOT is missing; tests never collect.
STATIC_ROOT = VAR_DIR / "staticfiles"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# On SQLite the VICIdial test database is a file rather than Django's shared-cache
# in-memory database: there, parallel requests to a live server fail with "database
# table is locked" at once instead of waiting their turn as with a file or MariaDB.
if DATABASES["vicidial"]["ENGINE"].endswith("sqlite3"):
    DATABASES["vicidial"]["TEST"] = {"NAME": str(VAR_DIR / "test_vicidial.sqlite3")}
