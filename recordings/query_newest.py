"""The first pages of a long date range, newest first, without sorting the whole range.

Without an index on start_time, ``ORDER BY start_time DESC LIMIT 25`` over a month
of recordings reads and sorts every row of that month. Because recording_id grows
with start_time (up to the margin of query_window), the newest rows are among the
highest ids: a slice ``[offset:stop]`` first reads the ``stop`` highest ids that
match, backwards along the primary key. The earliest start among them, minus the
margin, bounds recording_id from below for every row that can rank in the first
``stop``, and the sorted query then reads only from that id on.
"""
from django.db.models import QuerySet

from recordings.query_window import lowest_possible_id


class NewestFirstQuerySet(QuerySet):
    """A QuerySet ordered newest first whose slices read only the ids they can need.

    search() sets ``narrowable`` when its ordering is newest first and a date range
    bounds recording_id. A new ordering clears it.
    """

    narrowable = False

    def _clone(self):
        clone = super()._clone()
        clone.narrowable = self.narrowable
        return clone

    def order_by(self, *field_names):
        clone = super().order_by(*field_names)
        clone.narrowable = False
        return clone

    def __getitem__(self, key):
        if self.narrowable and self._result_cache is None and isinstance(key, slice) and key.stop is not None:
            return self._narrowed(key.stop)[key]
        return super().__getitem__(key)

    def _narrowed(self, count):
        """Return this QuerySet limited to the ids its first ``count`` rows can have."""
        newest = self.order_by("-pk").values_list("start_time", flat=True)[:count]
        starts = [start for start in newest if start is not None]
        if len(starts) < count:
            # The range holds fewer rows than requested, so no bound can be proven.
            return self._chain_plain()

        lowest = lowest_possible_id(self.model, min(starts))
        narrowed = self._chain_plain()
        return narrowed if lowest is None else narrowed.filter(pk__gte=lowest)

    def _chain_plain(self):
        clone = self._chain()
        clone.narrowable = False
        return clone
