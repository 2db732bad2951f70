"""How costs grow with the size of the input: long version diffs, and responses of many paragraphs.

For each figure, the time at each size (median of three runs) and the growth exponent k in t ~ n^k between
the smallest and largest size (1 is linear, 2 quadratic). Prints a table and writes bench/results/growth.json.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from reliability.test_growth import big_response, long_text  # noqa: E402

from policydesk.diff import diff_words  # noqa: E402
from policydesk.drift import drift  # noqa: E402
from policydesk.render.pipeline import render_to_bytes  # noqa: E402
from policydesk.response_checks import check_response  # noqa: E402
from policydesk.store.knowledge_base import load_knowledge_base  # noqa: E402
from policydesk.store.response_file import read_response  # noqa: E402


def median(work, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def exponent(times: dict[int, float]) -> float:
    (n1, t1), (n2, t2) = min(times.items()), max(times.items())
    return math.log(t2 / t1) / math.log(n2 / n1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(9)
    word_sizes = (5_000, 20_000, 50_000) if not args.quick else (2_000, 8_000)
    paragraph_sizes = (10_000, 30_000, 100_000) if not args.quick else (1_000, 4_000)
    figures: dict[str, dict[int, float]] = {"diff (words)": {}}
    for words in word_sizes:
        old = long_text(words, rng)
        new = " ".join(w if rng.random() > 0.05 else "changed" for w in old.split(" "))
        figures["diff (words)"][words] = median(lambda old=old, new=new: diff_words(old, new), args.repeat)
    library = load_knowledge_base(REPO / "tests" / "data" / "kb-small").library
    for name in ("check", "drift", "render"):
        figures[f"{name} (paragraphs)"] = {}
    with tempfile.TemporaryDirectory() as folder:
        for paragraphs in paragraph_sizes:
            path = big_response(Path(folder), paragraphs)
            response = read_response(path).response
            figures["check (paragraphs)"][paragraphs] = median(
                lambda path=path: check_response(read_response(path), library), args.repeat
            )
            figures["drift (paragraphs)"][paragraphs] = median(lambda r=response: drift(r, library), args.repeat)
            figures["render (paragraphs)"][paragraphs] = median(
                lambda r=response: render_to_bytes(r, library), args.repeat
            )
            print(f"  measured {paragraphs:,} paragraphs", file=sys.stderr)
    print(f"{'figure':<22}" + "".join(f"{'size':>10}{'seconds':>9}" for _ in word_sizes) + f"{'exponent':>10}")
    for name, times in figures.items():
        cells = "".join(f"{n:>10,}{t:>9.2f}" for n, t in sorted(times.items()))
        print(f"{name:<22}{cells}{exponent(times):>10.2f}")
    out = REPO / "bench" / "results" / "growth.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {name: {"seconds": times, "exponent": round(exponent(times), 2)} for name, times in figures.items()},
            indent=2,
        )
    )
    print(f"wrote {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
