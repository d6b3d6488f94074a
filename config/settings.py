"""Settings for the recording search, read from the environment.

With no database variables set, both databases are SQLite files under var/ and the
app runs as the demo. See README.md for every variable.
"""
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

from config.env import env_bool, env_database, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The embedded demo runs on SQLite files under var/ when no VICIdial database is named.
EMBEDDED_DEMO = env_str("VICIDIAL_DATABASE_URL") is None


def _read_or_create_secret_key():
    key = env_str("SECRET_KEY")
    if key:
        return key
    if not EMBEDDED_DEMO:
        raise ImproperlyConfigured("SECRET_KEY must be set when VICIDIAL_DATABASE_URL is set.")
    # The demo keeps a generated key in var/ so that sessions survive a restart.
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(get_random_secret_key())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _read_or_create_secret_key()

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_filters",
    "django_tables2",
    "recordings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "recordings.db_faults.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# "default" contains the app's own tables (sessions, auth); "vicidial" is VICIdial's
# database, reached only through the unmanaged models in recordings.models.
DATABASES = {
    "default": env_database("DATABASE_URL", VAR_DIR / "app.sqlite3"),
    "vicidial": env_database("VICIDIAL_DATABASE_URL", VAR_DIR / "vicidial.sqlite3"),
}
# A read replica of VICIdial's database (system_settings.slave_db_server) for the
# searches; logins, settings and every write stay on the primary.
if env_str("REPLICA_DATABASE_URL"):
    DATABASES["replica"] = env_database("REPLICA_DATABASE_URL", None)
    VICIDIAL_REPLICA_ALIAS = "replica"
else:
    VICIDIAL_REPLICA_ALIAS = None
DATABASE_ROUTERS = ["recordings.routers.VicidialRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = ["recordings.backends.VicidialBackend"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "search"
LOGOUT_REDIRECT_URL = "login"

# VICIdial stores DATETIME columns as the server's wall-clock time with no zone, so
# the app works in naive local time and never converts them.
USE_TZ = False
TIME_ZONE = env_str("TIME_ZONE", "UTC")
LANGUAGE_CODE = "en-us"
USE_I18N = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# A deployment serves real recordings: HTTPS-only cookies and HSTS unless the environment turns them off.
PRODUCTION = not DEBUG and not EMBEDDED_DEMO
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True

# Browsers keep to HTTPS for SECURE_HSTS_SECONDS after one HTTPS page. Django sends the
# header on HTTPS requests only, so behind a TLS proxy it needs SECURE_PROXY_SSL_HEADER.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if PRODUCTION else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# The header a TLS proxy sets to "https", for example X-Forwarded-Proto. Set it only
# when the proxy always overwrites that header: a client could send it too.
if env_str("SECURE_PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + env_str("SECURE_PROXY_SSL_HEADER").upper().replace("-", "_"), "https")
# Off by default: the TLS proxy in front redirects http:// to https://. Behind a proxy
# without SECURE_PROXY_SSL_HEADER, Django treats every request as http and would loop.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# Old API scripts call http:// and follow no redirect; by the time one could be sent,
# their password has crossed the network anyway.
SECURE_REDIRECT_EXEMPT = [r"^vicidial/non_agent_api\.php$"]
SILENCED_SYSTEM_CHECKS = []
if not SECURE_SSL_REDIRECT:
    # The TLS proxy redirects instead (see README, "HTTPS").
    SILENCED_SYSTEM_CHECKS.append("security.W008")
if not SECURE_HSTS_PRELOAD:
    # Joining the browsers' preload list is the domain owner's decision.
    SILENCED_SYSTEM_CHECKS.append("security.W021")

# Addresses of reverse proxies whose X-Forwarded-For header is believed.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# Maps a recording location's URL prefix to a local directory, for example
# "http://10.0.0.5/RECORDINGS/=/var/spool/asterisk/monitorDONE/" (comma-separated pairs).
RECORDINGS_PATH_MAP = [
    tuple(pair.split("=", 1)) for pair in env_list("RECORDINGS_PATH_MAP") if "=" in pair
]
# The demo's recordings are local files under var/recordings/.
DEMO_RECORDINGS_URL = "http://127.0.0.1/RECORDINGS/"
if EMBEDDED_DEMO and not RECORDINGS_PATH_MAP:
    RECORDINGS_PATH_MAP = [(DEMO_RECORDINGS_URL, str(VAR_DIR / "recordings"))]

# Directories of RECORDINGS_PATH_MAP that nginx serves through X-Accel-Redirect, as
# comma-separated "directory=/internal-location/" pairs. Each internal location must
# be an nginx "internal" location whose alias is that directory.
AUDIO_X_ACCEL_MAP = [tuple(pair.split("=", 1)) for pair in env_list("AUDIO_X_ACCEL_MAP") if "=" in pair]
# Hosts the audio proxy may contact besides the servers table's server_ip,
# alt_server_ip and external_server_ip (comma-separated names or IP addresses).
RECORDING_HOSTS_ALLOWLIST = env_list("RECORDING_HOSTS_ALLOWLIST")
# Seconds the audio proxy waits to connect to a recording server, and between two reads.
RECORDING_PROXY_CONNECT_TIMEOUT = env_int("RECORDING_PROXY_CONNECT_TIMEOUT", 5, minimum=1)
RECORDING_PROXY_READ_TIMEOUT = env_int("RECORDING_PROXY_READ_TIMEOUT", 30, minimum=1)
# Maximum bytes the audio proxy relays for one response.
RECORDING_PROXY_MAX_BYTES = env_int("RECORDING_PROXY_MAX_BYTES", 1024 * 1024 * 1024, minimum=1)
# Whether the audio proxy checks the TLS certificates of https recording servers, and
# a PEM file of the certificate authorities to trust (default: the system's).
RECORDING_PROXY_VERIFY_TLS = env_bool("RECORDING_PROXY_VERIFY_TLS", True)
RECORDING_PROXY_CA_FILE = env_str("RECORDING_PROXY_CA_FILE")

# Maximum rows of one legacy API response, the cap VICIdial applies.
RECORDING_LOOKUP_LIMIT = env_int("RECORDING_LOOKUP_LIMIT", 100000, minimum=1)

# How many seconds earlier than a row with a lower recording_id a recording may start
# (clock skew between telephony servers, the daylight saving fall-back). Date searches
# rely on it to bound recording_id; see recordings/query_window.py.
RECORDING_START_MARGIN_SECONDS = env_int("RECORDING_START_MARGIN_SECONDS", 7200, minimum=0)
# Recording tables of at most this many rows are read whole by date searches, which
# then need no margin: such a scan costs a few milliseconds.
RECORDING_FULL_SCAN_MAX_ROWS = env_int("RECORDING_FULL_SCAN_MAX_ROWS", 20000, minimum=0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"mask_passwords": {"()": "config.log_filters.MaskPasswords"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["mask_passwords"]}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # runserver logs request lines with their query strings, and legacy API URLs carry
    # passwords: the console's filter masks them in the warnings that are left. Django's
    # own config stops propagation here, so the console handler is named.
    "loggers": {"django.server": {"level": "WARNING", "handlers": ["console"], "propagate": False}},
}
