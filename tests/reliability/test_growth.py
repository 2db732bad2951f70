"""Costs grow with the size of the input, not its square: ratios measured within one run, medians of three."""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from conftest import DATA
from policydesk.diff import diff_words, new_text, old_text
from policydesk.drift import drift
from policydesk.render.pipeline import render_to_bytes
from policydesk.response_checks import check_response
from policydesk.store.knowledge_base import load_knowledge_base
from policydesk.store.response_file import read_response

LINEAR_ENOUGH = 9.0
"""Allowed growth for 4 times the input: linear gives about 4, quadratic 16."""


def median_seconds(work: Callable[[], object]) -> float:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def long_text(words: int, rng: random.Random) -> str:
    vocabulary = [f"word{i}" for i in range(2000)]
    sentences = []
    while sum(s.count(" ") + 1 for s in sentences) < words:
        sentences.append(" ".join(rng.choice(vocabulary) for _ in range(rng.randint(8, 30))).capitalize() + ".")
    return " ".join(sentences)


def test_16_diff_of_long_versions_grows_linearly() -> None:
    rng = random.Random(16)
    sizes = {}
    for words in (12_500, 50_000):
        old = long_text(words, rng)
        new = " ".join(w if rng.random() > 0.05 else "changed" for w in old.split(" "))
        chunks = diff_words(old, new)
        assert old_text(chunks) == old and new_text(chunks) == new
        sizes[words] = median_seconds(lambda old=old, new=new: diff_words(old, new))
    assert sizes[50_000] < 2.0, sizes
    assert sizes[50_000] / sizes[12_500] < LINEAR_ENOUGH, sizes


def big_response(folder: Path, paragraphs: int) -> Path:
    lines = [
        "consultation: {title: Big, department: Department for Education}",
        "status: draft",
        "contact: {name: Alex Morgan, position: Senior Adviser, email: alex.morgan@local.gov.uk, phone: 020 7664 3000}",
        "key_messages: [We back councils.]",
        "sections:",
    ]
    for s in range(paragraphs // 10):
        lines += [f'  - question: "{s + 1}"', f"    text: Question {s + 1}?", "    paragraphs:"]
        for p in range(10):
            if p % 3 == 0:
                lines += [
                    "      - position: kinship-carer-support",
                    "        version: 2023-03-14",
                    f"        text: We strongly welcome better support for kinship carers, point {p}.",
                ]
            else:
                lines.append(f"      - text: Paragraph {s}-{p} says [councils](https://www.local.gov.uk) need money.")
    path = folder / f"big-{paragraphs}.yaml"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_17_a_long_response_checks_drifts_and_renders_linearly(tmp_path: Path) -> None:
    library = load_knowledge_base(DATA / "kb-small").library
    stages: dict[str, dict[int, float]] = {"check": {}, "drift": {}, "render": {}}
    for paragraphs in (500, 2000):
        path = big_response(tmp_path, paragraphs)
        response = read_response(path).response
        stages["check"][paragraphs] = median_seconds(lambda path=path: check_response(read_response(path), library))
        stages["drift"][paragraphs] = median_seconds(lambda r=response: drift(r, library))
        stages["render"][paragraphs] = median_seconds(lambda r=response: render_to_bytes(r, library))
    for stage, times in stages.items():
        assert times[2000] / times[500] < LINEAR_ENOUGH, (stage, times)
