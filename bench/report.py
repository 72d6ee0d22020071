#!/usr/bin/env python3
"""The markdown of bench/run's sections check-scaling, ledger, server and disclosure.

Each section's script runs the programs it measures and keeps what they print in a folder; this
file is the one place that reads those outputs (the lines of `Comity.Benchmarks ledger ...`,
openssl, dd, wrk, /usr/bin/time, BenchmarkDotNet's JSON), so when a program's wording changes
only this file follows it. A line that no longer matches stops the report with the file and the
line, rather than printing a wrong figure.

    python3 bench/report.py SECTION FOLDER --load "LOAD AVERAGES" [--seconds S]
"""
import argparse
import glob
import json
import os
import re
import statistics
import sys
from datetime import datetime, timezone


# ---- numbers as the other reports write them (bench/Comity.Anchors/Report/Format.cs)

def n(x):
    return f"{round(x):,}"


def us(micros):
    if micros >= 100:
        return f"{micros:,.0f} µs"
    return f"{micros:.1f} µs" if micros >= 10 else f"{micros:.2f} µs"


def ms(millis):
    return f"{millis:,.0f} ms" if millis >= 100 else f"{millis:.1f} ms" if millis >= 10 else f"{millis:.2f} ms"


def seconds(s):
    return f"{s:.2f} s" if s < 10 else f"{s:.1f} s"


def times(ratio):
    return f"{ratio:,.0f}×" if ratio >= 10 else f"{ratio:.1f}×"


def median(values):
    return statistics.median(values)


def met(ok):
    return "**met**" if ok else "**not met**"


# ---- reading what the programs print

def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def match(pattern, text, where):
    m = re.search(pattern, text)
    if not m:
        sys.exit(f"bench/report.py: {where}: no match for /{pattern}/ in:\n{text.strip()[:500]}")
    return m


def time_runs(path):
    """Lines 'LABEL WALL USER SYS' (/usr/bin/time -f '%e %U %S'): {label: [(wall, cpu), ...]} in order."""
    runs = {}
    for line in read(path).splitlines():
        label, wall, user, sys_ = line.split()
        runs.setdefault(label, []).append((float(wall), float(user) + float(sys_)))
    return runs


def appends_line(line, where):
    """A line of `Comity.Benchmarks ledger appends`: count, seconds, CPU µs per append, appends per sync, body bytes."""
    count = int(match(r"appends (\d+)", line, where).group(1))
    secs = float(match(r": ([\d.]+) s,", line, where).group(1))
    cpu = float(match(r"([\d.]+) µs CPU per append", line, where).group(1))
    per_sync = match(r"~(\d+) per sync", line, where).group(1)
    body = match(r"body ~(\d+) B", line, where).group(1)
    return {"count": count, "rate": count / secs, "cpu": cpu, "per_sync": int(per_sync), "body": int(body)}


def verify_line(line, where):
    m = match(r"verify (\d+) entries, (\d+) checkpoints: ([\d.]+) s \(([\d.]+) s CPU\), (\S+)", line, where)
    if m.group(5) != "ok":
        sys.exit(f"bench/report.py: {where}: the verification failed: {line}")
    return {"entries": int(m.group(1)), "checkpoints": int(m.group(2)), "wall": float(m.group(3)), "cpu": float(m.group(4))}


def openssl_sha256(text, where):
    """MB/s (10^6 bytes) per block size from `openssl speed -evp sha256` ('k' is 1,000 bytes per second)."""
    sizes = [int(s) for s in re.findall(r"(\d+) bytes", match(r"type.*", text, where).group(0))]
    values = match(r"(?m)^sha256\s+(.*)$", text, where).group(1).split()
    return {size: float(v.rstrip("k")) / 1000 for size, v in zip(sizes, values)}


def wrk_output(text, where):
    """Requests per second, latency percentiles in ms, non-2xx responses and socket errors from `wrk --latency`."""
    unit = {"us": 0.001, "ms": 1.0, "s": 1000.0}

    def latency(p):
        m = match(rf"(?m)^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", text, where)
        return float(m.group(1)) * unit[m.group(2)]

    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    return {
        "rps": float(match(r"Requests/sec:\s+([\d.]+)", text, where).group(1)),
        "p50": latency(50), "p90": latency(90), "p99": latency(99),
        "non2xx": int(non2xx.group(1)) if non2xx else 0,
        "errors": sum(int(g) for g in errors.groups()) if errors else 0,
    }


