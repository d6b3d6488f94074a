"""Slices of search results that read only the rows they can need.

NewestFirstQuerySet: without an index on start_time, ``ORDER BY start_time DESC
LIMIT 25`` over a month of recordings reads and sorts every row of that month. Because recording_id grows
with start_time (up to the margin of query_window), the newest rows are among the
highest ids: a slice ``[offset:stop]`` first reads the ``stop`` highest ids that
match, backwards along the primary key. The earliest start among them, minus the
margin, bounds recording_id from below for every row that can rank in the first
``stop``, and the sorted query then reads only from that id on.

CombinedQuerySet: a UNION of recording_log and recording_log_archive sorts both
whole results before it can cut a page. Where the database allows it (MariaDB, not
SQLite), a slice ``[offset:stop]`` cuts each table's sorted result at ``stop`` first.
"""
from django.db import connections
from django.db.models import QuerySet

from recordings.query_window import lowest_possible_id


class NewestFirstQuerySet(QuerySet):
    """A QuerySet whose slices, while it is sorted by ``-start_time`` first, read only the ids they can need.

    search() sets ``id_bounded`` when a date range bounds recording_id because
    start_time has no index. The ordering may change later (a table sorting by a
    column), so it is checked when the QuerySet is sliced.
    """

    id_bounded = False

    def _clone(self):
        clone = super()._clone()
        clone.id_bounded = self.id_bounded
        return clone

    def __getitem__(self, key):
        if self.can_narrow(key):
            return self._narrowed(key.stop)[key]
        return super().__getitem__(key)

    def can_narrow(self, key):
        """Return whether slicing with ``key`` reads only the newest ids."""
        return (
            self.id_bounded
            and self._result_cache is None
            and isinstance(key, slice)
            and key.stop is not None
            and not self.query.combinator
            and tuple(self.query.order_by[:1]) == ("-start_time",)
        )

    def _narrowed(self, count):
        """Return this QuerySet limited to the ids its first ``count`` rows can have."""
        newest = self.order_by("-pk").values_list("start_time", flat=True)[:count]
        starts = [start for start in newest if start is not None]
        if len(starts) < count:
            # The range has fewer rows than requested, so no bound can be proven.
            return self._chain_plain()

        lowest = lowest_possible_id(self.model, min(starts))
        narrowed = self._chain_plain()
        return narrowed if lowest is None else narrowed.filter(pk__gte=lowest)

    def _chain_plain(self):
        clone = self._chain()
        clone.id_bounded = False
        return clone


class CombinedQuerySet(QuerySet):
    """A UNION of ordered QuerySets, ``parts``, whose slices cut each part first where the database allows it.

    A new ordering applies to the parts as well.
    """

    parts = ()

    def _clone(self):
        clone = super()._clone()
        clone.parts = self.parts
        return clone

    def order_by(self, *field_names):
        clone = super().order_by(*field_names)
        clone.parts = tuple(part.order_by(*field_names) for part in self.parts)
        return clone

    def __getitem__(self, key):
        if self.parts and self._result_cache is None and isinstance(key, slice) and key.stop is not None:
            if connections[self.db].features.supports_slicing_ordering_in_compound:
                return self._cut_parts(key.stop)[key]
        return super().__getitem__(key)

    def _cut_parts(self, count):
        first, *others = [part[:count] for part in self.parts]
        combined = first.union(*others, all=True).order_by(*self.query.order_by)
        return CombinedQuerySet(model=combined.model, query=combined.query, using=self._db)


def combine(parts, ordering):
    """Return the UNION ALL of the QuerySets ``parts``, each already ordered by ``ordering``, ordered by it."""
    # SQLite allows no ORDER BY inside a UNION, so the plain UNION leaves it out.
    first, *others = [part.order_by() for part in parts]
    combined = first.union(*others, all=True).order_by(*ordering)
    queryset = CombinedQuerySet(model=combined.model, query=combined.query, using=combined._db)
    queryset.parts = tuple(parts)
    return queryset
