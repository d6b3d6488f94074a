"""The VICIdial database's clock.

VICIdial writes NOW() of its database server into DATETIME columns. The product
does the same on MariaDB/MySQL, so its rows agree with VICIdial's own whatever zone
the app server is in. On SQLite (the demo) it uses the local clock.
"""
import datetime


def database_now(connection):
    """Return the database server's current wall-clock time, to the second."""
    if connection.vendor == "mysql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT NOW()")
            return cursor.fetchone()[0]
    return datetime.datetime.now().replace(microsecond=0)
