"""The demo command: a reproducible call center with playable recordings."""
import datetime
import hashlib
import io
import re
import socket
import wave

import pytest
from django.core.management import CommandError, call_command
from django.db import connections

from recordings.clock import database_now
from recordings.demo import people
from recordings.models import InboundCall, Lead, OutboundCall, Recording, Server, UserGroup, VicidialUser

SIZE = 200
FILENAME = re.compile(r"^\d{8}-\d{6}_\d{10}_\d{4}$")


@pytest.fixture
def audio_directory(settings, tmp_path):
    settings.RECORDINGS_PATH_MAP = [(settings.DEMO_RECORDINGS_URL, str(tmp_path))]
    return tmp_path


@pytest.fixture
def demo(audio_directory):
    call_command("demo", "--no-serve", "--recordings", str(SIZE), stdout=io.StringIO())


def audio_path(audio_directory, recording):
    return audio_directory / "MP3" / f"{recording.filename}-all.wav"


def row_counts():
    models = (Recording, OutboundCall, InboundCall, Lead, VicidialUser, UserGroup, Server)
    return {model.__name__: model.objects.count() for model in models}


def test_demo_creates_requested_recordings(demo):
    assert Recording.objects.count() == SIZE


def test_demo_creates_manager_with_report_rights(demo):
    manager = VicidialUser.objects.get(user=people.MANAGER_LOGIN)

    assert manager.password == people.MANAGER_PASSWORD
    assert manager.user_level == 9
    assert manager.view_reports == "1"
    assert manager.vdc_agent_api_access == "1"
    assert manager.active == "Y"
    assert manager.user_group == "ADMIN"
    assert manager.api_allowed_functions == " ALL_FUNCTIONS "
    assert manager.access_recordings == "1"


def test_demo_creates_twelve_named_agents(demo):
    agents = VicidialUser.objects.filter(user_level=1, user_group="AGENTS")

    assert agents.count() == 12
    assert all(agent.full_name for agent in agents)


def test_demo_admin_group_sees_all_groups(demo):
    assert UserGroup.objects.get(user_group="ADMIN").admin_viewable_groups == " ---ALL--- "


def test_demo_server_is_local(demo):
    assert list(Server.objects.values_list("server_ip", flat=True)) == ["127.0.0.1"]


def test_demo_recordings_span_thirty_days_up_to_now(demo):
    now = database_now(connections["vicidial"])
    times = list(Recording.objects.values_list("start_time", flat=True))

    assert min(times) >= datetime.datetime.combine(now.date() - datetime.timedelta(days=29), datetime.time())
    assert max(times) <= now


def test_demo_filenames_follow_vicidial_pattern(demo):
    for recording in Recording.objects.all():
        assert FILENAME.match(recording.filename), recording.filename
        assert recording.filename.endswith("_" + recording.user)


def test_demo_locations_point_at_mp3_directory(demo, settings):
    for recording in Recording.objects.exclude(location__isnull=True).exclude(location=""):
        assert recording.location == f"{settings.DEMO_RECORDINGS_URL}MP3/{recording.filename}-all.wav"


def test_demo_recordings_belong_to_logged_calls(demo):
    outbound = set(OutboundCall.objects.values_list("uniqueid", flat=True))
    inbound = {str(closecallid) for closecallid in InboundCall.objects.values_list("closecallid", flat=True)}

    for recording in Recording.objects.all():
        assert recording.vicidial_id in outbound | inbound


def test_demo_calls_use_lead_phone_numbers(demo):
    phones = dict(Lead.objects.values_list("lead_id", "phone_number"))

    for call in OutboundCall.objects.all():
        assert call.phone_number == phones[call.lead_id]


def test_demo_audio_files_are_telephone_wav(demo, audio_directory):
    paths = sorted((audio_directory / "MP3").glob("*-all.wav"))

    assert paths
    for path in paths:
        with wave.open(str(path), "rb") as audio:
            assert (audio.getnchannels(), audio.getframerate()) == (1, 8000)
            assert audio.getnframes() >= 3 * 8000


def test_demo_audio_differs_per_call(demo, audio_directory):
    paths = list((audio_directory / "MP3").glob("*-all.wav"))
    digests = {hashlib.sha256(path.read_bytes()).hexdigest() for path in paths}

    assert len(digests) == len(paths)


def test_demo_leaves_some_audio_files_missing(demo, audio_directory):
    with_location = Recording.objects.exclude(location__isnull=True).exclude(location="")
    missing = [recording for recording in with_location if not audio_path(audio_directory, recording).exists()]

    assert 1 <= len(missing) < SIZE // 20


def test_demo_leaves_some_locations_empty(demo):
    empty = Recording.objects.filter(location="").count() + Recording.objects.filter(location__isnull=True).count()

    assert 1 <= empty < SIZE // 20


def test_demo_run_twice_keeps_one_copy(demo, audio_directory):
    first = row_counts()
    files = sorted(path.name for path in (audio_directory / "MP3").iterdir())

    call_command("demo", "--no-serve", "--recordings", str(SIZE), stdout=io.StringIO())

    assert row_counts() == first
    assert sorted(path.name for path in (audio_directory / "MP3").iterdir()) == files


def test_demo_refuses_database_with_other_recordings(audio_directory):
    Recording.objects.create(recording_id=1, filename="real-call")

    with pytest.raises(CommandError, match="recording_log"):
        call_command("demo", "--no-serve", "--recordings", "10")
    assert list(Recording.objects.values_list("filename", flat=True)) == ["real-call"]


def test_demo_rejects_zero_recordings(audio_directory):
    with pytest.raises(CommandError, match="at least 1"):
        call_command("demo", "--no-serve", "--recordings", "0")


def test_demo_data_is_searchable(demo, logged_in_client):
    recording = Recording.objects.order_by("-start_time", "-recording_id").first()

    day = recording.start_time.date().isoformat()
    response = logged_in_client.get("/", {"agent": recording.user, "date_from": day, "date_to": day})

    assert f'data-recording-id="{recording.recording_id}"' in response.content.decode()


def test_demo_prints_manager_login(audio_directory, capsys):
    call_command("demo", "--no-serve", "--recordings", "10")

    assert "Log in as user 6666, password 1234." in capsys.readouterr().out


def test_same_seed_same_day_gives_same_rows(audio_directory):
    call_command("demo", "--no-serve", "--recordings", "30", stdout=io.StringIO())
    first = list(Recording.objects.order_by("recording_id").values_list("filename", "length_in_sec", "lead_id"))

    call_command("demo", "--no-serve", "--recordings", "30", stdout=io.StringIO())

    assert list(Recording.objects.order_by("recording_id").values_list("filename", "length_in_sec", "lead_id")) == first


def test_demo_rejects_busy_port_before_building():
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port = listener.getsockname()[1]

        with pytest.raises(CommandError, match=f"Port {port} .* already in use"):
            call_command("demo", "--recordings", "5", "--port", str(port), stdout=io.StringIO())

    assert not Recording.objects.exists()
