"""Forms of the search page: the login form and the search form behind the FilterSet."""
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        # The backend does not say why it refused, so one message covers every case.
        # TODO: name the reason (locked, level too low) once the backend records it.
        "invalid_login": _(
            "Login failed. Check the user and password. Only managers allowed to view reports can search recordings."
        ),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("User")
        self.fields["password"].label = _("Password")


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
