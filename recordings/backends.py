"""Authentication of the search page against VICIdial's own users.

VICIdial stays the source of truth: the password is checked against
``vicidial_users`` on every login, and a Django ``User`` (in the app's own
``default`` database, with an unusable password) only stands for the session.
"""
import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import BaseBackend

from recordings.cleaning import clean_login
from recordings.client_ip import client_ip
from recordings.login import Reason, check_login
from recordings.models import SystemSettings, VicidialUser

logger = logging.getLogger(__name__)

PAGE_MIN_LEVEL = 7
# The attribute of the request where ``authenticate`` leaves the reason of a miss.
REASON_ATTRIBUTE = "vicidial_login_reason"


def may_use_page(vicidial_user):
    """Tell whether a VICIdial user may use the search page (level 7+, reports, active)."""
    return (
        (vicidial_user.user_level or 0) >= PAGE_MIN_LEVEL
        and vicidial_user.view_reports == "1"
        and vicidial_user.active == "Y"
    )


def login_failure_reason(request):
    """Return the ``Reason`` of the last ``authenticate`` on ``request``, or None if it never ran."""
    return getattr(request, REASON_ATTRIBUTE, None)


class VicidialBackend(BaseBackend):
    """Check logins against vicidial_users with VICIdial's rules and lockout counters."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None or password is None:
            return None
        non_latin = SystemSettings.load().use_non_latin == "1"
        address = client_ip(request) if request is not None else ""

        # TODO: VICIdial's admin pages check the group's admin_ip_list; the page skips IP lists.
        result = check_login(
            clean_login(username, non_latin),
            clean_login(password, non_latin),
            address,
            min_level=PAGE_MIN_LEVEL,
            check_ip_lists=False,
        )
        reason = result.reason
        if result.ok and not may_use_page(result.user):
            reason = Reason.NOT_PERMITTED

        if request is not None:
            setattr(request, REASON_ATTRIBUTE, reason)
        if reason is not Reason.OK:
            logger.info("Page login rejected for VICIdial user id %s: %s", getattr(result.user, "user_id", None), reason)
            return None
        return self.session_user(result.user)

    def session_user(self, vicidial_user):
        """Return the Django user standing for ``vicidial_user``, created on first login."""
        user, created = get_user_model().objects.get_or_create(username=vicidial_user.user)
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        return user

    def get_user(self, user_id):
        user = get_user_model().objects.filter(pk=user_id).first()
        if user is None:
            return None
        vicidial_user = VicidialUser.objects.filter(user=user.username).first()
        if vicidial_user is None or not may_use_page(vicidial_user):
            return None
        return user
