"""Operations on a whole VICIdial-shaped database: creating and emptying its tables."""
import logging

from recordings.ddl import create_table_statements, insert_row_statement, quote_name
from recordings.schema import TABLES

logger = logging.getLogger(__name__)


def create_missing_tables(connection):
    """Create the tables of recordings.schema that ``connection`` lacks; return their names.

    A table that exists is left as it is. The single system_settings row is inserted
    when that table is empty.
    """
    existing = set(connection.introspection.table_names())
    created = []
    with connection.cursor() as cursor:
        for table in TABLES:
            if table.name not in existing:
                for statement in create_table_statements(table, connection.vendor):
                    cursor.execute(statement)
                created.append(table.name)
                logger.info("Created table %s", table.name)
            _insert_missing_rows(cursor, table, connection.vendor)
    return created


def _insert_missing_rows(cursor, table, vendor):
    if not table.rows:
        return
    cursor.execute(f"SELECT COUNT(*) FROM {quote_name(table.name, vendor)}")
    if cursor.fetchone()[0] > 0:
        return
    for row in table.rows:
        cursor.execute(*insert_row_statement(table, row, vendor))


def empty_tables(connection):
    """Delete every row of the VICIdial-shaped tables and restore system_settings.

    For test databases only: it runs between tests because MyISAM tables ignore the
    transaction rollback that normally isolates them. It uses DELETE because TRUNCATE
    would commit the test's open transaction.
    """
    with connection.cursor() as cursor:
        for table in TABLES:
            quoted = quote_name(table.name, connection.vendor)
            cursor.execute(f"DELETE FROM {quoted}")
            for row in table.rows:
                cursor.execute(*insert_row_statement(table, row, connection.vendor))
        if connection.vendor == "sqlite":
            cursor.execute("DELETE FROM sqlite_sequence")
