"""The search page in headless Chromium against a live server.

Skipped when /usr/bin/chromium is missing, unless REQUIRE_BROWSER=1 makes that a
failure. Set SAVE_SCREENSHOTS=1 to write search.png, player.png and detail.png to
docs/screenshots/ (otherwise they go to the test's temporary directory).
"""
import csv
import datetime
import io
import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from recordings.models import Lead, Recording, SystemSettings

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
LAPTOP_VIEWPORT = {"width": 1366, "height": 900}
SCREENSHOTS = Path(django_settings.BASE_DIR) / "docs" / "screenshots"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(databases="__all__", transaction=True)]

if not CHROMIUM.exists() and os.environ.get("REQUIRE_BROWSER") != "1":
    pytestmark.append(pytest.mark.skip(reason=f"{CHROMIUM} is missing; set REQUIRE_BROWSER=1 to fail instead"))


@pytest.fixture
def browser(monkeypatch):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread. The test's ORM calls
    # stay synchronous all the same, so Django's guard against them is lifted.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def demo_data(settings, tmp_path):
    settings.RECORDINGS_PATH_MAP = [(settings.DEMO_RECORDINGS_URL, str(tmp_path))]
    call_command("demo", "--no-serve", "--recordings", "600", stdout=io.StringIO())


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(viewport=LAPTOP_VIEWPORT, base_url=live_server.url)
    yield context.new_page()
    context.close()


@pytest.fixture
def logged_in_page(page, logged_in_client, live_server):
    page.context.add_cookies([{"name": "sessionid", "value": logged_in_client.cookies["sessionid"].value, "url": live_server.url}])
    return page


def screenshot(page, name, tmp_path):
    directory = SCREENSHOTS if os.environ.get("SAVE_SCREENSHOTS") == "1" else tmp_path
    directory.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(directory / name), full_page=False)


def playable_recordings():
    return Recording.objects.exclude(location="").exclude(location__isnull=True).order_by("-start_time", "-recording_id")


def playable_file(recording, tmp_path):
    return tmp_path / "MP3" / f"{recording.filename}-all.wav"


def newest_playable(tmp_path):
    return next(recording for recording in playable_recordings() if playable_file(recording, tmp_path).exists())


def busiest_agent():
    return playable_recordings().first().user


def log_in(page):
    page.goto("/login/")
    page.fill("#id_username", "6666")
    page.fill("#id_password", "1234")
    page.click(".login-box button[type=submit]")
    page.wait_for_selector("form.search")


def test_search_page_lists_agents_calls(logged_in_page, demo_data, tmp_path):
    agent = busiest_agent()
    logged_in_page.goto("/")

    newest = playable_recordings().filter(user=agent).first().start_time.date()
    logged_in_page.select_option("#id_agent", agent)
    logged_in_page.fill("#id_date_from", (newest - datetime.timedelta(days=6)).isoformat())
    logged_in_page.fill("#id_date_to", newest.isoformat())
    logged_in_page.click("form.search button[type=submit]")
    logged_in_page.click(".more-filters summary")

    rows = logged_in_page.locator("#results tbody tr[data-recording-id]")
    week = (newest - datetime.timedelta(days=6), datetime.datetime.combine(newest, datetime.time.max))
    assert rows.count() == min(Recording.objects.filter(user=agent, start_time__range=week).count(), 50)
    screenshot(logged_in_page, "search.png", tmp_path)


def test_keyboard_j_loads_first_recording(logged_in_page, demo_data):
    agent = busiest_agent()
    logged_in_page.goto(f"/?agent={agent}")

    logged_in_page.keyboard.press("j")

    first = logged_in_page.locator("#results button.play").first
    assert logged_in_page.locator("#player [data-field=agent]").text_content() == first.get_attribute("data-agent")
    assert logged_in_page.locator("#results tr.current").count() == 1


