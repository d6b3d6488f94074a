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


# The fields that select recordings; include_archived alone only widens a search.
SEARCH_FIELDS = (
    "agent", "date_from", "date_to", "lead_id", "phone", "uniqueid", "extension", "min_duration", "max_duration", "campaign",
)
# Conditions that bound the rows a campaign search reads (see query_calls.campaign_condition).
NARROWING_FIELDS = ("agent", "date_from", "date_to", "lead_id", "phone", "uniqueid")


class SearchForm(forms.Form):
    """Search form whose clean() checks the fields against each other."""

    def clean_phone(self):
        phone = self.cleaned_data.get("phone") or ""
        if phone and not any(character.isdigit() for character in phone):
            raise ValidationError(_("Enter a phone number with at least one digit."))
        return phone

    def clean(self):
        cleaned = super().clean()
        self._check_days(cleaned)
        self._check_durations(cleaned)

        if self.errors:
            return cleaned
        if not any(cleaned.get(name) not in (None, "") for name in SEARCH_FIELDS):
            raise ValidationError(_("Choose an agent, a date range, a phone number or a lead ID to search."))
        if cleaned.get("campaign") and not any(cleaned.get(name) not in (None, "") for name in NARROWING_FIELDS):
            self.add_error("campaign", _("Add a date range, an agent or a lead to search by campaign."))
        return cleaned

    def _check_days(self, cleaned):
        first, last = cleaned.get("date_from"), cleaned.get("date_to")
        if first and last and first > last:
            self.add_error("date_to", _("The last day must not be before the first day."))
        if cleaned.get("time_from") and not first:
            self.add_error("time_from", _("Enter a first day for this time."))
        if cleaned.get("time_to") and not last:
            self.add_error("time_to", _("Enter a last day for this time."))
        if first and first == last and cleaned.get("time_from") and cleaned.get("time_to"):
            if cleaned["time_from"] > cleaned["time_to"]:
                self.add_error("time_to", _("On a single day, the end time must not be before the start time."))

    def _check_durations(self, cleaned):
        shortest, longest = cleaned.get("min_duration"), cleaned.get("max_duration")
        if shortest is not None and longest is not None and shortest > longest:
            self.add_error("max_duration", _("The maximum duration must not be less than the minimum."))
