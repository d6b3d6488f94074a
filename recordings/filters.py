"""The search page's filter: it validates the query string and hands it to recordings.query."""
import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from recordings.forms import SearchForm
from recordings.models import Recording
from recordings.query import Criteria, agents_with_recordings, day_bounds, search
from recordings.tables import agent_label

# recording_log.lead_id is INT UNSIGNED.
MAX_LEAD_ID = 4294967295


class DayFilter(django_filters.DateFilter):
    def __init__(self, **kwargs):
        super().__init__(widget=forms.DateInput(attrs={"type": "date"}), **kwargs)


class LeadIdFilter(django_filters.Filter):
    field_class = forms.IntegerField


class RecordingFilter(django_filters.FilterSet):
    """Search form of the page. Its queryset comes from recordings.query.search, never from the filters.

    An unbound or invalid form matches nothing, so the page shows no results until a
    valid search is made.
    """

    agent = django_filters.ChoiceFilter(label=_("Agent"), empty_label=_("Any agent"))
    day = DayFilter(label=_("Day"))
    date_from = DayFilter(label=_("From day"))
    date_to = DayFilter(label=_("To day"))
    lead_id = LeadIdFilter(label=_("Lead ID"), min_value=0, max_value=MAX_LEAD_ID)

    class Meta:
        model = Recording
        fields = []
        form = SearchForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(login, agent_label(login, name)) for login, name in agents_with_recordings()]
        self.form.fields["agent"].choices = choices

    @property
    def qs(self):
        if not self.is_bound or not self.is_valid():
            return self.queryset.none()
        # TODO: limit agents and results to the manager's admin_viewable_groups, as VICIdial's reports do.
        return search(criteria_from(self.form.cleaned_data))


def criteria_from(cleaned_data):
    """Turn the search form's cleaned data into query Criteria."""
    first = cleaned_data.get("day") or cleaned_data.get("date_from")
    last = cleaned_data.get("day") or cleaned_data.get("date_to")
    return Criteria(
        agent_user=cleaned_data.get("agent") or None,
        lead_id=cleaned_data.get("lead_id"),
        start_from=day_bounds(first)[0] if first else None,
        start_to=day_bounds(last)[1] if last else None,
    )
