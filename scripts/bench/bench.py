#!/usr/bin/env python3
"""Whole-binary benchmark: throughput, per-document latency, peak memory, linearity.

Prints MB/s and documents/s over the generated corpus (scripts/bench/gen_corpus.py), the
latency of checking one seed document (whole process, startup included: p50/p95 over many
runs), peak resident memory, the speed-up from one job to --jobs, and the time for 1, 10 and
50 MB single files.

usage: scripts/bench/bench.py [--bin target/release/rasoat] [--data bench-data] [--jobs 2]
Run `cargo build --release` first. Figures vary ±10% on this shared machine: compare runs made
back to back. Wall time suffers most when other processes compete for the cores; the CPU time
(user + system, printed next to it) is the steadier figure to compare.
"""
import argparse
import pathlib
import re
import resource
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]


def children_cpu():
    """User + system CPU seconds of the finished child processes so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run_timed(cmd):
    """Run under /usr/bin/time -v when available; return (seconds, cpu_seconds, peak_kb)."""
    timev = pathlib.Path("/usr/bin/time")
    full = ([str(timev), "-v"] if timev.exists() else []) + cmd
    c0 = children_cpu()
    t0 = time.perf_counter()
    p = subprocess.run(full, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    dt = time.perf_counter() - t0
    cpu = children_cpu() - c0
    if p.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({p.returncode}):\n{p.stderr[-2000:]}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr)
    return dt, cpu, int(m.group(1)) if m else None


def size_of(path):
    if path.is_file():
        return path.stat().st_size, 1
    files = list(path.rglob("*.txt"))
    return sum(f.stat().st_size for f in files), len(files)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "rasoat"))
    ap.add_argument("--data", default=str(ROOT / "bench-data"))
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--latency-runs", type=int, default=50)
    args = ap.parse_args()
    data = pathlib.Path(args.data)
    if not (data / "many").exists():
        sys.exit(f"{data}/many missing: run scripts/bench/gen_corpus.py first")
    base = [args.bin, "check", "--format", "json", "--jobs", str(args.jobs)]

    nbytes, nfiles = size_of(data / "many")
    dt, cpu, peak = run_timed(base + [str(data / "many")])
    print(f"corpus: {nfiles} files, {nbytes / 1e6:.1f} MB, {args.jobs} jobs")
    print(
        f"  {nbytes / 1e6 / dt:.1f} MB/s, {nfiles / dt:.0f} documents/s, {dt:.2f} s "
        f"(CPU {cpu:.2f} s: {nbytes / 1e6 / cpu:.1f} MB per CPU-second), peak RSS {peak or '?'} kB"
    )

    if args.jobs > 1:
        # Scaling in cores: the same corpus on one thread. Ideal is `jobs` times the one-thread
        # rate; what falls short is start-up, the output thread and memory bandwidth.
        one = [args.bin, "check", "--format", "json", "--jobs", "1", str(data / "many")]
        dt1, _, _ = run_timed(one)
        print(
            f"  1 job: {nbytes / 1e6 / dt1:.1f} MB/s; {args.jobs} jobs are {dt1 / dt:.2f}x faster "
            f"(ideal {args.jobs}x)"
        )

    seeds = sorted((ROOT / "corpus" / "seeds").glob("*.txt"))
    lat = []
    c0 = children_cpu()
    for i in range(args.latency_runs):
        seed = seeds[i % len(seeds)]
        t0 = time.perf_counter()
        subprocess.run([args.bin, "check", "--format", "json", str(seed)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        lat.append((time.perf_counter() - t0) * 1000)
    cpu_ms = (children_cpu() - c0) * 1000 / max(1, args.latency_runs)
    lat.sort()
    p95 = lat[min(len(lat) - 1, int(len(lat) * 0.95))]
    print(
        f"one seed document, whole process: p50 {statistics.median(lat):.1f} ms, p95 {p95:.1f} ms "
        f"(mean CPU {cpu_ms:.1f} ms)"
    )

    # Startup alone: `rasoat rules` parses the packs and builds the registry, then lists it.
    lat = []
    c0 = children_cpu()
    for _ in range(args.latency_runs):
        t0 = time.perf_counter()
        subprocess.run([args.bin, "rules"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        lat.append((time.perf_counter() - t0) * 1000)
    cpu_ms = (children_cpu() - c0) * 1000 / max(1, args.latency_runs)
    lat.sort()
    print(f"startup (rasoat rules), whole process: p50 {statistics.median(lat):.1f} ms (mean CPU {cpu_ms:.1f} ms)")

    for mb in (1, 10, 50):
        f = data / f"single-{mb}mb.txt"
        if not f.exists():
            continue
        n, _ = size_of(f)
        dt, cpu, peak = run_timed(base + [str(f)])
        print(f"single {mb:>2} MB: {dt:.2f} s (CPU {cpu:.2f} s), {n / 1e6 / dt:.1f} MB/s, peak RSS {peak or '?'} kB")


if __name__ == "__main__":
    main()
