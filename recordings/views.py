"""Pages of the recording search: the search itself (login and logout are Django's views)."""
from django.contrib.auth.mixins import LoginRequiredMixin
from django_filters.views import FilterView
from django_tables2 import LazyPaginator, SingleTableMixin

from recordings.filters import RecordingFilter
from recordings.models import Recording
from recordings.tables import RecordingTable

RESULTS_PER_PAGE = 50


class SearchView(LoginRequiredMixin, SingleTableMixin, FilterView):
    model = Recording
    filterset_class = RecordingFilter
    table_class = RecordingTable
    # LazyPaginator reads one row past the page instead of counting every match.
    table_pagination = {"paginator_class": LazyPaginator, "per_page": RESULTS_PER_PAGE}
    template_name = "search.html"


search = SearchView.as_view()
