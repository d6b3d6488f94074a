#!/usr/bin/env python
"""Draw the charts of docs/benchmarks.md from the JSON files that run.py writes.

    .venv/bin/python benchmarks/charts.py benchmarks/results/vicidial_bench_1m.json \\
        benchmarks/results/vicidial_bench_10m.json --out docs/benchmarks

Each chart puts the sizes side by side. Bars are medians; the whiskers span the
10th to the 90th percentile.
"""
import argparse
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

WIDTH = 0.38
COLORS = ("#4c72b0", "#dd8452", "#55a868", "#c44e52")


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results", nargs="+", help="JSON files written by benchmarks/run.py, smallest database first")
    parser.add_argument("--out", default="docs/benchmarks", help="directory for the PNG files (default docs/benchmarks)")
    return parser.parse_args()


def size_label(results):
    rows = results["machine"]["recording_log_rows"]
    return f"{rows / 1e6:.0f}M rows" if rows >= 1e6 else f"{rows:,} rows"


def grouped_bars(axes, groups, series):
    """Draw bars for ``series`` = [(label, [summary per group])] with p10–p90 whiskers."""
    width = 0.8 / len(series)
    for index, (label, summaries) in enumerate(series):
        positions = [group + (index - (len(series) - 1) / 2) * width for group in range(len(groups))]
        medians = [s["median"] if s else 0 for s in summaries]
        errors = [
            [s["median"] - s["p10"] if s else 0 for s in summaries],
            [s["p90"] - s["median"] if s else 0 for s in summaries],
        ]
        axes.bar(positions, medians, width, yerr=errors, capsize=3, label=label, color=COLORS[index % len(COLORS)])
        # Each median goes above its whisker, where the cap cannot cover it.
        for position, median, summary in zip(positions, medians, summaries):
            top = summary["p90"] if summary else 0
            axes.annotate(f"{median:.1f}", (position, top), xytext=(0, 3), textcoords="offset points", ha="center", fontsize=8)
    axes.set_xticks(range(len(groups)), groups)
    axes.set_ylim(top=axes.get_ylim()[1] * 1.08)
    axes.legend(fontsize=8)


def save(figure, path):
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    print(path)


def chart_lookup(runs, out):
    lookups = list(runs[0]["case1"]["sequential"])
    figure, axes = plt.subplots(1, len(lookups), figsize=(5 * len(lookups), 3.8))
    for subplot, name in zip(axes, lookups):
        rows = [run["case1"]["sequential"][name] for run in runs]
        series = [("app (HTTP)", [r["app"] for r in rows]), ("floor: same SQL", [r["floor"] for r in rows])]
        if all("unbounded_floor" in r for r in rows):
            series.append(("SQL without id bounds", [r["unbounded_floor"] for r in rows]))
        grouped_bars(subplot, [size_label(run) for run in runs], series)
        subplot.set_title(f"{name}\none worker, sequential")
        subplot.set_ylabel("ms per request")
    save(figure, out / "case1-latency.png")


def chart_throughput(runs, out):
    lookups = list(next(iter(runs[0]["case1"]["concurrent"].values())))
    figure, axes = plt.subplots(1, len(lookups), figsize=(5 * len(lookups), 3.8))
    for subplot, name in zip(axes, lookups):
        workers = list(runs[0]["case1"]["concurrent"])
        for index, run in enumerate(runs):
            rates = [run["case1"]["concurrent"][count][name]["requests_per_second"] for count in workers]
            positions = [w + (index - (len(runs) - 1) / 2) * WIDTH for w in range(len(workers))]
            bars = subplot.bar(positions, rates, WIDTH, label=size_label(run), color=COLORS[index])
            subplot.bar_label(bars, fmt="%.0f", padding=2, fontsize=8)
        subplot.set_xticks(range(len(workers)), [f"{count} worker(s)" for count in workers])
        subplot.set_title(f"{name}\n4 concurrent clients")
        subplot.set_ylabel("requests per second")
        subplot.legend(fontsize=8)
    save(figure, out / "case1-throughput.png")


def chart_big(runs, out):
    figure, axes = plt.subplots(figsize=(6.5, 3.8))
    grouped_bars(
        axes,
        [size_label(run) for run in runs],
        [("first byte", [run["case2"]["first_byte"] for run in runs]), ("total", [run["case2"]["total"] for run in runs]),
         ("floor: mariadb > /dev/null", [run["case2"]["floor_cli"] for run in runs])],
    )
    axes.set_title("100,000 rows from the legacy API")
    axes.set_ylabel("ms")
    save(figure, out / "case2-100k-rows.png")


def chart_audio(runs, out):
    figure, axes = plt.subplots(figsize=(6.5, 3.8))
    grouped_bars(
        axes,
        [size_label(run) for run in runs],
        [("whole file: first byte", [run["case4"]["whole_first_byte"] for run in runs]),
         ("last 10%: first byte", [run["case4"]["range_first_byte"] for run in runs])],
    )
    axes.axhline(20, color="grey", linestyle="--", linewidth=1)
    axes.set_ylim(top=max(axes.get_ylim()[1], 22))
    axes.set_title("One-hour WAV (57.6 MB): time to first byte; target 20 ms (dashed)")
    axes.set_ylabel("ms")
    save(figure, out / "case4-audio.png")


def chart_login(runs, out):
    modes = [mode for mode in runs[0]["case5"] if mode != "hash_only"]
    figure, axes = plt.subplots(1, 2, figsize=(10, 3.8))
    for subplot, key, title in zip(axes, ("page_login", "api_request"), ("page login (POST)", "one API request")):
        grouped_bars(subplot, modes, [(size_label(r), [r["case5"][mode].get(key) for mode in modes]) for r in runs])
        subplot.set_title(title)
        subplot.set_ylabel("ms")
    save(figure, out / "case5-login.png")


def main():
    arguments = parse_arguments()
    runs = [json.loads(Path(path).read_text()) for path in arguments.results]
    out = Path(arguments.out)
    out.mkdir(parents=True, exist_ok=True)
    charts = {"case1": (chart_lookup, chart_throughput), "case2": (chart_big,), "case4": (chart_audio,), "case5": (chart_login,)}
    for case, drawers in charts.items():
        if all(run.get(case) for run in runs):
            for draw in drawers:
                draw(runs, out)


if __name__ == "__main__":
    main()
