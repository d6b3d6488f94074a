"""VICIdial's login check, shared by the legacy API and the search page.

The check follows VICIdial 2.14's: the user must exist, have the password, a level of
at least ``min_level``, ``active='Y'`` and no lockout. Lockout means
``failed_login_count >= 10`` with a ``last_login_date`` in the last 900 seconds. Each
outcome updates the login counters of ``vicidial_users`` as VICIdial does, so that
VICIdial's own lockout keeps working. After the password, the IP lists and two-factor
authentication can still refuse the login.
"""
import datetime
import enum
import logging
from dataclasses import dataclass

from django.db import connections
from django.db.models import DateTimeField, F, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce

from recordings import ip_lists, passwords
from recordings.clock import database_now
from recordings.compiled import first_instance
from recordings.ddl import quote_name
from recordings.models import SystemSettings, VicidialUser
from recordings.routers import VICIDIAL_ALIAS

logger = logging.getLogger(__name__)

LOCK_ATTEMPTS = 10
LOCK_SECONDS = 900
API_MIN_LEVEL = 7
IP_COLUMN_WIDTH = 50
# A pass_key that produces a hash for unknown users, so their login costs one hash too.
TIMING_PASS_KEY = "0123456789abcdef"


class Reason(enum.Enum):
    OK = "ok"
    UNKNOWN_USER = "unknown user"
    BAD_PASSWORD = "bad password"
    LOCKED = "locked"
    IP_BLOCKED = "ip blocked"
    TWO_FACTOR = "two-factor required"
    # Set by a caller whose own rule (the page's view_reports, say) refuses an accepted login.
    NOT_PERMITTED = "not permitted"


@dataclass(frozen=True)
class LoginResult:
    reason: Reason
    user: VicidialUser | None = None

    @property
    def ok(self):
        return self.reason is Reason.OK


def check_login(username, password, client_ip, *, min_level=API_MIN_LEVEL, check_ip_lists=True, system=None):
    """Check a VICIdial login and update the user's counters; return a ``LoginResult``.

    ``username`` and ``password`` are already cleaned. ``check_ip_lists`` applies the
    system blacklist and the group's API list, which the API checks and the page does not.
    ``system`` is the SystemSettings row when the caller has read it already.
    """
    username, password = username or "", password or ""
    client_ip = (client_ip or "")[:IP_COLUMN_WIDTH]
    system = system or SystemSettings.load()
    user = find_user(username) if username else None
    if user is None:
        spend_one_hash(password, system)
        return LoginResult(Reason.UNKNOWN_USER)

    now = getattr(user, "database_clock", None) or database_now(connections[VICIDIAL_ALIAS])
    if not credentials_accepted(user, password, system, min_level, now):
        return LoginResult(record_failure(user, client_ip, now), user)

    if check_ip_lists and not ip_lists.address_allowed(user, client_ip, system):
        bump_counters(user, failed_last_type_today="aIPBLOCK")
        return LoginResult(Reason.IP_BLOCKED, user)

    record_success(user, client_ip, now)
    if needs_two_factor(user, system, now):
        return LoginResult(Reason.TWO_FACTOR, user)
    return LoginResult(Reason.OK, user)


def credentials_accepted(user, password, system, min_level, now):
    """Tell whether the password, level, active flag and lockout all let ``user`` in."""
    if not password_matches(user, password, system):
        return False
    if (user.user_level or 0) < min_level or user.active != "Y":
        return False
    return not is_locked(user, now)


def find_user(username):
    """Return the user named ``username``, or None.

    On MariaDB the user comes with ``database_clock``, the server's NOW(), so that the
    clock costs no extra query. The plain-text password is compared in a query of its
    own (password_matches), which keeps it out of Django's SQL debug log.
    """
    if connections[VICIDIAL_ALIAS].vendor != "mysql":
        return first_instance(VicidialUser, VICIDIAL_ALIAS, "find_user", users_named, [username])
    return first_instance(VicidialUser, VICIDIAL_ALIAS, "find_user_clock", users_named_with_clock, [username], ["database_clock"])


def users_named(username):
    return VicidialUser.objects.filter(user=username).order_by("pk")


def users_named_with_clock(username):
    return users_named(username).annotate(database_clock=RawSQL("NOW()", [], output_field=DateTimeField()))


