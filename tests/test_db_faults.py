"""The app's responses while MariaDB is unreachable or slow, and its recovery afterwards.

A TCP proxy stands between the app and the shared MariaDB server, so the tests can
refuse, delay or cut connections without stopping the server.
"""
import pytest
from django.contrib.auth.models import User
from django.db import close_old_connections, connections

from recordings.db_faults import API_UNAVAILABLE_LINE
from recordings.models import Recording, VicidialUser
from tests.tcp_proxy import TcpProxy

pytestmark = [pytest.mark.mariadb_only, pytest.mark.django_db(databases="__all__", transaction=True)]

API_LOOKUP = (
    "/vicidial/non_agent_api.php?function=recording_lookup&source=test&user=6666&pass=1234&lead_id=42"
)


@pytest.fixture
def proxy():
    connection = connections["vicidial"]
    original = dict(connection.settings_dict)
    original_options = dict(connection.settings_dict["OPTIONS"])
    tcp_proxy = TcpProxy(original["HOST"] or "127.0.0.1", int(original["PORT"] or 3306))
    connection.close()
    connection.settings_dict.update(HOST="127.0.0.1", PORT=tcp_proxy.port)
    connection.settings_dict["OPTIONS"].update(read_timeout=2, connect_timeout=2)
    yield tcp_proxy
    connection.close()
    connection.settings_dict.update(original)
    connection.settings_dict["OPTIONS"] = original_options
    tcp_proxy.close()


@pytest.fixture
def manager():
    VicidialUser.objects.create(
        user_id=1, user="6666", password="1234", pass_hash="", full_name="Manager", user_level=9,
        user_group="ADMIN", active="Y", view_reports="1", vdc_agent_api_access="1",
        api_allowed_functions=" ALL_FUNCTIONS ", failed_login_count=0,
    )
    Recording.objects.create(
        recording_id=7, start_time="2024-03-01 10:00:00", user="1000", lead_id=42,
        location="http://10.0.0.5/RECORDINGS/MP3/a.mp3", filename="a",
    )
    return User.objects.create(username="6666")


def drop_connection():
    connections["vicidial"].close()


def test_api_answers_error_line_when_refused(client, proxy, manager):
    proxy.refuse()
    drop_connection()

    response = client.get(API_LOOKUP)

    assert response.status_code == 503
    assert response.content.decode() == API_UNAVAILABLE_LINE
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_api_recovers_after_outage(client, proxy, manager):
    proxy.refuse()
    drop_connection()
    client.get(API_LOOKUP)
    proxy.forward()
    drop_connection()

    response = client.get(API_LOOKUP)

    assert response.status_code == 200
    assert b"|1000|7|42|" in b"".join(response.streaming_content)


def test_page_shows_503_when_refused(client, proxy, manager):
    client.force_login(manager)
    proxy.refuse()
    drop_connection()

    response = client.get("/?agent=1000")

    assert response.status_code == 503
    assert "not available" in response.content.decode()


def test_page_recovers_after_outage(client, proxy, manager):
    client.force_login(manager)
    proxy.refuse()
    drop_connection()
    client.get("/")
    proxy.forward()
    drop_connection()

    response = client.get("/")

    assert response.status_code == 200


def test_api_answers_error_line_when_slow(client, proxy, manager):
    proxy.delay(4)

    response = client.get(API_LOOKUP)

    assert response.status_code == 503
    assert response.content.decode() == API_UNAVAILABLE_LINE


def test_kept_connection_is_replaced_after_cut(client, proxy, manager):
    # As under gunicorn (DB_CONN_MAX_AGE): the connection outlives the request, and
    # the server or a firewall drops it while the worker is idle.
    connections["vicidial"].settings_dict["CONN_MAX_AGE"] = 300
    drop_connection()
    first = client.get(API_LOOKUP)
    assert b"|1000|7|42|" in b"".join(first.streaming_content)
    proxy.cut()
    # What Django runs at the start of each request; the test client leaves it out.
    close_old_connections()

    response = client.get(API_LOOKUP)

    assert response.status_code == 200
    assert b"|1000|7|42|" in b"".join(response.streaming_content)


def test_stream_cut_midway_is_closed_and_logged(client, proxy, manager, caplog):
    # About 15 MB of rows, more than the socket buffers hold, so rows are still
    # unread on the server when the connection is cut.
    padding = "x" * 200
    Recording.objects.bulk_create(
        (
            Recording(recording_id=100 + number, start_time="2024-03-01 11:00:00", user="1000", lead_id=42,
                      location=f"http://10.0.0.5/RECORDINGS/MP3/{padding}-{number:05}.mp3")
            for number in range(60000)
        ),
        batch_size=5000,
    )
    connections["vicidial"].settings_dict["CONN_MAX_AGE"] = 300
    drop_connection()
    response = client.get(API_LOOKUP)
    next(iter(response.streaming_content))
    proxy.cut()

    # What the WSGI server does when the client goes away: close the response.
    response.close()
    close_old_connections()
    again = client.get(API_LOOKUP)

    assert "Closing a server-side cursor failed" in caplog.text
    assert again.status_code == 200
    assert b"|1000|7|42|" in b"".join(again.streaming_content)