def test_phone_search_play_seek_speed(page, demo_data, tmp_path):
    recording = newest_playable(tmp_path)
    phone = Lead.objects.get(lead_id=recording.lead_id).phone_number
    log_in(page)

    page.fill("#id_phone", phone)
    page.click("form.search button[type=submit]")
    page.click(f'tr[data-recording-id="{recording.recording_id}"] button.play')

    page.wait_for_function("document.getElementById('player-audio').currentTime > 1")
    assert page.locator("#player [data-field=lead]").text_content() == str(recording.lead_id)
    screenshot(page, "player.png", tmp_path)
    page.evaluate("const seek = document.getElementById('player-seek'); seek.value = 0; seek.dispatchEvent(new Event('change'))")
    page.wait_for_function("document.getElementById('player-audio').currentTime < 0.5")
    page.wait_for_function("document.getElementById('player-audio').currentTime > 0.2")
    page.select_option("#player-speed", "1.5")
    assert page.evaluate("document.getElementById('player-audio').playbackRate") == 1.5


def test_download_button_saves_recording_file(logged_in_page, demo_data, tmp_path):
    recording = newest_playable(tmp_path)
    logged_in_page.goto(f"/?lead_id={recording.lead_id}")
    logged_in_page.click(f'tr[data-recording-id="{recording.recording_id}"] button.play')

    with logged_in_page.expect_download() as download_info:
        logged_in_page.click("#player-download")

    assert download_info.value.suggested_filename == f"{recording.filename}-all.wav"


def test_export_csv_downloads_the_search(logged_in_page, demo_data, tmp_path):
    recording = newest_playable(tmp_path)
    logged_in_page.goto(f"/?lead_id={recording.lead_id}")

    with logged_in_page.expect_download() as download_info:
        logged_in_page.click("#export-csv")

    lines = Path(download_info.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == "Start time,Agent,Agent name,Lead ID,Phone number,Duration,Campaign,File name,Archived"
    assert [row[7] for row in csv.reader(lines[1:])][0] == playable_recordings().filter(lead_id=recording.lead_id).first().filename


def test_recording_without_audio_shows_notice(logged_in_page, demo_data):
    recording = Recording.objects.filter(location__isnull=True).first() or Recording.objects.filter(location="").first()
    logged_in_page.goto(f"/?lead_id={recording.lead_id}")

    row = logged_in_page.locator(f'tr[data-recording-id="{recording.recording_id}"]')

    assert row.locator(".no-audio").text_content() == "Audio not available"
    assert row.locator("button.play").count() == 0


def test_player_reports_audio_gone_since_page_load(logged_in_page, demo_data, tmp_path):
    recording = newest_playable(tmp_path)
    logged_in_page.goto(f"/?lead_id={recording.lead_id}")
    playable_file(recording, tmp_path).unlink()

    logged_in_page.click(f'tr[data-recording-id="{recording.recording_id}"] button.play')

    status = logged_in_page.locator("#player-status")
    status.filter(has_text="Audio not available").wait_for()
    assert status.text_content().startswith("Audio not available")


def test_detail_page_plays_recording(logged_in_page, demo_data, tmp_path):
    SystemSettings.objects.update(log_recording_access="1")
    recording = newest_playable(tmp_path)
    logged_in_page.goto(f"/?lead_id={recording.lead_id}")
    logged_in_page.click(f'tr[data-recording-id="{recording.recording_id}"] button.play')
    logged_in_page.wait_for_function("document.getElementById('player-audio').currentTime > 0.2")
    logged_in_page.click(f'tr[data-recording-id="{recording.recording_id}"] td a[href$="/{recording.recording_id}/"]')

    logged_in_page.click("#results button.play")

    logged_in_page.wait_for_function("document.getElementById('player-audio').currentTime > 0.5")
    assert logged_in_page.locator("h1").text_content().strip().startswith(f"Recording {recording.recording_id}")
    assert logged_in_page.locator("#access-history tbody tr").count() == 1
    screenshot(logged_in_page, "detail.png", tmp_path)