def password_matches(user, password, system):
    if system.pass_hash_enabled == "1":
        return passwords.password_matches(password, user.pass_hash, system.pass_key, system.pass_cost)
    if not password:
        return False
    # Compared by the database, so its collation decides: VICIdial's utf8_unicode_ci is
    # case- and accent-insensitive, and SQLite's NOCASE column is case-insensitive.
    # The statement goes to the driver's cursor, past Django's debug wrapper, so that
    # the SQL log of DEBUG mode never shows the password.
    connection = connections[VICIDIAL_ALIAS]
    sql = "SELECT 1 FROM vicidial_users WHERE user_id = %s AND {} = %s".format(quote_name("pass", connection.vendor))
    with connection.cursor() as cursor, connection.wrap_database_errors:
        cursor.cursor.execute(sql, [user.pk, password])
        return cursor.cursor.fetchone() is not None


def spend_one_hash(password, system):
    """Hash ``password`` once, so that an unknown user takes as long as a known one."""
    if system.pass_hash_enabled == "1":
        passwords.vicidial_hash(password, system.pass_key or TIMING_PASS_KEY, system.pass_cost)


def is_locked(user, now):
    """Tell whether ``user`` is locked out at ``now`` (the database clock).

    VICIdial releases the lock when ``UNIX_TIMESTAMP(last_login_date) < now - 900``,
    so a login exactly 900 seconds old still locks.
    """
    if (user.failed_login_count or 0) < LOCK_ATTEMPTS:
        return False
    if user.last_login_date is None:
        return False
    return user.last_login_date >= now - datetime.timedelta(seconds=LOCK_SECONDS)


def record_failure(user, client_ip, now):
    """Update the counters after a rejected login and return LOCKED or BAD_PASSWORD.

    Each change is one conditional UPDATE decided by the row as stored, not as read
    earlier, so parallel failures lose no increment and stop counting at the lock:
    once ten failures are stored, the other attempts find the user locked.
    """
    failure = {
        "failed_login_count_today": Coalesce(F("failed_login_count_today"), Value(0)) + 1,
        "failed_last_ip_today": client_ip,
        "failed_last_type_today": "aBAD",
    }
    below_lock = Q(failed_login_count__lt=LOCK_ATTEMPTS) | Q(failed_login_count__isnull=True)
    failed_count = Coalesce(F("failed_login_count"), Value(0)) + 1
    if bump_counters(user, below_lock, failed_login_count=failed_count, **failure):
        return Reason.BAD_PASSWORD

    # Ten or more failures, but the last login is 900 seconds old or more: VICIdial
    # starts counting again from 1 and dates the restart.
    stale = Q(last_login_date__isnull=True) | Q(last_login_date__lt=now - datetime.timedelta(seconds=LOCK_SECONDS))
    restart = {"failed_login_count": 1, "last_login_date": now}
    if bump_counters(user, Q(failed_login_count__gte=LOCK_ATTEMPTS) & stale, **restart, **failure):
        return Reason.BAD_PASSWORD

    bump_counters(user, failed_last_type_today="aLOCK")
    return Reason.LOCKED


def bump_counters(user, condition=None, **changes):
    """Add one to failed_login_attempts_today and apply ``changes`` to ``user``'s row.

    With ``condition`` (a ``Q``), the row changes only if it matches; return the number
    of rows changed, 0 or 1.
    """
    attempts = Coalesce(F("failed_login_attempts_today"), Value(0)) + 1
    rows = VicidialUser.objects.filter(pk=user.pk)
    if condition is not None:
        rows = rows.filter(condition)
    return rows.update(failed_login_attempts_today=attempts, **changes)


def record_success(user, client_ip, now):
    # Written out: the ORM's update() costs more to compile than to run, and every
    # API request sends this statement.
    connection = connections[VICIDIAL_ALIAS]
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE vicidial_users SET last_login_date = %s, last_ip = %s, failed_login_count = 0 WHERE user_id = %s",
            [connection.ops.adapt_datetimefield_value(now), client_ip, user.pk],
        )


def needs_two_factor(user, system, now):
    """Tell whether two-factor authentication is on and ``user`` has no valid entry."""
    container = system.two_factor_container or ""
    if (system.two_factor_auth_hours or 0) <= 0 or container in ("", "---DISABLED---"):
        return False
    if user.two_factor_override == "DISABLED":
        return False
    with connections[VICIDIAL_ALIAS].cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM vicidial_two_factor_auth WHERE user = %s AND auth_stage = '1' AND auth_exp_date > %s",
            [user.user, now],
        )
        return cursor.fetchone()[0] == 0
