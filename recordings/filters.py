"""The search page's filter: it validates the query string and hands it to recordings.query."""
import datetime

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from recordings.forms import SearchForm
from recordings.models import Recording
from recordings.page_scope import agent_choices
from recordings.query import NEWEST_FIRST, PAGE_ORDERINGS, Criteria, search
from recordings.tables import agent_label

# recording_log.lead_id and length_in_sec are INT UNSIGNED.
MAX_UNSIGNED_INT = 4294967295
LAST_SECOND = datetime.time(23, 59, 59)
# Fields shown under "More filters"; the disclosure opens when one of them is set.
MORE_FIELDS = ("time_from", "time_to", "uniqueid", "extension", "min_duration", "max_duration", "campaign", "include_archived")


class DayFilter(django_filters.DateFilter):
    def __init__(self, **kwargs):
        super().__init__(widget=forms.DateInput(attrs={"type": "date"}), **kwargs)


class TimeFilter(django_filters.TimeFilter):
    def __init__(self, **kwargs):
        super().__init__(widget=forms.TimeInput(attrs={"type": "time", "step": "1"}), **kwargs)


class WholeNumberFilter(django_filters.Filter):
    field_class = forms.IntegerField

    def __init__(self, **kwargs):
        super().__init__(min_value=0, max_value=MAX_UNSIGNED_INT, **kwargs)


def reject_four_byte_characters(value):
    """Reject characters past U+FFFF, which VICIdial's utf8 (3-byte) columns cannot hold.

    MariaDB refuses to compare such a character with those columns (error 1267).
    """
    if any(char > "\uffff" for char in value):
        raise ValidationError(_("Remove the emoji or other characters that VICIdial cannot store."), code="invalid")


class TextFilter(django_filters.CharFilter):
    def __init__(self, max_length, **kwargs):
        super().__init__(
            max_length=max_length, widget=forms.TextInput(attrs={"maxlength": max_length}),
            validators=[reject_four_byte_characters], **kwargs,
        )


class RecordingFilter(django_filters.FilterSet):
    """Search form of the page. Its queryset comes from recordings.query.search, never from the filters.

    An unbound or invalid form matches nothing, so the page shows no results until a
    valid search is made. ``viewer`` (a VicidialUser or None) limits both the agent
    choices and the results to what that user may see.
    """

    agent = django_filters.ChoiceFilter(label=_("Agent"), empty_label=_("Any agent"))
    date_from = DayFilter(label=_("From day"))
    date_to = DayFilter(label=_("To day"))
    phone = TextFilter(30, label=_("Phone number"))
    lead_id = WholeNumberFilter(label=_("Lead ID"))
    time_from = TimeFilter(label=_("From time"), help_text=_("On the first day"))
    time_to = TimeFilter(label=_("To time"), help_text=_("On the last day"))
    uniqueid = TextFilter(20, label=_("Call uniqueid"), help_text=_("Or its beginning"))
    extension = TextFilter(100, label=_("Extension"))
    min_duration = WholeNumberFilter(label=_("Min. seconds"))
    max_duration = WholeNumberFilter(label=_("Max. seconds"))
    campaign = TextFilter(20, label=_("Campaign or in-group"))
    include_archived = django_filters.BooleanFilter(label=_("Include archived"), widget=forms.CheckboxInput)

    class Meta:
        model = Recording
        fields = []
        form = SearchForm

    def __init__(self, *args, viewer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.viewer = viewer
        choices = [(login, agent_label(login, name)) for login, name in agent_choices(viewer)]
        self.form.fields["agent"].choices = choices

    @property
    def primary_fields(self):
        return [field for field in self.form if field.name not in MORE_FIELDS]

    @property
    def more_fields(self):
        return [field for field in self.form if field.name in MORE_FIELDS]

    @property
    def more_fields_open(self):
        """Tell whether a field under "More filters" is set or has an error, so the disclosure starts open."""
        return any(self.data.get(name) not in (None, "") for name in MORE_FIELDS) or any(
            name in self.form.errors for name in MORE_FIELDS
        )

    @property
    def ordering(self):
        """Return the PAGE_ORDERINGS key the query string's ``sort`` chooses; newest first by default."""
        sort = self.data.get("sort", "")
        return sort if sort in PAGE_ORDERINGS else NEWEST_FIRST

    @property
    def qs(self):
        if self.viewer is None or not self.is_bound or not self.is_valid():
            return self.queryset.none()
        return search(criteria_from(self.form.cleaned_data), ordering=self.ordering, viewer=self.viewer)


def criteria_from(cleaned_data):
    """Turn the search form's cleaned data into query Criteria."""
    first, last = cleaned_data.get("date_from"), cleaned_data.get("date_to")
    return Criteria(
        agent_user=cleaned_data.get("agent") or None,
        lead_id=cleaned_data.get("lead_id"),
        phone_number=cleaned_data.get("phone") or None,
        uniqueid_prefix=cleaned_data.get("uniqueid") or None,
        extension=cleaned_data.get("extension") or None,
        min_duration=cleaned_data.get("min_duration"),
        max_duration=cleaned_data.get("max_duration"),
        campaign_id=cleaned_data.get("campaign") or None,
        include_archived=bool(cleaned_data.get("include_archived")),
        start_from=datetime.datetime.combine(first, cleaned_data.get("time_from") or datetime.time.min) if first else None,
        start_to=datetime.datetime.combine(last, cleaned_data.get("time_to") or LAST_SECOND) if last else None,
    )