def header(load):
    return f"Run of {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; load average (1, 5, 15 min) {load}.\n"


# ---- the sections

def check_scaling(folder, args):
    runs = time_runs(os.path.join(folder, "runs.txt"))
    stacks = dict(line.split(maxsplit=1) for line in read(os.path.join(folder, "stacks.txt")).splitlines())
    out = [header(args.load)]
    out.append("| stack | rules | periods | classes of requests | runs (wall, s) | **median wall** | median CPU |")
    out.append("|---|---:|---:|---:|---|---:|---:|")
    rows = {}
    for label, measured in runs.items():
        report = json.loads(read(os.path.join(folder, f"report-{label}.json")))
        rules = sum(line.startswith("rule ") for path in glob.glob(os.path.join(stacks[label], "**", "*.law"), recursive=True)
                    for line in read(path).splitlines())
        wall = median(w for w, _ in measured)
        cpu = median(c for _, c in measured)
        rows[label] = (rules, cpu)
        name = "Los Angeles (`stacks/us/ca/los-angeles`)" if label == "los-angeles" else f"generated, {n(int(label))} rules"
        out.append(f"| {name} | {n(rules)} | {n(report['periods'])} | {n(report['classes'])} | {', '.join(f'{w:.2f}' for w, _ in measured)} "
                   f"| **{seconds(wall)}** | {seconds(cpu)} |")
    timeouts_path = os.path.join(folder, "timeouts.txt")
    timeouts = dict(line.split() for line in read(timeouts_path).splitlines()) if os.path.exists(timeouts_path) else {}
    for label, limit in timeouts.items():
        out.append(f"| generated, {n(int(label))} rules | | | | did not finish within {limit} s | | |")
    out.append("")
    if "1000" in runs:
        wall = median(w for w, _ in runs["1000"])
        out.append(f"Target: `check` of 1,000 generated rules under 60 s: {seconds(wall)} median wall, {met(wall < 60)}.")
    elif "1000" in timeouts:
        out.append(f"Target: `check` of 1,000 generated rules under 60 s: **not met** (it did not finish within {timeouts['1000']} s).")
    generated = sorted((label for label in rows if label != "los-angeles"), key=int)
    if len(generated) > 1:
        first, last = generated[0], generated[-1]
        out.append(f"From {n(int(first))} to {n(int(last))} generated rules ({times(int(last) / int(first))}), the check's CPU time grew "
                   f"{times(rows[last][1] / rows[first][1])} (process start and stack loading included, about the first row's time).")
    if "los-angeles" in runs:
        wall = median(w for w, _ in runs["los-angeles"])
        out.append(f"Target: `check` of the Los Angeles stack under 10 seconds on this 2-core machine: {seconds(wall)} median wall, {met(wall < 10)}.")
    return "\n".join(out) + "\n"


