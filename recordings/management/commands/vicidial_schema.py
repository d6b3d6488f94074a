from django.core.management.base import BaseCommand
from django.db import connections

from recordings.vicidial_db import create_missing_tables


class Command(BaseCommand):
    help = (
        "Create the VICIdial-shaped tables that are missing from a demo, test or benchmark "
        "database (MyISAM on MariaDB/MySQL). Existing tables are never altered or dropped."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--database",
            default="vicidial",
            help="Database alias to create the tables in (default: vicidial).",
        )

    def handle(self, *args, database, **options):
        created = create_missing_tables(connections[database])
        if not created:
            self.stdout.write("All VICIdial-shaped tables already exist; nothing changed.")
            return
        for name in created:
            self.stdout.write(f"Created table {name}")
