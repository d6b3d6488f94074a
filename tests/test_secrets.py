"""The password stays out of responses, logs and stored URLs; production settings pass check --deploy."""
import logging
import os
import runpy
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from config.log_filters import MaskPasswords
from recordings.models import VicidialUser
from tests.api_client import api_get, api_post
from tests.live_http import fetch
from tests.vicidial_factories import run_sql

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "Zx9SecretPw"
# Ports this suite may give runserver; the first free one is used, so two runs can overlap.
SERVER_PORTS = range(8062, 8070)
# Requests that reach each outcome of the API: rows, errors after login, failed logins.
API_QUERIES = [
    f"function=recording_lookup&source=test&user=keeper&pass={PASSWORD}&agent_user=1000&date=2024-03-01",
    f"function=recording_lookup&source=test&user=keeper&pass={PASSWORD}&lead_id=999",
    f"function=recording_lookup&source=test&user=keeper&pass={PASSWORD}",
    f"function=recording_lookup&source=t&user=keeper&pass={PASSWORD}",
    f"function=other&source=test&user=keeper&pass={PASSWORD}",
    f"function=recording_lookup&source=test&user=keeper&pass={PASSWORD}x&lead_id=1",
    f"function=recording_lookup&source=test&user=nobody&pass={PASSWORD}&lead_id=1",
    f"function=coffee&user=keeper&pass={PASSWORD}",
    f"function=recording_lookup&source=test&user=keeper&pass[]={PASSWORD}&p%61ss={PASSWORD}&lead_id=100001",
]


@pytest.fixture
def keeper(vicidial_user_factory, recording_factory):
    recording_factory()
    return vicidial_user_factory("keeper", PASSWORD, user_level=9)


@pytest.fixture
def every_record():
    """Collect every log record of every logger at DEBUG level."""
    records = []
    handler = logging.Handler(logging.DEBUG)
    handler.emit = records.append
    loggers = [logging.getLogger()] + [logging.getLogger(name) for name in list(logging.root.manager.loggerDict)]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    logging.getLogger().addHandler(handler)
    yield records
    logging.getLogger().removeHandler(handler)
    for logger, level in zip(loggers, levels):
        logger.setLevel(level)


def record_text(record):
    return f"{record.getMessage()} {record.args!r} {record.exc_text or ''} {record.__dict__.get('sql', '')}"


def exercise_api_and_page():
    """Send every API outcome, a failed and a successful page login, and ten failures to lock."""
    for query in API_QUERIES:
        api_get(query)
        api_post(query)
    client = Client()
    client.post(reverse("login"), {"username": "keeper", "password": PASSWORD + "x"})
    client.post(reverse("login"), {"username": "keeper", "password": PASSWORD})
    for _ in range(11):
        api_get(API_QUERIES[5])


@pytest.mark.parametrize("query", API_QUERIES)
def test_api_body_and_headers_hide_password(keeper, query):
    answer = api_get(query)

    assert PASSWORD not in answer.body
    assert PASSWORD not in repr(answer.headers)


@pytest.mark.parametrize("password", [PASSWORD, PASSWORD + "x"])
def test_page_login_response_hides_password(keeper, password):
    response = Client().post(reverse("login"), {"username": "keeper", "password": password})

    assert PASSWORD not in response.content.decode()
    assert PASSWORD not in repr(response.items())


def test_logs_never_contain_password(keeper, every_record):
    exercise_api_and_page()

    leaks = [record_text(record) for record in every_record if PASSWORD in record_text(record)]
    assert leaks == []


@override_settings(DEBUG=True)
def test_debug_sql_log_never_contains_password(keeper, every_record):
    # With DJANGO_DEBUG=1 Django logs every SQL statement and its parameters.
    exercise_api_and_page()

    leaks = [record_text(record) for record in every_record if PASSWORD in record_text(record)]
    assert leaks == []


def test_stored_urls_mask_password(keeper):
    for query in API_QUERIES:
        api_get(query)
        api_post(query)
        api_post(query, query=query)

    urls = [url for (url,) in run_sql("SELECT url FROM vicidial_api_urls")]
    assert urls
    assert [url for url in urls if PASSWORD in url] == []