def ledger(folder, args):
    path = lambda name: os.path.join(folder, name)
    sha = openssl_sha256(read(path("openssl.txt")), "openssl.txt")
    fsync = read(path("fsync.txt"))
    fsync_median = float(match(r"median ([\d.]+) µs", fsync, "fsync.txt").group(1))
    dd = match(r"(\d+) bytes .*copied, ([\d.]+) s", read(path("dd.txt")), "dd.txt")
    dd_bytes, dd_secs = int(dd.group(1)), float(dd.group(2))
    out = [header(args.load)]
    out.append("| this machine, same run | |")
    out.append("|---|---:|")
    out.append(f"| `openssl speed -evp sha256`, 64 B / 1 KiB / 16 KiB blocks | {n(sha[64])} / {n(sha[1024])} / {n(sha[16384])} MB/s |")
    out.append(f"| 4 KiB append + `Flush(true)`, median of 1,000 | {us(fsync_median)} ({n(1e6 / fsync_median)} syncs/s) |")
    out.append(f"| `dd bs=4k count={dd_bytes // 4096} oflag=dsync` | {dd_bytes / dd_secs / 1e6:.1f} MB/s, {us(dd_secs * 1e6 / (dd_bytes // 4096))} a sync |")
    out.append("")

    out.append("| entries | durable: runs (appends/s) | **median** | CPU per append | appends per sync | not durable (tmpfs): **median** | CPU per append | durable / not durable |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|")
    durable_decision = None
    for kind in ("decision", "small"):
        modes = {}
        for mode in ("durable", "tmpfs"):
            name = f"appends-{mode}-{kind}.txt"
            modes[mode] = [appends_line(line, name) for line in read(path(name)).splitlines() if line.strip()]
        d, t = modes["durable"], modes["tmpfs"]
        rate_d, rate_t = median(r["rate"] for r in d), median(r["rate"] for r in t)
        if kind == "decision":
            durable_decision = rate_d
        body = d[0]["body"]
        label = f"decision (~{n(body)} B body)" if kind == "decision" else f"small (~{n(body)} B body)"
        out.append(f"| {label}, {n(d[0]['count'])} a run | {', '.join(n(r['rate']) for r in d)} | **{n(rate_d)}** "
                   f"| {us(median(r['cpu'] for r in d))} | ~{n(median(r['per_sync'] for r in d))} | **{n(rate_t)}** "
                   f"| {us(median(r['cpu'] for r in t))} | {rate_d / rate_t:.0%} |")
    out.append("")

    bdn = glob.glob(path("bdn/results/*.json"))
    if not bdn:
        sys.exit(f"bench/report.py: no BenchmarkDotNet JSON in {path('bdn/results')}; see {path('bdn.log')}")
    benchmarks = json.loads(read(bdn[0]))["Benchmarks"]
    out.append("| proof, tree of 1,000,000 leaves | median | mean | allocated |")
    out.append("|---|---:|---:|---:|")
    inclusion = None
    for b in benchmarks:
        stats, memory = b["Statistics"], b.get("Memory") or {}
        if b["Method"] == "InclusionProof_1M":
            inclusion = stats["Median"] / 1000
        allocated = memory.get("BytesAllocatedPerOperation")
        out.append(f"| `{b['Method']}` | {us(stats['Median'] / 1000)} | {us(stats['Mean'] / 1000)} | {'' if allocated is None else f'{allocated:,} B'} |")
    out.append("")

    build = appends_line(read(path("big.txt")), "big.txt")
    verifies = [verify_line(line, "verify.txt") for line in read(path("verify.txt")).splitlines() if line.strip()]
    wall, cpu = median(v["wall"] for v in verifies), median(v["cpu"] for v in verifies)
    entries = verifies[0]["entries"]
    out.append(f"Full verification of {n(entries)} decision entries ({n(int(read(path('big-mb.txt'))))} MB database, "
               f"{n(verifies[0]['checkpoints'])} signed checkpoints; built in {seconds(build['count'] / build['rate'])}, "
               f"{n(build['rate'])} appends/s not durable): runs {', '.join(seconds(v['wall']) for v in verifies)}, "
               f"**{seconds(wall)} median** wall for {seconds(cpu)} of CPU ({us(cpu * 1e6 / entries)} per entry).")
    out.append("")
    out.append(f"Targets: 50,000 durable appends per second with group commit: {n(durable_decision)} for decisions, {met(durable_decision >= 50000)}. "
               + (f"Inclusion proof under 20 µs: {us(inclusion)}, {met(inclusion < 20)}. " if inclusion is not None else "")
               + (f"Full verification of 1,000,000 entries under 5 s: {seconds(wall)}, {met(wall < 5)}." if entries >= 1_000_000
                  else f"Full verification: only {n(entries)} entries in this run (BENCH_QUICK)."))
    return "\n".join(out) + "\n"


