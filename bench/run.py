"""Speed and memory at 1,000, 10,000 and 30,000 positions, each figure beside an anchor measured in the same run.

The synthetic knowledge base is written from a wide vocabulary: phrases of the seed papers (their real word
frequencies) mixed with words of the en_GB dictionary, so that the search index meets tens of thousands of
different words, not a few hundred repeated ones. Whole-process figures run the installed `policydesk` command
with its own cache folder. Every figure is the median of several runs; machines are shared and noisy, so the
ratio to the anchor measured in the same run is what to compare. Prints a table and writes bench/results/run.json.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
DICTIONARY = Path("/usr/share/hunspell/en_GB.dic")
POLICYDESK = str(Path(sys.executable).with_name("policydesk"))
QUERIES = (
    "kinship carers",
    "dsg deficit",
    "mental health funding",
    "unaccompanied children",
    "family help",
    "special schools",
    "workforce retention",
)
ANCHOR_YAML = """
import pathlib, sys, yaml
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
"""
UI_START = """
import sys, time, asyncio
from pathlib import Path
from policydesk.ui.app import make_app

async def main():
    app = make_app(Path(sys.argv[1]), Path(sys.argv[2]))
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.get_screen("library").shown:
            await pilot.pause(0.01)
        print(time.time())

asyncio.run(main())
"""


# The synthetic knowledge base ------------------------------------------------------------------------------------


def vocabulary() -> tuple[list[str], list[str]]:
    """Running words of the seed papers, and a list of distinct words (the dictionary's, else the seeds')."""
    running = [w.strip(".,;:()\"'") for f in sorted(SEEDS.glob("*.txt")) for w in f.read_text().split()]
    running = [w for w in running if w.isalpha()]
    if not running:
        from policydesk.store.knowledge_base import bundled_root, load_knowledge_base

        running = " ".join(p.line.text for p in load_knowledge_base(bundled_root()).library).split()
    if DICTIONARY.is_file():
        distinct = [line.split("/")[0] for line in DICTIONARY.read_text(errors="replace").splitlines()[1:]]
        distinct = [w for w in distinct if w.isalpha()]
    else:
        distinct = sorted(set(running))
    return running, distinct


def prose(rng: random.Random, running: list[str], distinct: list[str], count: int) -> str:
    """`count` words: runs of five to ten consecutive seed words, one word in six from the wide list."""
    out: list[str] = []
    while len(out) < count:
        if rng.random() < 1 / 6:
            out.append(rng.choice(distinct))
        else:
            start = rng.randrange(len(running) - 10)
            out += running[start : start + rng.randint(5, 10)]
    return " ".join(out[:count])


def synthetic_kb(target: Path, count: int, seed: int = 7) -> None:
    """`count` positions in 50 folders, on the bundled taxonomy, one to three versions each."""
    from policydesk.store.knowledge_base import bundled_root, load_knowledge_base

    taxonomy = load_knowledge_base(bundled_root()).library.taxonomy
    pillars, topics, stances = list(taxonomy.pillars), list(taxonomy.topics), list(taxonomy.stances)
    running, distinct = vocabulary()
    rng = random.Random(seed)
    target.mkdir(parents=True)
    shutil.copy(bundled_root() / "taxonomy.yaml", target / "taxonomy.yaml")
    for i in range(count):
        folder = target / f"group-{i % 50:02d}"
        folder.mkdir(exist_ok=True)
        lines = [
            f"id: synthetic-{i:05d}",
            f"title: {json.dumps(prose(rng, running, distinct, rng.randint(5, 9)).capitalize())}",
            f"pillar: {rng.choice(pillars)}",
            f"topics: [{', '.join(rng.sample(topics, 2))}]",
            "tier: A",
            "versions:",
        ]
        day = date(2019, 1, 1)
        for _ in range(rng.randint(1, 3)):
            day += timedelta(days=rng.randint(30, 700))
            lines += [
                f"  - date: {day.isoformat()}",
                "    agreed_by: Children and Young People Board",
                "    status: agreed",
                f"    stance: {rng.choice(stances)}",
                '    source: {document: Synthetic board paper, paragraph: "1"}',
                f"    text: {json.dumps(prose(rng, running, distinct, rng.randint(50, 110)))}",
            ]
        (folder / f"synthetic-{i:05d}.yaml").write_text("\n".join(lines) + "\n")


def response_file(root: Path, folder: Path, paragraphs: int = 300) -> tuple[Path, Path]:
    """A 300-paragraph response quoting the knowledge base (every third edited), and the same as markdown."""
    from policydesk.model.rules import placeholder_problem
    from policydesk.store.knowledge_base import load_knowledge_base

    library = load_knowledge_base(root).library
    # words drawn from the seed papers can spell out new-response placeholders, which a render rightly refuses
    positions = [p for p in library if not placeholder_problem(p.line.text)][:paragraphs]
    lines = [
        "consultation: {title: A long consultation, department: Department for Education}",
        "status: draft",
        "contact: {name: Alex Morgan, position: Senior Adviser, email: alex.morgan@local.gov.uk}",
        "key_messages: [One point., Another point.]",
        "sections:",
    ]
    markdown = ["# A long consultation", ""]
    for s in range(0, len(positions), 10):
        number = s // 10 + 1
        lines += [f'  - question: "{number}"', f"    text: Question about part {number}?", "    answer: Agree"]
        lines.append("    paragraphs:")
        markdown += [f"## Question {number}: Question about part {number}?", "", "**Agree.**", ""]
        for i, p in enumerate(positions[s : s + 10]):
            lines += [f"      - position: {p.id}", f"        version: {p.updated.isoformat()}"]
            text = p.line.text
            if i % 3 == 0:
                text = text.replace("the", "our", 2)
                lines.append(f"        text: {json.dumps(text)}")
            markdown += [f"{i + 1}. {text}", ""]
    response, source = folder / "bench.yaml", folder / "bench.md"
    response.write_text("\n".join(lines) + "\n")
    source.write_text("\n".join(markdown))
    return response, source


# Measuring --------------------------------------------------------------------------------------------------------


def run(command: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB and standard output of one whole process."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, env=env, cwd=cwd)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            err.seek(0)
            said = err.read().decode(errors="replace")[-2000:]
            raise SystemExit(
                f"bench: {' '.join(map(str, command))} failed (a failing run is not a measurement):\n{said}"
            )
        out.seek(0)
        return seconds, usage.ru_maxrss / 1024, out.read().decode()


def median_of(runs: int, measure) -> tuple[float, float]:
    """Median seconds and the largest peak RSS (MB) over `runs` calls of `measure()` -> (seconds, rss)."""
    results = [measure() for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def keystroke_times(search, queries=QUERIES) -> list[float]:
    """Seconds to rank after each keystroke of each query, typed letter by letter."""
    times = []
    for query in queries:
        for end in range(1, len(query) + 1):
            start = time.perf_counter()
            search(query[:end])
            times.append(time.perf_counter() - start)
    return times


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def search_figures(root: Path, env: dict[str, str]) -> dict[str, float]:
    """Per-keystroke p50 and p95 of the library's search, and of naive rapidfuzz over every title and text."""
    from rapidfuzz import fuzz, process

    os.environ.update(env)
    from policydesk.search import SearchIndex
    from policydesk.store.knowledge_base import load_knowledge_base

    library = load_knowledge_base(root).library
    index = SearchIndex(library)
    ours = keystroke_times(lambda q: (index.search(q, limit=500), index.count(q)))  # as the library screen asks
    texts = [f"{p.title} {p.line.text}" for p in library]
    naive = keystroke_times(lambda q: process.extract(q, texts, scorer=fuzz.WRatio, limit=200))
    return {
        "search p50 ms": percentile(ours, 0.5) * 1000,
        "search p95 ms": percentile(ours, 0.95) * 1000,
        "naive rapidfuzz p95 ms": percentile(naive, 0.95) * 1000,
    }


