"""VICIdial's IP lists for API logins: the system blacklist and the group's API list.

An entry matches the client address itself or its class-C form ``a.b.c.x``. A list
counts whether or not it is marked active, as in VICIdial 2.14.
"""
from django.db import connections

from recordings.models import UserGroup
from recordings.routers import VICIDIAL_ALIAS

# VICIdial ignores list ids of one character (``X`` and the like mean "no list").
MIN_LIST_ID_LENGTH = 2


def class_c_form(address):
    """Return ``a.b.c.x`` for an IPv4 address ``a.b.c.d``, else the address unchanged."""
    parts = address.split(".")
    if len(parts) != 4:
        return address
    return ".".join(parts[:3] + ["x"])


def list_contains(list_id, address):
    """Tell whether IP list ``list_id`` has an entry for ``address`` or its class-C form."""
    with connections[VICIDIAL_ALIAS].cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM vicidial_ip_list_entries WHERE ip_list_id = %s AND ip_address IN (%s, %s)",
            [list_id, address, class_c_form(address)],
        )
        return cursor.fetchone()[0] > 0


def address_allowed(user, address, system):
    """Tell whether ``user`` may use the API from ``address`` under the settings ``system``."""
    if (system.allow_ip_lists or "0") == "0" or user.ignore_ip_list == "1":
        return True

    blacklist = system.system_ip_blacklist or ""
    if len(blacklist) >= MIN_LIST_ID_LENGTH and list_contains(blacklist, address):
        return False

    group = UserGroup.objects.filter(user_group=user.user_group or "").first()
    if group is None:
        return True
    api_list = group.api_ip_list or ""
    if len(api_list) < MIN_LIST_ID_LENGTH:
        return True
    return list_contains(api_list, address)