def server(folder, args):
    path = lambda name: os.path.join(folder, name)
    out = [header(args.load)]
    out.append("| endpoint | runs (requests/s) | **median requests/s** | recorded/s | p50 | p90 | p99 | non-2xx | socket errors |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    medians = {}
    rows = [("healthz", "HTTP ceiling: `GET /healthz`"), ("decisions", "with the ledger: `POST /api/v1/decisions`"),
            ("evaluations", "without the ledger: `POST /api/v1/evaluations`")]
    for name, label in rows:
        files = sorted(glob.glob(path(f"wrk-{name}-*.txt")))
        if not files:
            status = read(path("evaluations-status.txt")).strip() if name == "evaluations" else "?"
            out.append(f"| {label} | not built yet (the server answers HTTP {status}) | | | | | | | |")
            continue
        runs = [wrk_output(read(f), os.path.basename(f)) for f in files]
        recorded = [int(read(f).strip()) / args.seconds for f in sorted(glob.glob(path(f"recorded-{name}-*.txt")))]
        medians[name] = median(r["rps"] for r in runs)
        out.append(f"| {label} | {', '.join(n(r['rps']) for r in runs)} | **{n(medians[name])}** "
                   f"| {n(median(recorded)) if name == 'decisions' else ''} "
                   f"| {ms(median(r['p50'] for r in runs))} | {ms(median(r['p90'] for r in runs))} | {ms(median(r['p99'] for r in runs))} "
                   f"| {sum(r['non2xx'] for r in runs)} | {sum(r['errors'] for r in runs)} |")
        if name == "decisions":
            decisions = (median(recorded), median(r["p99"] for r in runs))
    out.append("")
    ratios = []
    if "evaluations" in medians:
        ratios.append(f"the ledger costs {1 - medians['decisions'] / medians['evaluations']:.0%} of the rate without it "
                      f"(with / without: {medians['decisions'] / medians['evaluations']:.2f})")
    if "healthz" in medians:
        ratios.append(f"with the ledger the server answers {medians['decisions'] / medians['healthz']:.1%} of its HTTP ceiling"
                      + (f", without it {medians['evaluations'] / medians['healthz']:.1%}" if "evaluations" in medians else ""))
    if ratios:
        out.append("Ratios in the same run: " + "; ".join(ratios) + ".")
    out.append(f"Target: at least 5,000 recorded decisions per second with p99 under 50 ms: {n(decisions[0])} per second, "
               f"p99 {ms(decisions[1])}, {met(decisions[0] >= 5000 and decisions[1] < 50)}.")
    return "\n".join(out) + "\n"


def cluster(folder, args):
    path = lambda name: os.path.join(folder, name)
    out = [header(args.load)]
    out.append("| set-up | runs (recorded/s) | **median recorded/s** | p50 | p90 | p99 | non-2xx | socket errors |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|")
    figures = {}
    for name, label in [("sqlite", "one server on SQLite"), ("postgres", "two servers on PostgreSQL, haproxy")]:
        files = sorted(glob.glob(path(f"wrk-{name}-*.txt")))
        runs = [wrk_output(read(f), os.path.basename(f)) for f in files]
        recorded = [int(read(f).strip()) / args.seconds for f in sorted(glob.glob(path(f"recorded-{name}-*.txt")))]
        figures[name] = (median(recorded), median(r["p99"] for r in runs))
        out.append(f"| {label} | {', '.join(n(r) for r in recorded)} | **{n(figures[name][0])}** "
                   f"| {ms(median(r['p50'] for r in runs))} | {ms(median(r['p90'] for r in runs))} | {ms(figures[name][1])} "
                   f"| {sum(r['non2xx'] for r in runs)} | {sum(r['errors'] for r in runs)} |")
    out.append("")
    (sqlite, _), (postgres, p99) = figures["sqlite"], figures["postgres"]
    out.append(f"Ratio in the same run: two servers on PostgreSQL record {postgres / sqlite:.2f} times what one on SQLite does.")
    out.append(f"Target: two servers on PostgreSQL at least as fast as one on SQLite, p99 under 50 ms: "
               f"{n(postgres)} against {n(sqlite)} a second, p99 {ms(p99)}, {met(postgres >= sqlite and p99 < 50)}.")
    return "\n".join(out) + "\n"


def disclosure(folder, args):
    path = lambda name: os.path.join(folder, name)
    files = {line.split()[0]: line.split()[1:] for line in read(path("files.txt")).splitlines()}
    size, rows, columns = (int(x) for x in files["input"])
    out_size, kept, digest = int(files["output"][0]), int(files["output"][1]), files["output"][2]
    python_version, csvhelper_version = files["versions"]
    runs = time_runs(path("runs.txt"))
    mb = size / 1e6
    names = {"comity": "`comity redact` (whole job)", "csvhelper": f"CsvHelper {csvhelper_version} (cut only)", "python": f"Python {python_version} csv (cut only)"}
    out = [header(args.load)]
    out.append(f"Input: {n(size)} bytes, {n(rows)} rows, {columns} columns; kept {kept}. Output: {n(out_size)} bytes, "
               f"identical from all three (SHA-256 `{digest[:8]}...{digest[-6:]}`, as the manifest records).")
    out.append("")
    out.append("| program | runs (MB/s wall) | **median MB/s** | ratio | runs (MB per CPU-second) | **median MB per CPU-second** | ratio |")
    out.append("|---|---|---:|---:|---|---:|---:|")
    wall = {t: median(mb / w for w, _ in r) for t, r in runs.items()}
    cpu = {t: median(mb / c for _, c in r) for t, r in runs.items()}
    for tool, measured in runs.items():
        out.append(f"| {names[tool]} | {', '.join(f'{mb / w:.1f}' for w, _ in measured)} | **{wall[tool]:.1f}** | {times(wall['comity'] / wall[tool])} "
                   f"| {', '.join(f'{mb / c:.1f}' for _, c in measured)} | **{cpu[tool]:.1f}** | {times(cpu['comity'] / cpu[tool])} |")
    out.append("")
    out.append("Ratio: Comity's median rate over the program's, in the same run.")
    out.append(f"Target: at least 300 MB/s on one core: {wall['comity']:.1f} MB/s wall, {cpu['comity']:.1f} MB per CPU-second, "
               f"{met(wall['comity'] >= 300)} by wall time.")
    return "\n".join(out) + "\n"


def replay(folder, args):
    path = lambda name: os.path.join(folder, name)
    runs = time_runs(path("runs.txt"))
    history = match(r"recorded (\d+) decisions \(body ~(\d+) B\)", read(path("history.txt")), "history.txt")
    decisions, body = int(history.group(1)), int(history.group(2))
    replayed = json.loads(read(path("replay.json")))
    reproduced = json.loads(read(path("reproduce.json")))
    if replayed["replayed"] != decisions or reproduced["decisions"] != decisions or not reproduced["reproduced"]:
        sys.exit(f"bench/report.py: replay: {decisions} recorded, but replay decided {replayed['replayed']} again and reproduce "
                 f"{reproduced['decisions']} (reproduced: {reproduced['reproduced']})")
    out = [header(args.load)]
    out.append(f"{n(decisions)} recorded decisions (~{n(body)} B bodies; `ledger.db` {n(int(read(path('ledger-mb.txt')).strip()))} MB); "
               f"the replay finds {n(replayed['changed'])} cases that would change outcome.")
    out.append("")
    out.append("| command | runs (wall, s) | **median wall** | median CPU | decisions/s (wall) |")
    out.append("|---|---|---:|---:|---:|")
    walls = {}
    for label in ("replay", "reproduce"):
        measured = runs[label]
        wall = walls[label] = median(w for w, _ in measured)
        out.append(f"| `{'replay --stack COPY' if label == 'replay' else 'ledger reproduce'}` | {', '.join(f'{w:.2f}' for w, _ in measured)} "
                   f"| **{seconds(wall)}** | {seconds(median(c for _, c in measured))} | {n(decisions / wall)} |")
    out.append("")
    ratio = walls["reproduce"] / walls["replay"]
    scale = 1_000_000 / decisions
    out.append(f"Targets: replay of 1,000,000 recorded decisions under 20 s: {seconds(walls['replay'])} for {n(decisions)}"
               + (f" (about {seconds(walls['replay'] * scale)} scaled to 1,000,000, not measured)" if decisions != 1_000_000 else "")
               + f", {met(walls['replay'] * scale < 20)}; reproduce within 2x of replay: {ratio:.2f}x, {met(ratio <= 2)}.")
    return "\n".join(out) + "\n"


def reports(folder, args):
    path = lambda name: os.path.join(folder, name)
    history = match(r"recorded (\d+) decisions \(body ~(\d+) B\)", read(path("history.txt")), "history.txt")
    decisions, body = int(history.group(1)), int(history.group(2))
    more = int(match(r"recorded (\d+) decisions", read(path("more.txt")), "more.txt").group(1))
    generated = float(read(path("history-time.txt")).split()[0])
    keeping = float(match(r"reports' projection: .* in ([0-9.]+) s", read(path("history.txt")), "history.txt").group(1))
    kept_mb = int(read(path("projection-bytes.txt")).split()[0]) / 1024 / 1024
    out = [header(args.load)]
    out.append(f"{n(decisions)} recorded decisions (~{n(body)} B bodies; `ledger.db` {n(int(read(path('ledger-mb.txt')).strip()))} MB), "
               f"recorded in {seconds(generated)} ({seconds(generated * 1_000_000 / decisions)} per million), of which keeping the reports' "
               f"projection in step took {seconds(keeping)} (wall, in one pass after the recording, as the server's keeper would over its "
               f"passes); the kept projection is {n(kept_mb)} MB.")
    out.append("")
    out.append("| report | **wall** | CPU | peak memory | decisions/s (wall) |")
    out.append("|---|---:|---:|---:|---:|")
    names = {
        "truth-act": ("truth-act", "`Reports_TruthAct_TenMillion`" if decisions == 10_000_000 else ""),
        "sb54": ("sb54", ""),
        "transparency": ("transparency", ""),
        "compliance": ("compliance", "reads only the entries the kept projection names"),
        "truth-act-rebuild": ("truth-act --checkpoint", "a rebuild: replays the ledger, outside the bound"),
        "truth-act-caught-up": ("truth-act", f"after {n(more)} more decisions without the keeper: catches up from the kept stamp"),
    }
    worst = 0.0
    peak = 0
    rows = {}
    for line in read(path("runs.txt")).splitlines():
        label, wall, user, sys_, rss = line.split()
        wall, cpu, rss = float(wall), float(user) + float(sys_), int(rss)
        rows[label] = wall
        if label in ("truth-act", "sb54", "transparency", "compliance", "truth-act-caught-up"):
            worst, peak = max(worst, wall), max(peak, rss)
        command, note = names.get(label, (label, ""))
        out.append(f"| `comity report {command}`{' (' + note + ')' if note else ''} | **{seconds(wall)}** | {seconds(cpu)} | {n(rss // 1024)} MiB | {n(decisions / wall)} |")
    out.append("")
    if decisions == 10_000_000:
        out.append(f"`Reports_TruthAct_TenMillion`: {seconds(rows.get('truth-act', 0))} wall, {met(rows.get('truth-act', 0) < 60)}.")
        out.append(f"Target: each report (R1, R2, R3, compliance) over 10,000,000 recorded decisions, from the kept projection, under 60 s within 2 GiB: "
                   f"slowest {seconds(worst)}, {met(worst < 60)}; peak memory {n(peak // 1024)} MiB, {met(peak < 2 * 1024 * 1024)}.")
    else:
        out.append(f"Target: each report (R1, R2, R3, compliance) over 10,000,000 recorded decisions, from the kept projection, under 60 s within 2 GiB: "
                   f"not judged, this run recorded {n(decisions)} (slowest {seconds(worst)}, peak memory {n(peak // 1024)} MiB).")
    out.append(f"Outside the target: a rebuild at an earlier checkpoint, which replays the whole ledger ({seconds(rows.get('truth-act-rebuild', 0))}).")
    return "\n".join(out) + "\n"


def main():
    sections = {"check-scaling": check_scaling, "replay": replay, "ledger": ledger, "server": server, "cluster": cluster, "disclosure": disclosure, "reports": reports}
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("section", choices=sections)
    parser.add_argument("folder")
    parser.add_argument("--load", default="unknown")
    parser.add_argument("--seconds", type=float, default=0, help="the length of each wrk run (server)")
    args = parser.parse_args()
    sys.stdout.write(sections[args.section](args.folder, args))


if __name__ == "__main__":
    main()
