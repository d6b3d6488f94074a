"""The search page in headless Chromium against a live server.

Skipped when /usr/bin/chromium is missing, unless REQUIRE_BROWSER=1 makes that a
failure. Set SAVE_SCREENSHOTS=1 to write docs/screenshots/search.png.
"""
import io
import os
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

from recordings.models import Recording

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
LAPTOP_VIEWPORT = {"width": 1366, "height": 900}
SCREENSHOT = Path(django_settings.BASE_DIR) / "docs" / "screenshots" / "search.png"

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


def busiest_agent():
    recording = Recording.objects.exclude(location="").exclude(location__isnull=True).order_by("-start_time").first()
    return recording.user


def test_search_page_lists_agents_calls(logged_in_page, demo_data, tmp_path):
    agent = busiest_agent()
    logged_in_page.goto("/")

    logged_in_page.select_option("#id_agent", agent)
    logged_in_page.click("form.search button[type=submit]")

    rows = logged_in_page.locator("#results tbody tr[data-recording-id]")
    assert rows.count() == min(Recording.objects.filter(user=agent).count(), 50)
    logged_in_page.locator("#results button.play").first.click()
    logged_in_page.wait_for_function("document.getElementById('player-audio').currentTime > 1")
    logged_in_page.click("#player-toggle")
    path = SCREENSHOT if os.environ.get("SAVE_SCREENSHOTS") == "1" else tmp_path / "search.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    logged_in_page.screenshot(path=str(path), full_page=False)


def test_keyboard_j_loads_first_recording(logged_in_page, demo_data):
    agent = busiest_agent()
    logged_in_page.goto(f"/?agent={agent}")

    logged_in_page.keyboard.press("j")

    first = logged_in_page.locator("#results button.play").first
    assert logged_in_page.locator("#player [data-field=agent]").text_content() == first.get_attribute("data-agent")
    assert logged_in_page.locator("#results tr.current").count() == 1


def test_manager_logs_in_searches_plays_and_seeks(page, demo_data):
    recording = Recording.objects.exclude(location="").exclude(location__isnull=True).order_by("-start_time").first()
    page.goto("/login/")
    page.fill("#id_username", "6666")
    page.fill("#id_password", "1234")
    page.click(".login-box button[type=submit]")

    page.select_option("#id_agent", recording.user)
    page.fill("#id_day", recording.start_time.date().isoformat())
    page.click("form.search button[type=submit]")
    page.click(f'tr[data-recording-id="{recording.recording_id}"] button.play')

    page.wait_for_function("document.getElementById('player-audio').currentTime > 0.5")
    page.evaluate("const seek = document.getElementById('player-seek'); seek.value = 0; seek.dispatchEvent(new Event('change'))")
    page.wait_for_function("document.getElementById('player-audio').currentTime < 0.5")
    page.wait_for_function("document.getElementById('player-audio').currentTime > 0.2")
