"""Plain HTTP clients for tests that run against a live server on 127.0.0.1."""
import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

API_PATH = "/vicidial/non_agent_api.php"
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TIMEOUT_SECONDS = 30


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def fetch(opener, url, data=None):
    """Send one request and return (status, body text); an HTTP error status is returned, not raised."""
    try:
        with opener.open(url, data=data, timeout=TIMEOUT_SECONDS) as response:
            return response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace")


def api_get(base_url, query):
    return fetch(urllib.request.build_opener(NoRedirect), f"{base_url}{API_PATH}?{query}")


class PageSession:
    """A browser-like session of the search page: cookies, CSRF token, no redirects followed."""

    def __init__(self, base_url):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect)

    def get(self, path):
        return fetch(self.opener, self.base_url + path)

    def login(self, username, password):
        """Load the login page for its CSRF token, then post the form; return (status, body)."""
        _, page = self.get("/login/")
        token = CSRF_FIELD.search(page).group(1)
        form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password})
        return fetch(self.opener, self.base_url + "/login/", data=form.encode("ascii"))


def run_parallel(task, count):
    """Run ``task(i)`` for i in range(count) on ``count`` threads at once; return the results in order."""
    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(task, range(count)))
