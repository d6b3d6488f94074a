"""Render the table definitions of recordings.schema as CREATE statements."""
import re

from recordings.schema import Table

# MySQL-only table options: MyISAM as on most VICIdial installs, and VICIdial's
# utf8_unicode_ci collation so that comparisons are case- and accent-insensitive.
MYSQL_TABLE_OPTIONS = "ENGINE=MyISAM DEFAULT CHARSET=utf8mb3 COLLATE=utf8mb3_unicode_ci"

_TYPE_PATTERN = re.compile(r"^(?P<base>[A-Z]+)(?P<args>\([^)]*\))?(?P<unsigned>\s+UNSIGNED)?(?P<rest>.*)$")
_SQLITE_TYPES = {
    "INT": "INTEGER",
    "TINYINT": "INTEGER",
    "SMALLINT": "INTEGER",
    "MEDIUMINT": "INTEGER",
    "BIGINT": "INTEGER",
    "DOUBLE": "REAL",
    "DECIMAL": "NUMERIC",
    "DATETIME": "DATETIME",
}


def quote_name(name, vendor):
    """Quote a table or column name for the vendor (`mysql` or `sqlite`)."""
    return f"`{name}`" if vendor == "mysql" else f'"{name}"'


def _sqlite_column(table, name, mysql_type):
    match = _TYPE_PATTERN.match(mysql_type)
    base, rest = match["base"], match["rest"]
    if name == table.auto_increment:
        return f'"{name}" INTEGER PRIMARY KEY AUTOINCREMENT'
    # Text columns compare without case in SQLite too, as VICIdial's collation does.
    sqlite_type = _SQLITE_TYPES.get(base, "TEXT COLLATE NOCASE")
    return f'"{name}" {sqlite_type}{rest}'


def _mysql_column(table, name, mysql_type):
    extra = " AUTO_INCREMENT" if name == table.auto_increment else ""
    return f"`{name}` {mysql_type}{extra}"


def create_table_statements(table: Table, vendor):
    """Return the statements that create ``table`` and its indexes on ``vendor``."""
    if vendor == "mysql":
        lines = [_mysql_column(table, name, kind) for name, kind in table.columns]
        if table.primary_key:
            lines.append("PRIMARY KEY (%s)" % ", ".join(quote_name(c, vendor) for c in table.primary_key))
        for index_name, columns, unique in table.indexes:
            keyword = "UNIQUE KEY" if unique else "KEY"
            lines.append(f"{keyword} `{index_name}` (%s)" % ", ".join(quote_name(c, vendor) for c in columns))
        body = ",\n  ".join(lines)
        return [f"CREATE TABLE `{table.name}` (\n  {body}\n) {MYSQL_TABLE_OPTIONS}"]

    lines = [_sqlite_column(table, name, kind) for name, kind in table.columns]
    if table.primary_key and table.primary_key != (table.auto_increment,):
        lines.append("PRIMARY KEY (%s)" % ", ".join(quote_name(c, vendor) for c in table.primary_key))
    body = ",\n  ".join(lines)
    statements = [f'CREATE TABLE "{table.name}" (\n  {body}\n)']
    for index_name, columns, unique in table.indexes:
        keyword = "CREATE UNIQUE INDEX" if unique else "CREATE INDEX"
        column_list = ", ".join(quote_name(c, vendor) for c in columns)
        statements.append(f'{keyword} "{table.name}_{index_name}" ON "{table.name}" ({column_list})')
    return statements


def insert_row_statement(table: Table, row, vendor):
    """Return (sql, params) inserting ``row`` (a dict) into ``table``."""
    columns = ", ".join(quote_name(name, vendor) for name in row)
    placeholders = ", ".join(["%s"] * len(row))
    return f"INSERT INTO {quote_name(table.name, vendor)} ({columns}) VALUES ({placeholders})", list(row.values())
