"""The page's authentication backend over VICIdial users."""
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from recordings.backends import VicidialBackend, login_failure_reason
from recordings.login import Reason
from recordings.models import VicidialUser


def login(username, password):
    request = RequestFactory().post("/login/", REMOTE_ADDR="10.0.0.7")
    return VicidialBackend().authenticate(request, username=username, password=password), request


def test_manager_gets_django_user(manager):
    user, _ = login("manager", "managerpw")
    assert user.username == "manager"


def test_django_user_has_unusable_password(manager):
    user, _ = login("manager", "managerpw")
    assert not user.has_usable_password()


def test_second_login_reuses_user(manager):
    first, _ = login("manager", "managerpw")
    second, _ = login("MANAGER", "managerpw")
    assert first.pk == second.pk


def test_success_reason_is_ok(manager):
    _, request = login("manager", "managerpw")
    assert login_failure_reason(request) is Reason.OK


def test_wrong_password_returns_none(manager):
    user, request = login("manager", "wrong")
    assert user is None
    assert login_failure_reason(request) is Reason.BAD_PASSWORD


def test_unknown_user_reason(manager):
    _, request = login("ghost", "whatever")
    assert login_failure_reason(request) is Reason.UNKNOWN_USER


def test_agent_is_refused(agent):
    _, request = login("1000", "agentpw")
    assert login_failure_reason(request) is Reason.BAD_PASSWORD


def test_no_view_reports_is_not_permitted(vicidial_user_factory):
    vicidial_user_factory("noreports", "passnr", view_reports="0")
    user, request = login("noreports", "passnr")
    assert user is None
    assert login_failure_reason(request) is Reason.NOT_PERMITTED


def test_locked_user_reason(locked_user):
    _, request = login("lockme", "lockpw")
    assert login_failure_reason(request) is Reason.LOCKED


def test_failed_page_login_counts(manager):
    login("manager", "wrong")
    assert VicidialUser.objects.get(user="manager").failed_last_ip_today == "10.0.0.7"


def test_no_django_user_on_failure(manager):
    login("manager", "wrong")
    assert not get_user_model().objects.filter(username="manager").exists()


def test_get_user_while_active(manager):
    user, _ = login("manager", "managerpw")
    assert VicidialBackend().get_user(user.pk) == user


def test_get_user_after_deactivation(manager):
    user, _ = login("manager", "managerpw")
    VicidialUser.objects.filter(user="manager").update(active="N")
    assert VicidialBackend().get_user(user.pk) is None


def test_get_user_after_reports_revoked(manager):
    user, _ = login("manager", "managerpw")
    VicidialUser.objects.filter(user="manager").update(view_reports="0")
    assert VicidialBackend().get_user(user.pk) is None


def test_missing_credentials_return_none(manager):
    assert VicidialBackend().authenticate(None, username=None, password=None) is None
