"""Markdown tables of a run's figures: median (p10–p90) in milliseconds unless named otherwise."""
from benchmarks.stats import Summary


def cell(figures):
    return Summary(**figures).cell()


def print_case1(case):
    print("\n### Case 1: typical lookups, one worker, sequential (ms)\n")
    print("| lookup | rows | app | floor: same SQL, one connection | floor + connect per request |")
    print("|---|---|---|---|---|")
    for name, row in case["sequential"].items():
        print(f"| {name} | {row['rows']} | {cell(row['app'])} | {cell(row['floor'])} | {cell(row['connect_floor'])} |")
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
        login = cell(row["page_login"]) if "page_login" in row else "n/a"
        page = cell(row["page_request"]) if "page_request" in row else "n/a"
        print(f"| {name} | {row['hashes_per_check']} | {cell(row['check_login'])} | {cell(row['api_request'])} | {login} | {page} |")


def print_tables(results):
    machine = results["machine"]
    print(f"## {results['database']}: {machine['recording_log_rows']:,} rows in recording_log")
    print(f"\n{machine['cpus']} CPUs ({machine['cpu_model']}), {machine['memory']} memory, MariaDB {machine['mariadb']}")
    print(f"Sample: {results['sample']}")
    printers = {"case1": print_case1, "case2": print_case2, "case4": print_case4, "case5": print_case5}
    for key, printer in printers.items():
        if results.get(key):
            printer(results[key])
