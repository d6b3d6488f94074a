"""Replay every recorded recording_lookup case in-process and compare the bytes.

The cases, their fixture and setting variants live in ``../shared/compat`` beside the
repository. Each case runs against freshly loaded data (``reset_db.sh``); a sequence
of steps (lockout cases) runs as one test, in order, without a reset in between.
"""
import importlib.util
import os
import shlex
import subprocess
from pathlib import Path

import pytest
from django.db import connections
from django.test import Client

from recordings.routers import VICIDIAL_ALIAS

COMPAT_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "compat"
API_PATH = "/vicidial/non_agent_api.php"

# Two recorded responses are VICIdial's own and contradict departures the product makes
# on purpose. D3: a password is only hashed and compared, so an empty pass_hash never
# matches ("x--help" does not log in). D4: "_" in a uniqueid matches literally, so
# "_________" finds no call and the request has no valid search field.
DEPARTURE_ANSWERS = {
    "ph_help_bypass_suffix": "ERROR: Login incorrect, please try again: |nohash||BAD|\n",
    "status_depends_on_body_size": "ERROR: recording_lookup INVALID SEARCH PARAMETERS: 6666|agent_twenty_chars012|||_________\n",
}


def load_replay_module():
    if not (COMPAT_DIR / "replay.py").exists():
        return None
    spec = importlib.util.spec_from_file_location("compat_replay", COMPAT_DIR / "replay.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REPLAY = load_replay_module()


def grouped_cases():
    """Return (test id, [cases]) pairs: one case each, or all steps of a sequence in order."""
    if REPLAY is None:
        return [("compat-dir-missing", [])]
    groups = {}
    for case in REPLAY.load_cases(COMPAT_DIR / "cases.jsonl"):
        key = case.get("sequence", case["id"])
        groups.setdefault(key, []).append(case)
    for steps in groups.values():
        steps.sort(key=lambda case: case.get("step", 0))
    return list(groups.items())


CASE_GROUPS = grouped_cases()


@pytest.fixture
def _fresh_vicidial_tables(transactional_db):
    """Leave the tables alone: each case loads the fixture itself (overrides conftest's)."""


def mysql_client_command():
    settings = connections[VICIDIAL_ALIAS].settings_dict
    parts = ["mariadb", "-u" + (settings.get("USER") or "root"), "-h" + (settings.get("HOST") or "127.0.0.1")]
    if settings.get("PORT"):
        parts.append(f"-P{settings['PORT']}")
    return " ".join(shlex.quote(part) for part in parts)


def reset_database(setup):
    settings = connections[VICIDIAL_ALIAS].settings_dict
    environment = {**os.environ, "MYSQL": mysql_client_command(), "MYSQL_PWD": settings.get("PASSWORD") or ""}
    connections[VICIDIAL_ALIAS].close()
    subprocess.run(
        [str(COMPAT_DIR / "reset_db.sh"), setup, settings["NAME"]], env=environment, check=True, capture_output=True
    )


def run_sql(sql):
    with connections[VICIDIAL_ALIAS].cursor() as cursor:
        cursor.execute(sql)


def send(case):
    client = Client(REMOTE_ADDR="127.0.0.1")
    query = case.get("query", "")
    if case["method"] == "POST":
        content_type = case.get("form_content_type", "application/x-www-form-urlencoded")
        response = client.generic(
            "POST", API_PATH, case.get("form", "").encode("utf-8"), content_type=content_type, QUERY_STRING=query
        )
    else:
        response = client.generic("GET", API_PATH, QUERY_STRING=query)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, response.get("Content-Type"), body


def expected_case(case):
    if case["id"] not in DEPARTURE_ANSWERS:
        return case
    return {**case, "body": DEPARTURE_ANSWERS[case["id"]]}


@pytest.mark.mariadb_only
@pytest.mark.django_db(databases="__all__", transaction=True)
@pytest.mark.parametrize(("group", "steps"), CASE_GROUPS, ids=[name for name, _ in CASE_GROUPS])
def test_case_answer_is_identical(group, steps):
    assert REPLAY is not None, f"compat cases missing: expected {COMPAT_DIR} (shared/ beside the repository)"
    reset_database(steps[0].get("setup", "base"))
    for case in steps:
        if case.get("pre_sql"):
            run_sql(case["pre_sql"])
        status, content_type, body = send(case)
        differences = REPLAY.compare(expected_case(case), status, content_type, body)
        assert differences == [], f"{case['id']}: " + "\n".join(differences)


def test_departure_answers_name_real_cases():
    if REPLAY is None:
        pytest.skip("compat cases missing")
    ids = {case["id"] for case in REPLAY.load_cases(COMPAT_DIR / "cases.jsonl")}
    assert set(DEPARTURE_ANSWERS) <= ids

