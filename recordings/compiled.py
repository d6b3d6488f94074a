"""Querysets compiled to SQL once per database connection, for statements every request sends.

Django compiles a queryset each time it runs, and that costs more than running it:
about 0.3 ms against 0.1 ms for the system_settings row, timed in-process on the
machine of docs/benchmarks.md. The login check runs the same few querysets for every API
request, so their SQL and column converters are kept on the connection and reused.
"""
from django.db import connections

CACHE_ATTRIBUTE = "recordings_compiled_querysets"


def first_row(alias, key, build, params):
    """Return the first row of the values_list queryset ``build(*params)`` on ``alias``, or None.

    The values come through the same converters as the ORM's. ``build`` is compiled on
    the first call for each ``key`` and connection. Its SQL must take ``params``
    unchanged and in order, so the first call checks that.
    """
    connection = connections[alias]
    cache = connection.__dict__.setdefault(CACHE_ATTRIBUTE, {})
    entry = cache.get(key)
    if entry is None:
        compiler = build(*params).query.get_compiler(using=alias)
        sql, compiled_params = compiler.as_sql()
        if tuple(compiled_params) != tuple(params):
            raise ValueError(f"The SQL of {key!r} changes its parameters, so it cannot be reused")
        converters = compiler.get_converters([column[0] for column in compiler.select[: compiler.col_count]])
        entry = cache[key] = (compiler, sql, converters)
    compiler, sql, converters = entry
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None or not converters:
        return row
    return tuple(next(iter(compiler.apply_converters([row], converters))))


def first_instance(model, alias, key, build, params, extra=()):
    """Return the first ``model`` of the ordered queryset ``build(*params)``, or None.

    ``extra`` names annotations of the queryset, set as attributes of the instance.
    """
    names = [field.attname for field in model._meta.concrete_fields]
    row = first_row(alias, key, lambda *values: build(*values).values_list(*names, *extra)[:1], params)
    if row is None:
        return None
    instance = model.from_db(alias, names, row[: len(names)])
    for name, value in zip(extra, row[len(names):]):
        setattr(instance, name, value)
    return instance
