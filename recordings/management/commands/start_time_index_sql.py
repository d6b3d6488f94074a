from django.core.management.base import BaseCommand

INDEXED_TABLES = ("recording_log", "recording_log_archive")


class Command(BaseCommand):
    help = (
        "Print, without running it, the SQL that adds an index on start_time to the recording tables. "
        "Date searches use such an index when it exists and probe recording_id when it does not."
    )

    def handle(self, *args, **options):
        self.stdout.write(
            "-- For a DBA to review and run in a quiet hour: on MyISAM, ALTER TABLE rebuilds the\n"
            "-- table and blocks writes to it (new recordings) until it finishes.\n"
            "-- Restart the search application afterwards, because it checks for the index once."
        )
        for table in INDEXED_TABLES:
            self.stdout.write(f"ALTER TABLE {table} ADD INDEX start_time (start_time);")
