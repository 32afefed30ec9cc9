#!/usr/bin/env python3
"""Generate the benchmark corpus (not committed) from the documents in the repository.

Replicates and varies corpus/dev and corpus/seeds up to about 100 MB in about 5,000 files, and
writes single files of 1, 10 and 50 MB for the linear-cost curve. Variation keeps the text
realistic while defeating any caching: paragraphs are shuffled within a document, numbers are
changed, and a few syllables get a tone slip.

usage: scripts/bench/gen_corpus.py [--out bench-data] [--total-mb 100] [--files 5000]
"""
import argparse
import pathlib
import random
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
TONE_SLIPS = {"ả": "ã", "ã": "ả", "ẻ": "ẽ", "ẽ": "ẻ", "ỏ": "õ", "õ": "ỏ", "ủ": "ũ", "ũ": "ủ"}


def sources():
    files = sorted((ROOT / "corpus" / "dev").glob("*.txt")) + sorted((ROOT / "corpus" / "seeds").glob("*.txt"))
    return [f.read_text(encoding="utf-8") for f in files]


def vary(text, rng):
    paras = text.split("\n\n")
    head, body = paras[:8], paras[8:]
    # Shuffle small windows of the body so structure stays plausible.
    for i in range(0, len(body) - 3, 7):
        window = body[i : i + 3]
        rng.shuffle(window)
        body[i : i + 3] = window
    out = "\n\n".join(head + body)
    out = re.sub(r"\b(\d{1,2})%", lambda m: f"{rng.randint(5, 99)}%", out)
    chars = list(out)
    for _ in range(max(1, len(chars) // 5000)):
        j = rng.randrange(len(chars))
        chars[j] = TONE_SLIPS.get(chars[j], chars[j])
    return "".join(chars)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "bench-data"))
    ap.add_argument("--total-mb", type=float, default=100)
    ap.add_argument("--files", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    docs = sources()
    out = pathlib.Path(args.out)
    many = out / "many"
    many.mkdir(parents=True, exist_ok=True)
    target = int(args.total_mb * 1e6)
    per_file = target // args.files
    total = 0
    for i in range(args.files):
        text = ""
        while len(text.encode()) < per_file * 0.6:
            text += vary(rng.choice(docs), rng) + "\n\n"
        data = text.encode()
        # Long documents are cut at a paragraph boundary so the corpus size stays near its target.
        if len(data) > per_file * 1.6:
            cut = data.rfind(b"\n\n", 0, int(per_file * 1.6))
            data = data[: cut if cut > 0 else len(data)]
        (many / f"doc{i:05}.txt").write_bytes(data)
        total += len(data)
    print(f"{many}: {args.files} files, {total / 1e6:.1f} MB")
    for mb in (1, 10, 50):
        parts, size = [], 0
        while size < mb * 1_000_000:
            t = vary(rng.choice(docs), rng) + "\n\n"
            parts.append(t)
            size += len(t.encode())
        path = out / f"single-{mb}mb.txt"
        path.write_text("".join(parts), encoding="utf-8")
        print(f"{path}: {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
