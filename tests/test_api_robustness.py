"""No request, however malformed, gets a 500 or a traceback from the legacy API."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.api_client import LOGIN, api_get, api_post

NAMES = ["function", "user", "pass", "source", "agent_user", "lead_id", "date", "uniqueid", "extension", "stage",
         "header", "duration", "DB", "agent.user", "lead_id[]", "pass[x]", "x"]
RAW_VALUES = st.text(alphabet=st.characters(codec="utf-8"), max_size=40) | st.sampled_from(
    ["%FF", "%00", "%", "%2", "'", "\\", "9" * 30, "_%", "json", "csv", "YES", "Y", "2024-03-01", "1709805600.1"]
)
PAIRS = st.lists(st.tuples(st.sampled_from(NAMES), RAW_VALUES), max_size=8)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def query_of(pairs):
    return "&".join(f"{name}={value}" for name, value in pairs)


@FUZZ
@given(pairs=PAIRS)
def test_any_get_query_is_answered(api_user, recording_factory, pairs):
    answer = api_get(f"{LOGIN}&{query_of(pairs)}")
    assert answer.status in (200, 418)


@FUZZ
@given(pairs=PAIRS)
def test_any_post_body_is_answered(api_user, pairs):
    answer = api_post(query_of(pairs), query="function=recording_lookup")
    assert answer.status in (200, 418)
