"""Summaries of repeated timings: median with the 10th and 90th percentiles."""
import statistics
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Summary:
    """Median, 10th and 90th percentile and run count of a list of timings, in milliseconds."""

    median: float
    p10: float
    p90: float
    runs: int

    def cell(self):
        """Return ``median (p10–p90)`` rounded for a table cell."""
        return f"{self.median:.1f} ({self.p10:.1f}–{self.p90:.1f})"

    def as_dict(self):
        return asdict(self)


def summarize(seconds):
    """Summarize timings given in seconds; the summary is in milliseconds."""
    values = sorted(value * 1000 for value in seconds)
    if len(values) == 1:
        return Summary(values[0], values[0], values[0], 1)
    deciles = statistics.quantiles(values, n=10, method="inclusive")
    return Summary(statistics.median(values), deciles[0], deciles[-1], len(values))
