"""A 100,000-row response streams from a server-side cursor with flat memory (MariaDB)."""
import tracemalloc

import pytest
from django.test import Client

from tests.api_client import API_PATH, LOGIN
from tests.vicidial_factories import run_sql

BULK_ROWS = 100050


@pytest.fixture
def bulk_recordings(api_user):
    run_sql(
        "INSERT INTO recording_log (recording_id, start_time, start_epoch, lead_id, user, location) "
        "SELECT 2000000 + seq, FROM_UNIXTIME(1711929600 + seq - 1), 1711929600 + seq - 1, 777, 'bulk', "
        "CONCAT('http://10.0.0.5/RECORDINGS/MP3/', seq, '.mp3') FROM seq_1_to_%d" % BULK_ROWS
    )


@pytest.mark.mariadb_only
def test_large_answer_streams_capped_rows(bulk_recordings):
    response = Client().generic("GET", API_PATH, QUERY_STRING=f"{LOGIN}&lead_id=777")
    assert response.streaming

    tracemalloc.start()
    lines = size = 0
    for chunk in response.streaming_content:
        lines += chunk.count(b"\n")
        size += len(chunk)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()

    assert lines == 100000
    # The body is about 8 MB; reading it whole would need at least that much.
    assert peak < size / 4
    assert run_sql("SELECT result_reason FROM vicidial_api_log") == [("recording_lookup RECORDINGS FOUND: 100000",)]
