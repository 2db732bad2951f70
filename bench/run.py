"""Measure what matters for speed, on a synthetic knowledge base generated here; print a table, write JSON.

Figures: cold and warm load, search latency per keystroke (p50, p95), rendering a 300-paragraph response
(and pandoc on the same content, when pandoc is installed), diff time, and time to the UI's first screen.
Machines are shared and noisy: each figure is the median of several runs, and ratios within one run are
what to compare.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from policydesk.diff import compare
from policydesk.model.response import Consultation, Contact, Paragraph, Response, Section
from policydesk.render.markdown import plain_text
from policydesk.render.pipeline import render_to_bytes
from policydesk.search import SearchIndex
from policydesk.store.knowledge_base import bundled_root, load_knowledge_base

REPO = Path(__file__).resolve().parents[1]


def timed(fn, repeat: int = 5) -> tuple[float, object]:
    """Median seconds over `repeat` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def synthetic_kb(target: Path, count: int, seed: int = 7) -> None:
    """`count` positions built from the bundled knowledge base's own vocabulary and taxonomy."""
    source = load_knowledge_base(bundled_root()).library
    words = " ".join(p.line.text for p in source).split()
    pillars, topics = list(source.taxonomy.pillars), list(source.taxonomy.topics)
    stances = list(source.taxonomy.stances)
    rng = random.Random(seed)
    shutil.copy(bundled_root() / "taxonomy.yaml", target / "taxonomy.yaml")
    for i in range(count):
        folder = target / f"group-{i % 50:02d}"
        folder.mkdir(exist_ok=True)
        lines = [
            f"id: synthetic-{i:05d}",
            f"title: {json.dumps(' '.join(rng.sample(words, 7)))}",
            f"pillar: {rng.choice(pillars)}",
            f"topics: [{', '.join(rng.sample(topics, 2))}]",
            "tier: A",
            "versions:",
        ]
        day = date(2019, 1, 1)
        for _ in range(rng.randint(1, 3)):
            day += timedelta(days=rng.randint(30, 700))
            text = " ".join(rng.choice(words) for _ in range(70))
            lines += [
                f"  - date: {day.isoformat()}",
                "    agreed_by: Children and Young People Board",
                "    status: agreed",
                f"    stance: {rng.choice(stances)}",
                '    source: {document: Synthetic board paper, paragraph: "1"}',
                "    text: |",
                f"      {text}",
            ]
        (folder / f"synthetic-{i:05d}.yaml").write_text("\n".join(lines) + "\n")


def keystrokes(index: SearchIndex, query: str) -> list[float]:
    """Seconds to rank after each keystroke of `query`, as the search box does."""
    out = []
    for end in range(1, len(query) + 1):
        start = time.perf_counter()
        index.search(query[:end], limit=200)
        out.append(time.perf_counter() - start)
    return out


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def big_response(library, paragraphs: int = 300) -> Response:
    positions = list(library)[:paragraphs]
    per_section = 10
    sections = []
    for s in range(0, paragraphs, per_section):
        items = []
        for i, p in enumerate(positions[s : s + per_section]):
            edited = p.line.text.replace("the", "our", 2) if i % 3 == 0 else ""
            items.append(Paragraph(text=edited, position=p.id, version=p.updated))
        sections.append(
            Section(f"Question about part {s // per_section + 1}?", tuple(items), str(s // 10 + 1), "Agree")
        )
    return Response(
        "bench",
        Consultation("A long consultation", "Department for Education"),
        contact=Contact("Alex Morgan", "Senior Adviser", "alex.morgan@local.gov.uk"),
        key_messages=("One.", "Two."),
        sections=tuple(sections),
    )


def pandoc_seconds(response: Response, library, work: Path) -> float | None:
    if shutil.which("pandoc") is None:
        return None
    lines = [f"# {response.consultation.title}", ""]
    for section in response.sections:
        lines += [f"## {section.heading}", "", f"**{section.answer}.**", ""]
        for number, p in enumerate(section.paragraphs, 1):
            text = p.text or library.get(p.position).version(p.version).text
            lines += [f"{number}. {plain_text(text)}", ""]
    source = work / "bench.md"
    source.write_text("\n".join(lines))
    seconds, _ = timed(lambda: subprocess.run(["pandoc", str(source), "-o", str(work / "pandoc.docx")], check=True), 3)
    return seconds


def first_screen(root: Path) -> float:
    """Seconds from starting the app to the library showing results, headless."""
    from policydesk.ui.app import make_app

    async def run() -> float:
        start = time.perf_counter()
        app = make_app(root, Path(tempfile.mkdtemp()))
        async with app.run_test(size=(120, 40)) as pilot:
            while not app.get_screen("library").shown:
                if type(app.screen).__name__ == "ProblemsScreen":
                    raise SystemExit("the knowledge base has errors: run policydesk check on it")
                await pilot.pause(0.1)  # poll gently: a busy poll would steal the loader thread's time
            return time.perf_counter() - start

    return asyncio.run(run())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--positions", type=int, default=10_000, help="size of the synthetic knowledge base")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "latest.json")
    args = parser.parse_args()
    rows: list[tuple[str, float | None, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "positions"
        root.mkdir()
        synthetic_kb(root, args.positions)
        start = time.perf_counter()
        kb = load_knowledge_base(root)
        rows.append((f"cold load, {args.positions} positions", time.perf_counter() - start, "s"))
        warm, kb = timed(lambda: load_knowledge_base(root), 3)
        rows.append(("warm load", warm, "s"))
        index_time, index = timed(lambda: SearchIndex(kb.library), 3)
        rows.append(("build search index", index_time, "s"))
        typing = [t for q in ("kinship carers", "dsg deficit", "mental health funding") for t in keystrokes(index, q)]
        rows.append(("search per keystroke p50", percentile(typing, 0.5) * 1000, "ms"))
        rows.append(("search per keystroke p95", percentile(typing, 0.95) * 1000, "ms"))
        response = big_response(kb.library)
        render, data = timed(lambda: render_to_bytes(response, kb.library), 3)
        rows.append(("render 300 paragraphs (tracked)", render, "s"))
        pandoc = pandoc_seconds(response, kb.library, Path(tmp))
        rows.append(("pandoc, same 300 paragraphs", pandoc, "s"))
        text = " ".join(kb.library.ids[:10] + list(kb.library)[0].line.text.split() * 30)[:12000]
        edited = text.replace(" the ", " our ").replace("council", "councils")
        diff_time, _ = timed(lambda: compare(text, edited), 5)
        rows.append((f"diff two {len(text.split())}-word paragraphs", diff_time * 1000, "ms"))
        rows.append((f"UI first screen, {args.positions} positions", first_screen(root), "s"))
    rows.append(("UI first screen, bundled knowledge base", first_screen(bundled_root()), "s"))
    width = max(len(name) for name, _, _ in rows)
    print(f"{'measure':<{width}}  {'value':>10}")
    for name, value, unit in rows:
        shown = "not installed" if value is None else f"{value:.3f} {unit}"
        print(f"{name:<{width}}  {shown:>10}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(
        json.dumps(
            {
                "python": sys.version.split()[0],
                "positions": args.positions,
                "results": [{"measure": n, "value": v, "unit": u} for n, v, u in rows],
            },
            indent=2,
        )
    )
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
