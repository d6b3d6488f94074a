"""Pages of the recording search: the search, its CSV export and a recording's details.

Login and logout are Django's views. Every page limits what it shows to the
recordings the user may see (recordings.page_scope).
"""
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe
from django_filters.views import FilterView
from django_tables2 import LazyPaginator, SingleTableMixin

from recordings import recording_detail
from recordings.export import csv_response
from recordings.filters import RecordingFilter
from recordings.models import ArchivedRecording, Recording
from recordings.page_scope import page_viewer, play_denial_message, visible_recording
from recordings.tables import RecordingTable, agent_label, format_duration, listen_cell

RESULTS_PER_PAGE = 50


class SearchView(LoginRequiredMixin, SingleTableMixin, FilterView):
    model = Recording
    filterset_class = RecordingFilter
    table_class = RecordingTable
    # LazyPaginator reads one row past the page instead of counting every match.
    table_pagination = {"paginator_class": LazyPaginator, "per_page": RESULTS_PER_PAGE}
    template_name = "search.html"

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "viewer": page_viewer(self.request)}

    def get_table_kwargs(self):
        return {"denial_message": play_denial_message(self.request)}


search = SearchView.as_view()


@login_required
@require_safe
def export(request):
    """Return the current search as CSV, or the search page with its errors when the form is invalid."""
    filterset = RecordingFilter(request.GET, queryset=Recording.objects.all(), viewer=page_viewer(request))

    if not filterset.is_valid():
        return SearchView.as_view()(request)
    return csv_response(filterset.qs)


@login_required
@require_safe
def detail(request, recording_id):
    recording = visible_recording(page_viewer(request), recording_id)
    if recording is None:
        raise Http404("No such recording, or not one this user may see.")

    agent = agent_label(recording.user or "", recording_detail.agent_name(recording.user))
    call = recording_detail.call_of(recording)
    denial_message = play_denial_message(request)
    context = {
        "recording": recording,
        "archived": isinstance(recording, ArchivedRecording),
        "agent": agent,
        "duration": format_duration(recording.length_in_sec or 0),
        "columns": recording_detail.recording_columns(recording),
        "call": call,
        "call_length": format_duration(call.row.length_in_sec) if call and call.row.length_in_sec is not None else "",
        "lead": recording_detail.lead_of(recording),
        "accesses": recording_detail.access_history(recording.recording_id),
        "access_limit": recording_detail.ACCESS_HISTORY_LIMIT,
        "back_url": recording_detail.day_search_url(recording),
        "denial_message": denial_message,
        "listen": listen_cell(recording, agent, denial_message),
    }
    return render(request, "detail.html", context)
