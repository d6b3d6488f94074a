"""Build the demo data set: VICIdial rows in the "vicidial" database and WAV files.

The demo rebuilds from scratch on every run, so running it twice leaves one copy
of the data. It rejects a database that contains VICIdial rows it did not write
(one without the demo's server row), so pointing it at a real VICIdial changes nothing.
"""
import logging
import random
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction

from recordings.clock import database_now
from recordings.demo import people
from recordings.demo.calls import generate
from recordings.demo.wav import CallAudio
from recordings.models import InboundCall, Lead, OutboundCall, Recording, Server, UserGroup, VicidialUser
from recordings.routers import VICIDIAL_ALIAS
from recordings.vicidial_db import create_missing_tables

logger = logging.getLogger(__name__)

SEED = 1440  # any fixed number: the same seed on the same day gives the same data
BATCH_SIZE = 500
# Every table the demo fills; a rebuild empties them first.
DEMO_MODELS = (Recording, OutboundCall, InboundCall, Lead, VicidialUser, UserGroup, Server)


class NotADemoDatabase(Exception):
    pass


@dataclass
class DemoSummary:
    agents: int
    leads: int
    calls: int
    recordings: int
    audio_files: int
    audio_directory: Path


def recordings_directory():
    """Return the local directory that settings.RECORDINGS_PATH_MAP gives the demo's URL prefix.

    Without such an entry (a VICIDIAL_DATABASE_URL is set and no map names the
    prefix) the files go to var/recordings/ all the same.
    """
    for prefix, directory in settings.RECORDINGS_PATH_MAP:
        if prefix == settings.DEMO_RECORDINGS_URL:
            return Path(directory)
    return Path(settings.VAR_DIR) / "recordings"


def ensure_demo_database():
    """Raise NotADemoDatabase when the VICIdial tables hold rows the demo did not write."""
    # Read the primary, not a read replica that could lag behind it.
    if Server.objects.using(VICIDIAL_ALIAS).filter(server_id=people.DEMO_SERVER_ID).exists():
        return
    for model in DEMO_MODELS:
        if model.objects.using(VICIDIAL_ALIAS).exists():
            raise NotADemoDatabase(
                f"The VICIdial database already has rows in {model._meta.db_table} that the demo did not write; "
                "the demo only fills an empty database or rebuilds its own."
            )


def remove_demo_data(audio_directory):
    for model in DEMO_MODELS:
        model.objects.using(VICIDIAL_ALIAS).all().delete()
    for path in (audio_directory / "MP3").glob("*-all.wav"):
        path.unlink()


def write_rows(rows, label, progress):
    if not rows:
        return
    model = type(rows[0])
    for start in range(0, len(rows), BATCH_SIZE):
        model.objects.bulk_create(rows[start : start + BATCH_SIZE])
        progress(label, min(start + BATCH_SIZE, len(rows)), len(rows))


def write_audio(jobs, audio_directory, progress):
    audio = CallAudio()
    for done, job in enumerate(jobs, start=1):
        audio.write(audio_directory / "MP3" / f"{job.filename}-all.wav", job.recording_id, job.seconds)
        if done % 100 == 0 or done == len(jobs):
            progress("audio files", done, len(jobs))


def build(recordings=2500, agents=12, days=30, seed=SEED, progress=lambda label, done, total: None):
    """Replace the demo data with ``recordings`` recordings by ``agents`` agents over ``days`` days."""
    connection = connections[VICIDIAL_ALIAS]
    create_missing_tables(connection)
    ensure_demo_database()

    rng = random.Random(seed)
    staff = people.agents(agents)
    center = generate(rng, staff, recordings, database_now(connection), days, settings.DEMO_RECORDINGS_URL)
    audio_directory = recordings_directory()

    with transaction.atomic(using=VICIDIAL_ALIAS):
        remove_demo_data(audio_directory)
        write_rows(people.user_groups(), "user groups", progress)
        write_rows([people.manager(), *staff], "users", progress)
        write_rows(people.servers(), "servers", progress)
        write_rows(center.leads, "leads", progress)
        write_rows(center.outbound_calls, "outbound calls", progress)
        write_rows(center.inbound_calls, "inbound calls", progress)
        write_rows(center.recordings, "recordings", progress)
    write_audio(center.audio_jobs, audio_directory, progress)
    logger.info("Demo built: %d recordings, %d audio files in %s", len(center.recordings), len(center.audio_jobs), audio_directory)

    return DemoSummary(
        agents=len(staff),
        leads=len(center.leads),
        calls=len(center.outbound_calls) + len(center.inbound_calls),
        recordings=len(center.recordings),
        audio_files=len(center.audio_jobs),
        audio_directory=audio_directory,
    )
