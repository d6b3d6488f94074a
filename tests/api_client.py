"""Send legacy API requests in-process and read the whole response."""
from dataclasses import dataclass

from django.test import Client

API_PATH = "/vicidial/non_agent_api.php"
LOGIN = "function=recording_lookup&user=6666&pass=1234&source=test"


@dataclass
class Answer:
    status: int
    content_type: str
    body: str
    headers: dict


def read(response):
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return Answer(response.status_code, response.get("Content-Type"), raw.decode("utf-8"), dict(response.items()))


def api_get(query, **extra):
    return read(Client().generic("GET", API_PATH, QUERY_STRING=query, **extra))


def api_post(form, query="", content_type="application/x-www-form-urlencoded"):
    client = Client()
    return read(client.generic("POST", API_PATH, form.encode("utf-8"), content_type=content_type, QUERY_STRING=query))


def lookup(search, **extra):
    """Send a recording_lookup as user 6666 with ``search`` (a query-string tail)."""
    return api_get(f"{LOGIN}&{search}" if search else LOGIN, **extra)
