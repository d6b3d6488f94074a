"""The search page's result table."""
from urllib.parse import urlencode

import django_tables2 as tables
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from recordings.query import agent_names

START_TIME_FORMAT = "Y-m-d H:i:s"
# Bounds of the page size that the query string's per_page may choose.
MIN_PER_PAGE, MAX_PER_PAGE = 10, 200
# Highest page number the query string may choose; far beyond any result set.
MAX_PAGE = 10**12


def format_duration(seconds):
    """Return ``seconds`` as h:mm:ss, for example 3725 as 1:02:05."""
    minutes, seconds = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}"


def agent_label(login, full_name):
    """Return ``login – full name``, or the login alone when the name is empty."""
    return f"{login} – {full_name}" if full_name else login


class RecordingTable(tables.Table):
    """Recordings, newest first; every ordering ends on recording_id so pages never overlap."""

    start_time = tables.DateTimeColumn(verbose_name=_("Start time"), format=START_TIME_FORMAT, order_by=("start_time", "recording_id"))
    user = tables.Column(verbose_name=_("Agent"), order_by=("user", "recording_id"))
    lead_id = tables.Column(verbose_name=_("Lead ID"), orderable=False)
    length_in_sec = tables.Column(verbose_name=_("Duration"), order_by=("length_in_sec", "recording_id"), attrs={"td": {"class": "number"}})
    filename = tables.Column(verbose_name=_("File name"), orderable=False, attrs={"td": {"class": "filename"}})
    play = tables.Column(verbose_name=_("Listen"), orderable=False, empty_values=(), accessor="recording_id")

    class Meta:
        order_by = ("-start_time",)
        template_name = "recordings/table.html"
        attrs = {"class": "results", "id": "results"}
        row_attrs = {"data-recording-id": lambda record: record.recording_id}
        empty_text = _("No recordings match this search.")

    def paginate(self, *args, per_page=None, **kwargs):
        # django-tables2 takes per_page from the query string unchecked. A negative value
        # makes a negative QuerySet slice (a 500), and a huge one reads every match.
        per_page = min(max(per_page or self._meta.per_page, MIN_PER_PAGE), MAX_PER_PAGE)
        # A page number of 20 digits makes an OFFSET that overflows the database's
        # 64-bit integer: a 500 on SQLite and MariaDB alike.
        if isinstance(kwargs.get("page"), int):
            kwargs["page"] = min(kwargs["page"], MAX_PAGE)
        return super().paginate(*args, per_page=per_page, **kwargs)

    @cached_property
    def agent_names(self):
        """Full names of the agents on the current page, read with one query."""
        rows = self.page.object_list if hasattr(self, "page") else self.rows
        return agent_names({row.record.user for row in rows if row.record.user})

    def render_user(self, value):
        name = self.agent_names.get(value, "")
        if not name:
            return value
        return format_html('{} <span class="full-name">{}</span>', value, name)

    def render_lead_id(self, value):
        # Links to the search for every recording of this lead, across agents and days.
        url = f"{reverse('search')}?{urlencode({'lead_id': value})}"
        return format_html('<a href="{}" title="{}">{}</a>', url, _("All recordings of this lead"), value)

    def render_length_in_sec(self, value):
        return format_duration(value)

    def render_play(self, record):
        if not record.location:
            return format_html('<span class="no-audio">{}</span>', _("No audio"))
        start = date_format(record.start_time, START_TIME_FORMAT) if record.start_time else ""
        return format_html(
            '<button type="button" class="play" data-src="{}" data-agent="{}" data-time="{}" data-lead="{}" '
            'data-duration="{}" aria-label="{}">{}</button>',
            reverse("recording_audio", kwargs={"recording_id": record.recording_id}),
            agent_label(record.user or "", self.agent_names.get(record.user, "")),
            start,
            record.lead_id if record.lead_id is not None else "",
            format_duration(record.length_in_sec or 0),
            _("Play the recording of %(agent)s at %(time)s") % {"agent": record.user or "", "time": start},
            _("Play"),
        )
