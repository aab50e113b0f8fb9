"""Time and peak memory of one over-long single-line article, read and analysed.

    python benchmarks/bench_long_article.py                 # 1.5 MB and 5 MB
    python benchmarks/bench_long_article.py --sizes 1.5 --unbounded   # the cost without the bound
    python benchmarks/bench_long_article.py --json

The article is Reuters-21578 story bodies from ../shared joined into one line (no
paragraph breaks, the worst case for cutting), written to a .txt file. Each size runs in
a fresh process that reads the file with the readers and analyses it with
`pipeline.process`, so the figures include loading the model (reported apart) and are
the peak RSS of that process alone. `--unbounded` lifts `nlp.MAX_ANALYSED_CHARS` to show
what the bound saves (1.5 MB took 221 s and 3.96 GB before it).
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "reuters21578"


def write_article(path: Path, megabytes: float) -> int:
    from newsevents.readers.reuters import read_reuters

    target = int(megabytes * 1_000_000)
    parts: list[str] = []
    size = 0
    for sgm in sorted(CORPUS.glob("reut2-*.sgm*")):
        opener = gzip.open if sgm.suffix == ".gz" else open
        with opener(sgm, "rb") as fh:
            text = fh.read().decode("utf-8", errors="replace")
        for item in read_reuters(text, sgm.name):
            if hasattr(item, "text"):
                body = " ".join(item.text.split())
                parts.append(body)
                size += len(body) + 1
                if size >= target:
                    path.write_text(" ".join(parts)[:target], encoding="utf-8")
                    return target
    raise SystemExit(f"the corpus holds less than {megabytes} MB of story text")


def measure_one(path: str, unbounded: bool) -> dict:
    """Runs in the child process."""
    from newsevents import nlp as nlp_model
    from newsevents.pipeline import process
    from newsevents.readers import read_inputs

    if unbounded:
        nlp_model.MAX_ANALYSED_CHARS = 10**9
    t0 = time.perf_counter()
    nlp_model.load()
    load_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    (article,) = list(read_inputs([path]))
    result = process(article)
    seconds = time.perf_counter() - t1
    return {
        "chars": len(article.text),
        "analysed_chars": result.article.analysed_chars or len(article.text),
        "events": len(result.events),
        "model_load_s": round(load_s, 2),
        "article_s": round(seconds, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", default=[1.5, 5.0], help="Article sizes in MB.")
    parser.add_argument("--unbounded", action="store_true", help="Analyse the whole text (slow: minutes, GBs).")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure_one(args.child, args.unbounded)))
        return
    if not CORPUS.exists():
        print(f"skipped: {CORPUS} not present")
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.sizes:
            path = Path(tmp) / f"long-{mb}mb.txt"
            write_article(path, mb)
            cmd = [sys.executable, __file__, "--child", str(path)] + (["--unbounded"] if args.unbounded else [])
            out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
            rows.append({"size_mb": mb, "unbounded": args.unbounded, **json.loads(out.splitlines()[-1])})
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    for r in rows:
        print(
            f"{r['size_mb']:>4} MB ({r['chars']:,} chars, {r['analysed_chars']:,} analysed): "
            f"{r['article_s']:.1f} s for the article (+{r['model_load_s']:.1f} s model load), "
            f"peak RSS {r['peak_rss_mb']} MB, {r['events']} events"
        )


if __name__ == "__main__":
    main()
