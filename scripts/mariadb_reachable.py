"""Exit 0 when the MariaDB server of a mysql:// URL accepts a connection, 1 otherwise."""
import sys

import dj_database_url
import MySQLdb

config = dj_database_url.parse(sys.argv[1])
try:
    MySQLdb.connect(
        host=config["HOST"] or "127.0.0.1",
        port=int(config["PORT"] or 3306),
        user=config["USER"],
        password=config["PASSWORD"] or "",
        connect_timeout=5,
    ).close()
except MySQLdb.Error as error:
    print(f"MariaDB at {config['HOST']}:{config['PORT'] or 3306} is not reachable: {error}", file=sys.stderr)
    sys.exit(1)
