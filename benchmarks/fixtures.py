"""Rows the benchmark adds to a generated database, and the sample values it searches for.

The added rows belong to two leads that benchmarks/generate.py never makes. They are
deleted and inserted again on every run, so a run can be repeated on the same data.
Their ids follow the highest generated id, as new recordings do in VICIdial, because
date searches probe recording ids and a gap of billions would add probes.
"""
import wave
from pathlib import Path

from django.db import connections

BENCH_USER = "6666"
BENCH_PASSWORD = "1234"
# A lead with 100,000 recordings, one per second from 2026-01-01 00:00:00.
BIG_LEAD_ID = 900000001
BIG_LEAD_ROWS = 100_000
BIG_FIRST_EPOCH = 1767225600
AUDIO_LEAD_ID = 900000002
AUDIO_URL_PREFIX = "http://127.0.0.1/BENCHAUDIO/"
AUDIO_FILE_NAME = "bench-one-hour.wav"
AUDIO_SECONDS = 3600
AUDIO_RATE = 8000
# A 16-byte pass_key, one of the two lengths VICIdial documents.
PASS_KEY = "BenchPassKey0123"


def cursor():
    return connections["vicidial"].cursor()


def delete_added_rows():
    with cursor() as c:
        c.execute("DELETE FROM recording_log WHERE lead_id IN (%s, %s)", [BIG_LEAD_ID, AUDIO_LEAD_ID])


def next_recording_id():
    with cursor() as c:
        c.execute("SELECT MAX(recording_id) FROM recording_log")
        return c.fetchone()[0] + 1


def sample_values():
    """Return the agent, day and lead of the recording in the middle of the ids (call before adding rows)."""
    with cursor() as c:
        c.execute("SELECT MAX(recording_id) FROM recording_log")
        middle = c.fetchone()[0] // 2
        c.execute("SELECT user, DATE(start_time), lead_id FROM recording_log WHERE recording_id >= %s ORDER BY recording_id LIMIT 1", [middle])
        agent, day, lead_id = c.fetchone()
    return {"agent_user": agent, "date": day.isoformat(), "lead_id": str(lead_id)}


def insert_big_lead():
    """Give lead BIG_LEAD_ID exactly BIG_LEAD_ROWS recordings, with the next free ids."""
    first_id = next_recording_id()
    with cursor() as c:
        c.execute(
            "INSERT INTO recording_log (recording_id, channel, server_ip, extension, start_time, start_epoch,"
            " end_time, end_epoch, length_in_sec, length_in_min, filename, location, lead_id, user, vicidial_id)"
            " SELECT %s + seq - 1, 'Local/58600999@default', '10.0.0.5', '8399',"
            " FROM_UNIXTIME(%s + seq), %s + seq, FROM_UNIXTIME(%s + seq + 30), %s + seq + 30, 30, 0.50,"
            " CONCAT('bulk_', seq), CONCAT('http://10.0.0.5/RECORDINGS/MP3/bulk_', seq, '-all.mp3'), %s, 'bulk', NULL"
            f" FROM seq_1_to_{BIG_LEAD_ROWS}",
            [first_id] + [BIG_FIRST_EPOCH] * 4 + [BIG_LEAD_ID],
        )


def write_audio_file(directory):
    """Write a one-hour 8 kHz 16-bit mono WAV (about 57.6 MB) of a repeated tone and return its path."""
    path = Path(directory) / AUDIO_FILE_NAME
    second = bytes(range(256)) * (AUDIO_RATE * 2 // 256) + bytes(AUDIO_RATE * 2 % 256)
    with wave.open(str(path), "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(AUDIO_RATE)
        for _ in range(AUDIO_SECONDS):
            audio.writeframesraw(second)
    return path


def insert_audio_recording():
    """Add a recording of lead AUDIO_LEAD_ID that points at the WAV file; return its id."""
    recording_id = next_recording_id()
    with cursor() as c:
        c.execute(
            "INSERT INTO recording_log (recording_id, start_time, start_epoch, length_in_sec, filename, location, lead_id, user)"
            " VALUES (%s, '2026-02-01 12:00:00', 1769947200, %s, 'bench-one-hour', %s, %s, 'bulk')",
            [recording_id, AUDIO_SECONDS, AUDIO_URL_PREFIX + AUDIO_FILE_NAME, AUDIO_LEAD_ID],
        )
    return recording_id


def use_passwords(cost):
    """Store passwords as VICIdial does: plain text (cost None) or pass_hash at bcrypt ``cost``."""
    from recordings.passwords import vicidial_hash

    with cursor() as c:
        if cost is None:
            c.execute("UPDATE system_settings SET pass_hash_enabled = '0', pass_cost = 2")
            return
        c.execute("UPDATE system_settings SET pass_hash_enabled = '1', pass_key = %s, pass_cost = %s", [PASS_KEY, cost])
        c.execute("UPDATE vicidial_users SET pass_hash = %s WHERE user = %s", [vicidial_hash(BENCH_PASSWORD, PASS_KEY, cost), BENCH_USER])


def reset_login_counters():
    with cursor() as c:
        c.execute("UPDATE vicidial_users SET failed_login_count = 0 WHERE user = %s", [BENCH_USER])
