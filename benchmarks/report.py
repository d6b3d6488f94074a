"""Markdown tables of a run's figures: median (p10–p90) in milliseconds unless named otherwise."""
from benchmarks.stats import Summary


def cell(figures):
    return Summary(**figures).cell()


def print_case1(case):
    print("\n### Case 1: typical lookups, one worker, sequential (ms)\n")
    print("| lookup | rows | app | floor: same SQL, one connection | floor + connect per request | SQL without id bounds |")
    print("|---|---|---|---|---|---|")
    for name, row in case["sequential"].items():
        unbounded = cell(row["unbounded_floor"]) if "unbounded_floor" in row else "–"
        print(f"| {name} | {row['rows']} | {cell(row['app'])} | {cell(row['floor'])} | {cell(row['connect_floor'])} | {unbounded} |")
    if "baseline" in case:
        print(f"\nBaseline, `function=version` (no login, one small query): {cell(case['baseline'])}")
    print("\n### Case 1: 4 concurrent clients (requests/s; latency ms)\n")
    print("| lookup | workers | requests/s | latency |")
    print("|---|---|---|---|")
    for workers, lookups in case["concurrent"].items():
        for name, row in lookups.items():
            print(f"| {name} | {workers} | {row['requests_per_second']:.0f} | {cell(row['latency'])} |")
    print("\n### Statements per API request\n")
    for name, row in case["statements"].items():
        print(f"- {name}: {len(row['statements'])} captured, MariaDB counted {row['mariadb_questions']}")
        for statement in row["statements"]:
            print(f"  - `{statement[:160]}`")


def print_case2(case):
    print("\n### Case 2: 100,000 rows (ms)\n")
    print("| first byte | total | floor: mariadb > /dev/null | floor: MySQLdb fetchall | peak RSS growth |")
    print("|---|---|---|---|---|")
    print(
        f"| {cell(case['first_byte'])} | {cell(case['total'])} | {cell(case['floor_cli'])} |"
        f" {cell(case['floor_mysqldb'])} | {case['peak_growth_mb']:.1f} MB |"
    )
    print(f"\n{case['rows']:,} lines, {case['bytes']:,} bytes; idle worker RSS {case['idle_rss_mb']:.0f} MB.")


def print_case4(case):
    print("\n### Case 4: one-hour WAV (ms)\n")
    print("| request | first byte | total |")
    print("|---|---|---|")
    print(f"| whole file | {cell(case['whole_first_byte'])} | {cell(case['whole_total'])} |")
    print(f"| Range: last 10% | {cell(case['range_first_byte'])} | {cell(case['range_total'])} |")


def print_case5(case):
    print("\n### Case 5: password checks (ms)\n")
    print("| passwords | hashes per check | check_login | API request | page login POST | page request |")
    print("|---|---|---|---|---|---|")
    for name, row in case.items():
        if name == "hash_only":
            continue
        login = cell(row["page_login"]) if "page_login" in row else "n/a"
        page = cell(row["page_request"]) if "page_request" in row else "n/a"
        print(f"| {name} | {row['hashes_per_check']} | {cell(row['check_login'])} | {cell(row['api_request'])} | {login} | {page} |")
    for cost, figures in case.get("hash_only", {}).items():
        print(f"\nVICIdial's hash alone, {cost}: {cell(figures)} ms")


def print_tables(results):
    machine = results["machine"]
    print(f"## {results['database']}: {machine['recording_log_rows']:,} rows in recording_log")
    print(f"\n{machine['cpus']} CPUs ({machine['cpu_model']}), {machine['memory']} memory, MariaDB {machine['mariadb']}")
    print(f"Sample: {results['sample']}")
    printers = {"case1": print_case1, "case2": print_case2, "case4": print_case4, "case5": print_case5}
    for key, printer in printers.items():
        if results.get(key):
            printer(results[key])


def size(run):
    rows = run["machine"]["recording_log_rows"]
    return f"{rows / 1e6:.0f}M" if rows >= 1e6 else f"{rows:,} rows"


def compare_case1(runs):
    print("| case 1, one worker | size | rows | app | floor | app − floor | SQL without id bounds |")
    print("|---|---|---|---|---|---|---|")
    for name in runs[0]["case1"]["sequential"]:
        for run in runs:
            row = run["case1"]["sequential"][name]
            gap = row["app"]["median"] - row["floor"]["median"]
            unbounded = cell(row["unbounded_floor"]) if "unbounded_floor" in row else "–"
            print(f"| {name} | {size(run)} | {row['rows']} | {cell(row['app'])} | {cell(row['floor'])} | {gap:.1f} | {unbounded} |")
    print()

    print("| case 1, 4 clients: requests/s, median latency | size | 1 worker | 2 workers | 4 workers |")
    print("|---|---|---|---|---|")
    for name in next(iter(runs[0]["case1"]["concurrent"].values())):
        for run in runs:
            figures = [run["case1"]["concurrent"][workers][name] for workers in run["case1"]["concurrent"]]
            cells = [f"{row['requests_per_second']:.0f}/s, {row['latency']['median']:.1f} ms" for row in figures]
            print(f"| {name} | {size(run)} | " + " | ".join(cells) + " |")
    print()


def compare_case2(runs):
    print("| case 2 | first byte | total | floor: mariadb > /dev/null | total / floor | peak RSS growth |")
    print("|---|---|---|---|---|---|")
    for run in runs:
        case = run["case2"]
        ratio = case["total"]["median"] / case["floor_cli"]["median"]
        print(f"| {size(run)} | {cell(case['first_byte'])} | {cell(case['total'])} | {cell(case['floor_cli'])} | {ratio:.2f} | {case['peak_growth_mb']:.1f} MB |")
    print()


def compare_case4(runs):
    if not all(run.get("case4") for run in runs):
        print("Case 4 not measured: the app had no login page.\n")
        return
    print("| case 4 | whole file: first byte | whole file: total | last 10%: first byte | last 10%: total |")
    print("|---|---|---|---|---|")
    for run in runs:
        case = run["case4"]
        print(f"| {size(run)} | {cell(case['whole_first_byte'])} | {cell(case['whole_total'])} | {cell(case['range_first_byte'])} | {cell(case['range_total'])} |")
    print()


def compare_case5(runs):
    print("| case 5 | size | hashes per check | check_login in-process | API request | page login POST | page request |")
    print("|---|---|---|---|---|---|---|")
    for mode in [mode for mode in runs[0]["case5"] if mode != "hash_only"]:
        for run in runs:
            row = run["case5"][mode]
            login, page = (cell(row[key]) if key in row else "n/a" for key in ("page_login", "page_request"))
            print(
                f"| {mode} | {size(run)} | {row['hashes_per_check']} | {cell(row['check_login'])} | {cell(row['api_request'])} |"
                f" {login} | {page} |"
            )
    print()

    for run in runs:
        for cost, figures in run["case5"].get("hash_only", {}).items():
            print(f"- {size(run)}: hash alone at {cost}: {cell(figures)} ms")


def print_comparison(runs):
    """Print each case's figures for several runs (database sizes) side by side, for docs/benchmarks.md."""
    compare_case1(runs)
    compare_case2(runs)
    compare_case4(runs)
    compare_case5(runs)
    for run in runs:
        loads = [row["load"] for row in run["case1"]["sequential"].values()] + [run[key]["load"] for key in ("case2", "case4") if run.get(key)]
        print(f"- {size(run)}: load average (1 min) during the cases: {min(loads):.1f} to {max(loads):.1f}")


if __name__ == "__main__":
    import json
    import sys

    print_comparison([json.load(open(path)) for path in sys.argv[1:]])