def test_mask_filter_masks_request_line():
    record = logging.LogRecord("django.server", logging.WARNING, __file__, 1, '"%s" %s %s',
                               (f"GET /vicidial/non_agent_api.php?user=6666&pass={PASSWORD} HTTP/1.1", "418", "35"), None)

    MaskPasswords().filter(record)

    assert record.getMessage() == '"GET /vicidial/non_agent_api.php?user=6666&pass=XXXXXXXX HTTP/1.1" 418 35'


def test_gunicorn_worker_error_log_masks_password():
    hooks = runpy.run_path(str(ROOT / "config" / "gunicorn.conf.py"))
    error_log = logging.getLogger("tests.gunicorn.error")
    worker = type("Worker", (), {"log": type("Log", (), {"error_log": error_log})()})()
    record = logging.LogRecord(error_log.name, logging.ERROR, __file__, 1, "Error handling request %s",
                               (f"/vicidial/non_agent_api.php?pass={PASSWORD}",), None)

    hooks["post_worker_init"](worker)

    assert error_log.filter(record)
    assert PASSWORD not in record.getMessage()


def production_environment(**extra):
    """Return the environment of a deployment: a MariaDB URL, a long random key, no DEBUG."""
    keep = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    return {
        **keep,
        "VICIDIAL_DATABASE_URL": "mysql://recsearch:secret@127.0.0.1:3306/asterisk",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        **extra,
    }


def run_manage(args, environment):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=environment,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("extra", [{}, {"SECURE_SSL_REDIRECT": "1", "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
                                        "SECURE_HSTS_PRELOAD": "1"}], ids=["defaults", "redirect"])
def test_check_deploy_reports_nothing(extra):
    result = run_manage(["check", "--deploy", "--fail-level", "DEBUG"], production_environment(**extra))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr


def test_production_cookies_are_secure():
    code = "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY)"
    result = run_manage(["shell", "-v", "0", "-c", code], production_environment())

    assert result.stdout.split() == ["True", "True", "True"]


@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True)
def test_login_cookies_are_secure_and_http_only(keeper):
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("login"))
    token = client.cookies["csrftoken"].value

    client.post(reverse("login"), {"username": "keeper", "password": PASSWORD, "csrfmiddlewaretoken": token})

    session_cookie = client.cookies["sessionid"]
    assert session_cookie["secure"] is True
    assert session_cookie["httponly"] is True
    assert client.cookies["csrftoken"]["secure"] is True


@override_settings(SECURE_SSL_REDIRECT=True)
def test_ssl_redirect_spares_legacy_api(keeper):
    assert api_get(API_QUERIES[0]).status == 200
    assert Client().get(reverse("login")).status_code == 301


def free_port():
    for port in SERVER_PORTS:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError(f"no free port in {SERVER_PORTS}")


@pytest.fixture
def runserver(tmp_path):
    """Run manage.py runserver on a free port with the product's logging; yield (port, log file)."""
    port = free_port()
    log_path = tmp_path / "runserver.log"
    environment = {**os.environ, "VAR_DIR": str(tmp_path), "SECRET_KEY": "runserver-test-key"}
    environment.pop("VICIDIAL_DATABASE_URL", None)
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings"
    with open(log_path, "w") as log:
        server = subprocess.Popen([sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
                                  cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_for_port(port, server)
        yield port, log_path
    finally:
        server.terminate()
        server.wait(timeout=10)


def wait_for_port(port, server):
    for _ in range(100):
        if server.poll() is not None:
            raise RuntimeError(f"runserver exited with status {server.returncode}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/vicidial/non_agent_api.php?function=coffee", timeout=1)
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"runserver did not start on port {port}")


def wait_for_lines(path, text, count):
    """Return the file's text once ``text`` occurs ``count`` times in it, or after 10 seconds."""
    for _ in range(100):
        content = path.read_text()
        if content.count(text) >= count:
            return content
        time.sleep(0.1)
    return path.read_text()


def test_runserver_log_masks_password_of_4xx_request(runserver):
    port, log_path = runserver
    opener = urllib.request.build_opener()
    fetch(opener, f"http://127.0.0.1:{port}/vicidial/non_agent_api.php?function=coffee&user=6666&pass={PASSWORD}")
    fetch(opener, f"http://127.0.0.1:{port}/no/such/page?user=6666&pass={PASSWORD}")

    log = wait_for_lines(log_path, "pass=XXXXXXXX", 2)
    assert "pass=XXXXXXXX" in log
    assert PASSWORD not in log