def ui_start(root: Path, env: dict[str, str], work: Path) -> tuple[float, float]:
    """Seconds from starting the UI process to its results list drawn, and the process's peak RSS."""
    start = time.time()
    _, rss, out = run([sys.executable, "-c", UI_START, str(root), str(work)], env)
    return float(out.strip().splitlines()[-1]) - start, rss


def measure_size(root: Path, runs: int, work: Path) -> dict[str, float | None]:
    cache = work / "cache"
    env = {**os.environ, "POLICYDESK_CACHE": str(cache), "POLICYDESK_KB": str(root)}
    figures: dict[str, float | None] = {}

    def cold_check() -> tuple[float, float]:
        shutil.rmtree(cache, ignore_errors=True)
        return run([POLICYDESK, "check"], env)[:2]

    figures["check cold s"], figures["check peak RSS MB"] = median_of(runs, cold_check)
    figures["check warm s"], _ = median_of(runs, lambda: run([POLICYDESK, "check"], env)[:2])
    files = sorted(f for f in root.rglob("*.yaml") if f.name != "taxonomy.yaml")
    edited, original = files[len(files) // 2], files[len(files) // 2].read_text()
    edits = iter(range(runs))

    def check_after_an_edit() -> tuple[float, float]:
        """A keeper's day: one position's title reworded, then the whole knowledge base checked."""
        edited.write_text(re.sub(r"^(title: \"?)", rf"\g<1>Edited {next(edits)} ", original, count=1, flags=re.M))
        return run([POLICYDESK, "check"], env)[:2]

    figures["check, one file edited s"], _ = median_of(runs, check_after_an_edit)
    edited.write_text(original)
    run([POLICYDESK, "check"], env)  # the cache warm again for what follows
    figures["PyYAML C loader s"], _ = median_of(runs, lambda: run([sys.executable, "-c", ANCHOR_YAML, str(root)])[:2])
    some_id = files[-1].stem
    figures["show warm s"], _ = median_of(runs, lambda: run([POLICYDESK, "show", some_id], env)[:2])
    figures["version s"], _ = median_of(runs, lambda: run([POLICYDESK, "--version"])[:2])
    figures["python -c pass s"], _ = median_of(runs, lambda: run([sys.executable, "-c", "pass"])[:2])
    response, source = response_file(root, work)
    out = work / "bench.docx"
    render = [POLICYDESK, "render", str(response), "--out", str(out), "--force"]
    figures["render 300 paragraphs s"], _ = median_of(runs, lambda: run(render, env)[:2])
    if shutil.which("pandoc"):
        pandoc = ["pandoc", str(source), "-o", str(work / "pandoc.docx")]
        figures["pandoc s"], _ = median_of(runs, lambda: run(pandoc)[:2])
    else:
        figures["pandoc s"] = None
    figures["UI first screen s"], figures["UI peak RSS MB"] = median_of(runs, lambda: ui_start(root, env, work))
    figures.update(search_figures(root, env))
    return figures


TARGETS = [
    # figure, anchor, the most the ratio (or, with no anchor, the value) may be
    ("check cold s", "PyYAML C loader s", 1.2),
    ("check warm s", "PyYAML C loader s", 1.2),
    ("check, one file edited s", "PyYAML C loader s", None),
    ("show warm s", None, 0.3),
    ("search p95 ms", "naive rapidfuzz p95 ms", None),
    ("search p95 ms", None, 15.0),
    ("UI first screen s", None, 1.0),
    ("version s", "python -c pass s", 2.0),
    ("render 300 paragraphs s", "pandoc s", 0.6),
    ("check peak RSS MB", None, 300.0),
    ("UI peak RSS MB", None, 300.0),
]


def table(results: dict[str, dict[str, float | None]]) -> list[str]:
    sizes = list(results)
    head = f"{'figure':<26}{'anchor':<24}" + "".join(f"{s:>22}" for s in sizes) + "   target"
    lines = [head, "-" * len(head)]
    for figure, anchor, most in TARGETS:
        cells = []
        for size in sizes:
            value, base = results[size].get(figure), results[size].get(anchor) if anchor else None
            if value is None:
                cells.append(f"{'n/a':>22}")
            elif anchor:
                ratio = f"{value / base:.2f}x" if base else "-"
                cells.append(f"{value:>9.3f} / {base or 0:>7.3f} {ratio:>4}")
            else:
                cells.append(f"{value:>22.3f}")
        goal = "" if most is None else (f"<= {most}x" if anchor else f"<= {most}")
        lines.append(f"{figure:<26}{anchor or '':<24}" + "".join(cells) + f"   {goal}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="bundled,1000,10000,30000", help="comma-separated; 'bundled' is ours")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (the median is reported)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "run.json")
    args = parser.parse_args()
    # Byte-compiled first, as an installed package is: with PYTHONDONTWRITEBYTECODE set (as on some machines) an
    # editable install would otherwise compile every module of ours in every process measured.
    compileall.compile_dir(REPO / "src", quiet=1)
    results: dict[str, dict[str, float | None]] = {}
    for size in args.sizes.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            if size == "bundled":
                root = work / "positions"
                shutil.copytree(REPO / "positions", root)
                name = "bundled"
            else:
                root = work / "positions"
                synthetic_kb(root, int(size))
                name = f"{int(size):,} positions"
            print(f"measuring {name}…", file=sys.stderr, flush=True)
            results[name] = measure_size(root, args.runs, work)
    lines = table(results)
    print("\n".join(lines))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps({"python": sys.version.split()[0], "runs": args.runs, "results": results}, indent=2) + "\n"
    )
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
