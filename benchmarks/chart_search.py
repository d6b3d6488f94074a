#!/usr/bin/env python
"""Draw the chart of the search page's first-page times from the Case 3 table of docs/benchmarks.md.

    .venv/bin/python benchmarks/chart_search.py docs/benchmarks.md --out docs/benchmarks/case3-search.png

benchmarks/time_search.py prints that table. Each cell reads "median (fastest–slowest)"
in milliseconds; the chart draws the medians at 1M and 10M rows beside the SQL-alone
floor at 10M, on a logarithmic axis, with the 200 ms target as a line.
"""
import argparse
import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

TABLE_HEADING = "### Results (1 page of 25 rows, newest first)"
CELL = re.compile(r"([0-9.]+) \(")
TARGET_MS = 200


def read_rows(markdown):
    """Return [(search, [median per column])] from the first table after TABLE_HEADING."""
    text = markdown.split(TABLE_HEADING, 1)[1]
    rows = []
    for line in text.splitlines()[1:]:
        if not line.startswith("|"):
            if rows:
                break
            continue
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        medians = [CELL.match(cell) for cell in cells[1:]]
        if all(medians):
            rows.append((cells[0], [float(match.group(1)) for match in medians]))
    return rows


def draw(rows, out):
    names = [name for name, _ in rows][::-1]
    series = (("1M: first page", 0, "#4c72b0"), ("10M: first page", 2, "#dd8452"), ("10M: SQL alone", 3, "#9a9a9a"))
    figure, axes = plt.subplots(figsize=(9, 0.38 * len(rows) + 1.5))
    height = 0.8 / len(series)
    for index, (label, column, color) in enumerate(series):
        values = [medians[column] for _, medians in rows][::-1]
        positions = [row + (index - 1) * height for row in range(len(rows))]
        axes.barh(positions, values, height=height, label=label, color=color)
    axes.axvline(TARGET_MS, color="#c44e52", linestyle="--", label=f"target {TARGET_MS} ms")
    axes.set_xscale("log")
    axes.set_yticks(range(len(names)), names)
    axes.set_xlabel("milliseconds, median of 20 runs (log scale)")
    axes.set_title("Search page: first page of results")
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.07), ncol=4, fontsize="small")
    figure.tight_layout()
    figure.savefig(out, dpi=110)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("markdown", help="docs/benchmarks.md")
    parser.add_argument("--out", default="docs/benchmarks/case3-search.png", help="PNG file to write")
    arguments = parser.parse_args()
    draw(read_rows(Path(arguments.markdown).read_text()), arguments.out)


if __name__ == "__main__":
    main()
