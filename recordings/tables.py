"""The search page's result table."""
from urllib.parse import urlencode

import django_tables2 as tables
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from recordings.audio import AudioStatus, audio_status
from recordings.query import describe_page

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


def format_start(start_time):
    return date_format(start_time, START_TIME_FORMAT) if start_time else ""


def audio_url(recording, download=False):
    url = reverse("recording_audio", kwargs={"recording_id": recording.recording_id})
    return f"{url}?download=1" if download else url


def play_button(recording, agent):
    """Return the Play button whose data attributes the player shows beside its seek bar."""
    start = format_start(recording.start_time)
    return format_html(
        '<button type="button" class="play" data-src="{}" data-agent="{}" data-time="{}" data-lead="{}" '
        'data-duration="{}" aria-label="{}">{}</button>',
        audio_url(recording),
        agent,
        start,
        recording.lead_id if recording.lead_id is not None else "",
        format_duration(recording.length_in_sec or 0),
        _("Play the recording of %(agent)s at %(time)s") % {"agent": recording.user or "", "time": start},
        _("Play"),
    )


def listen_cell(recording, agent, denial_message=None):
    """Return the Listen cell: a Play button, a download link or why neither is offered."""
    if denial_message:
        # The page states the reason once above the results; the button repeats it as a tooltip.
        return format_html('<button type="button" class="play" disabled title="{}">{}</button>', denial_message, _("Play"))
    status = audio_status(recording)
    if status.state == AudioStatus.MISSING:
        return format_html('<span class="no-audio" title="{}">{}</span>', status.reason, _("Audio not available"))
    if status.state == AudioStatus.DOWNLOAD_ONLY:
        return format_html(
            '<span class="download-only">{} <a href="{}" download>{}</a><span class="reason">{}</span></span>',
            _("Download only:"), audio_url(recording, download=True), _("Download"), status.reason,
        )
    return play_button(recording, agent)


class RecordingTable(tables.Table):
    """Recordings in the order recordings.query.search returns them (newest first by default).

    The ``order_<column>`` methods leave the rows as they are, because the filter passes
    the ordering to search(). The table only shows which column is sorted.
    """

    start_time = tables.Column(verbose_name=_("Start time"), order_by=("start_time",))
    user = tables.Column(verbose_name=_("Agent"), order_by=("user",))
    lead_id = tables.Column(verbose_name=_("Lead ID"), orderable=False)
    phone_number = tables.Column(verbose_name=_("Phone number"), orderable=False, empty_values=(), accessor="recording_id")
    length_in_sec = tables.Column(verbose_name=_("Duration"), order_by=("length_in_sec",), attrs={"td": {"class": "number"}})
    campaign = tables.Column(verbose_name=_("Campaign"), orderable=False, empty_values=(), accessor="recording_id")
    filename = tables.Column(verbose_name=_("File name"), orderable=False, attrs={"td": {"class": "filename"}})
    play = tables.Column(verbose_name=_("Listen"), orderable=False, empty_values=(), accessor="recording_id")

    class Meta:
        order_by = ("-start_time",)
        template_name = "recordings/table.html"
        attrs = {"class": "results", "id": "results"}
        row_attrs = {
            "data-recording-id": lambda record: record.recording_id,
            "class": lambda record: "archived" if getattr(record, "archived", False) else "",
        }
        empty_text = _("No recordings match this search.")

    def __init__(self, *args, denial_message=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Set when the user may search but not play (access_recordings '0').
        self.denial_message = denial_message

    def order_start_time(self, queryset, is_descending):
        return queryset, True

    def order_user(self, queryset, is_descending):
        return queryset, True

    def order_length_in_sec(self, queryset, is_descending):
        return queryset, True

    def paginate(self, *args, per_page=None, **kwargs):
        # django-tables2 takes per_page from the query string unchecked. A negative value
        # makes a negative QuerySet slice (a 500), and a huge one reads every match.
        per_page = min(max(per_page or self._meta.per_page, MIN_PER_PAGE), MAX_PER_PAGE)
        # A page number of 20 digits makes an OFFSET that overflows the database's
        # 64-bit integer: a 500 on SQLite and MariaDB alike.
        if isinstance(kwargs.get("page"), int):
            kwargs["page"] = min(kwargs["page"], MAX_PAGE)
        super().paginate(*args, per_page=per_page, **kwargs)
        # Names, phone numbers and campaigns of the page's rows: three queries in all.
        describe_page([row.record for row in self.page.object_list])

    def render_start_time(self, record):
        url = reverse("recording_detail", kwargs={"recording_id": record.recording_id})
        link = format_html('<a href="{}" title="{}">{}</a>', url, _("Details and access history"), format_start(record.start_time))
        if getattr(record, "archived", False):
            return format_html('{} <span class="badge">{}</span>', link, _("archived"))
        return link

    def render_user(self, record):
        name = getattr(record, "agent_name", None)
        if not name:
            return record.user
        return format_html('{} <span class="full-name">{}</span>', record.user, name)

    def render_lead_id(self, value):
        # Links to the search for every recording of this lead, across agents and days.
        url = f"{reverse('search')}?{urlencode({'lead_id': value})}"
        return format_html('<a href="{}" title="{}">{}</a>', url, _("All recordings of this lead"), value)

    def render_phone_number(self, record):
        return getattr(record, "phone_number", None) or ""

    def render_campaign(self, record):
        return getattr(record, "campaign_id", None) or ""

    def render_length_in_sec(self, value):
        return format_duration(value)

    def render_play(self, record):
        agent = agent_label(record.user or "", getattr(record, "agent_name", None) or "")
        return listen_cell(record, agent, self.denial_message)
