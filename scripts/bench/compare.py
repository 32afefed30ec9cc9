#!/usr/bin/env python3
"""Side-by-side: rasoat vs the tools a user would pick instead, on the same files, in one run.

- typos-cli (crates.io), installed with `cargo install --root .cache/tools` when absent;
- textlint + textlint-rule-prh (npm), installed into .cache/tools/node when absent.
Both are configured from the same confusion pairs as rules/spelling.toml. typos matches single
words only, so it gets each pair's differing syllables (wrong → right); prh gets whole phrases.
Not run in CI (it installs tools); it prints MB/s, single-document startup and the ratios.

usage: scripts/bench/compare.py [--data bench-data/many] [--jobs 2]
"""
import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import time
import tomllib

ROOT = pathlib.Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache" / "tools"


def pairs():
    data = tomllib.loads((ROOT / "rules" / "spelling.toml").read_text(encoding="utf-8"))
    for entry in data.get("confusion", []):
        for right in entry["right"][:1]:
            yield entry["wrong"], right


def ensure_typos():
    exe = shutil.which("typos") or (CACHE / "bin" / "typos")
    if pathlib.Path(exe).exists():
        return str(exe)
    subprocess.run(["cargo", "install", "--locked", "typos-cli", "--root", str(CACHE)], check=True)
    return str(CACHE / "bin" / "typos")


def ensure_textlint():
    node = CACHE / "node"
    exe = node / "node_modules" / ".bin" / "textlint"
    if not exe.exists():
        node.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(node), "textlint", "textlint-rule-prh"], check=True)
    return str(exe)


def write_configs(workdir):
    words = {}
    prh = ["version: 1", "rules:"]
    for wrong, right in pairs():
        for w, r in zip(wrong.split(), right.split()):
            if w != r:
                words[w] = r
        prh += [f"  - expected: {json.dumps(right, ensure_ascii=False)}", f"    pattern: {json.dumps(wrong, ensure_ascii=False)}"]
    typos_cfg = workdir / "typos.toml"
    typos_cfg.write_text(
        "[default.extend-words]\n" + "".join(f"{json.dumps(w, ensure_ascii=False)} = {json.dumps(r, ensure_ascii=False)}\n" for w, r in words.items()),
        encoding="utf-8",
    )
    (workdir / "prh.yml").write_text("\n".join(prh) + "\n", encoding="utf-8")
    (workdir / ".textlintrc.json").write_text(json.dumps({"rules": {"prh": {"rulePaths": [str(workdir / "prh.yml")]}}}), encoding="utf-8")
    return typos_cfg, workdir / ".textlintrc.json"


def timed(cmd, cwd=None):
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd)
    return time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT / "bench-data" / "many"))
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "rasoat"))
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    data = pathlib.Path(args.data)
    files = sorted(data.rglob("*.txt"))
    if not files:
        sys.exit(f"no files in {data}: run scripts/bench/gen_corpus.py")
    nbytes = sum(f.stat().st_size for f in files)
    work = CACHE / "compare"
    work.mkdir(parents=True, exist_ok=True)
    typos_cfg, textlintrc = write_configs(work)
    typos, textlint = ensure_typos(), ensure_textlint()
    seed = str(sorted((ROOT / "corpus" / "seeds").glob("*.txt"))[0])

    # textlint on 5,000 files takes many minutes: time it on a sample and scale.
    sample = files[: max(1, len(files) // 20)]
    sample_bytes = sum(f.stat().st_size for f in sample)
    results = {
        "rasoat": (nbytes / timed([args.bin, "check", "--format", "json", "--jobs", str(args.jobs), str(data)]),
                   timed([args.bin, "check", "--format", "json", seed])),
        "typos": (nbytes / timed([typos, "--config", str(typos_cfg), "--threads", str(args.jobs), "--format", "json", str(data)]),
                  timed([typos, "--config", str(typos_cfg), "--format", "json", seed])),
        "textlint+prh": (sample_bytes / timed([textlint, "--config", str(textlintrc), *map(str, sample)]),
                         timed([textlint, "--config", str(textlintrc), seed])),
    }
    print(f"{len(files)} files, {nbytes / 1e6:.1f} MB, {args.jobs} threads")
    for name, (bps, start) in results.items():
        print(f"  {name:<13} {bps / 1e6:8.1f} MB/s   one document {start * 1000:7.1f} ms")
    ours = results["rasoat"]
    for name in ("typos", "textlint+prh"):
        other = results[name]
        print(f"  rasoat vs {name}: {ours[0] / other[0]:.2f}x throughput, {other[1] / ours[1]:.2f}x faster start")


if __name__ == "__main__":
    main()
