"""Forms of the search page: the login form and the search form behind the FilterSet."""
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from recordings.backends import login_failure_reason
from recordings.login import LOCK_SECONDS, Reason


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        # An unknown user and a wrong password get the same message, so the page does
        # not reveal which logins exist.
        "invalid_login": _("Login failed. Check the user and password."),
        "locked": _("Too many failed logins for this user. Wait %(minutes)d minutes, then try again."),
        "not_permitted": _(
            "This user may not search recordings. It needs user level 7 or more, "
            "View Reports enabled and an active account."
        ),
        "ip_blocked": _("Logins from this address are blocked."),
        "two_factor": _("This user must log in with two-factor authentication, which this page does not offer."),
    }
    reason_codes = {
        Reason.LOCKED: "locked",
        Reason.NOT_PERMITTED: "not_permitted",
        Reason.IP_BLOCKED: "ip_blocked",
        Reason.TWO_FACTOR: "two_factor",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("User")
        self.fields["password"].label = _("Password")

    def get_invalid_login_error(self):
        """Return the message for the reason VicidialBackend recorded for this refusal."""
        code = self.reason_codes.get(login_failure_reason(self.request), "invalid_login")
        return ValidationError(self.error_messages[code], code=code, params={"minutes": LOCK_SECONDS // 60})


SEARCH_FIELDS = ("agent", "day", "date_from", "date_to", "lead_id")


class SearchForm(forms.Form):
    """Search form whose clean() checks the fields against each other."""

    def clean(self):
        cleaned = super().clean()
        day, first, last = cleaned.get("day"), cleaned.get("date_from"), cleaned.get("date_to")

        if day and (first or last):
            self.add_error("day", _("Enter either a day or a range of days, not both."))
        if first and last and first > last:
            self.add_error("date_to", _("The last day must not be before the first day."))
        if not self.errors and all(cleaned.get(name) in (None, "") for name in SEARCH_FIELDS):
            raise forms.ValidationError(_("Choose an agent, a day or a lead ID to search."))
        return cleaned
