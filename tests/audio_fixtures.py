"""Fixtures for the audio endpoint tests: users, recordings, local files and a recording server.

Test modules import the fixtures they use from here.
"""
import itertools

import pytest
from django.contrib.auth.models import User

from recordings.models import Recording, Server, SystemSettings, UserGroup, VicidialUser
from tests.audio_server import make_self_signed_certificate, start_recording_server, stop_recording_server

LOCAL_PREFIX = "http://127.0.0.1/RECORDINGS/"
# 2,560 bytes in which every offset is recognisable, for exact Range checks.
AUDIO_BYTES = bytes(range(256)) * 10

_ids = itertools.count(1)


@pytest.fixture
def vicidial_user_factory():
    def create(user, **options):
        values = {
            "user_level": 9,
            "view_reports": "1",
            "active": "Y",
            "access_recordings": "1",
            "user_group": "ADMIN",
            "full_name": user,
        }
        values.update(options)
        return VicidialUser.objects.create(user_id=next(_ids), user=user, **values)

    return create


# Sessions of these tests go through Django's ModelBackend, so that the view's own
# permission checks are what is tested, whatever the login backend decides.
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def login_client(client, vicidial_user_factory, settings):
    """Return a function that creates a VICIdial user and its Django user, and logs the test client in."""
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, MODEL_BACKEND]

    def log_in(user="manager", **options):
        # The page's scope lets ADMIN (the factory's default group) see every agent.
        UserGroup.objects.get_or_create(user_group="ADMIN", defaults={"group_name": "ADMIN", "admin_viewable_groups": " ---ALL--- "})
        vicidial_user_factory(user, **options)
        client.force_login(User.objects.create(username=user), backend=MODEL_BACKEND)
        return client

    return log_in


@pytest.fixture
def manager_client(login_client):
    return login_client("manager")


@pytest.fixture
def recording_factory():
    def create(location, **options):
        values = {"lead_id": 1001, "user": "1000", "filename": "20240301-090000_5551230000_1000"}
        values.update(options)
        return Recording.objects.create(recording_id=next(_ids), location=location, **values)

    return create


@pytest.fixture
def recordings_dir(tmp_path, settings):
    """Return a directory mapped to LOCAL_PREFIX, as the demo maps var/recordings/."""
    directory = tmp_path / "recordings"
    directory.mkdir()
    settings.RECORDINGS_PATH_MAP = [(LOCAL_PREFIX, str(directory))]
    settings.AUDIO_X_ACCEL_MAP = []
    return directory


@pytest.fixture
def local_recording(recordings_dir, recording_factory):
    """Return a function that writes a file under MP3/ of the mapped directory and its recording row."""

    def create(name="20240301-090000_5551230000_1000-all.mp3", data=AUDIO_BYTES, location=None):
        (recordings_dir / "MP3").mkdir(exist_ok=True)
        (recordings_dir / "MP3" / name).write_bytes(data)
        return recording_factory(location if location is not None else f"{LOCAL_PREFIX}MP3/{name}")

    return create


@pytest.fixture
def recording_access_logged():
    SystemSettings.objects.update(log_recording_access="1")


@pytest.fixture
def recording_server():
    server = start_recording_server()
    yield server
    stop_recording_server(server)


@pytest.fixture
def https_recording_server(tmp_path):
    """An HTTPS recording server with a self-signed certificate; ``certificate_file`` names its PEM file."""
    certificate = make_self_signed_certificate(tmp_path)
    server = start_recording_server(certificate=certificate)
    server.certificate_file = str(certificate[0])
    yield server
    stop_recording_server(server)


@pytest.fixture
def outside_server():
    """A second local server that plays a host outside the cluster; it must never see a request."""
    server = start_recording_server()
    yield server
    stop_recording_server(server)


@pytest.fixture
def server_factory():
    def create(server_ip, **options):
        return Server.objects.create(server_id=f"srv{next(_ids)}", server_ip=server_ip, active="Y", **options)

    return create


@pytest.fixture
def proxy_settings(settings):
    """Short proxy timeouts, so that a hanging server fails the request quickly."""
    settings.RECORDINGS_PATH_MAP = []
    settings.RECORDING_HOSTS_ALLOWLIST = []
    settings.RECORDING_PROXY_CONNECT_TIMEOUT = 1
    settings.RECORDING_PROXY_READ_TIMEOUT = 0.5
    settings.RECORDING_PROXY_MAX_BYTES = 10 * 1024 * 1024
    settings.RECORDING_PROXY_VERIFY_TLS = True
    settings.RECORDING_PROXY_CA_FILE = None
    return settings
