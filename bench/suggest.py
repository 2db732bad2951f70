"""How well `suggest` finds the positions the bundled example responses quote, beside plain search; table and JSON.

For every question of each example, the positions the example quotes in that question are the right answers. The
suggester is given the example with every paragraph removed, so it sees only the questions, the headings and the
consultation's details. The baseline is `SearchIndex.search` on the question's text, as typed into the search box,
shown over the whole library and over the same tiers (A, P) the suggester offers. Figures: recall@5 (the share of a
question's right answers in the first five, averaged over questions), the same pooled over every right answer, and
mean reciprocal rank (1 / the rank of the first right answer, 0 when none is found).

The suggester's weights were chosen on these same examples, so the figures above are in-sample. `--folds` measures
each example held out: the weights are picked from a small grid on the other example alone (ties go to the grid
point nearest the shipped weights), then scored on the held-out one.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from dataclasses import replace
from pathlib import Path

from policydesk.model.library import Library
from policydesk.model.response import Response
from policydesk.search import SearchIndex
from policydesk.store.knowledge_base import bundled_root, load_knowledge_base
from policydesk.store.response_file import read_response
from policydesk.suggest import DEFAULT_TIERS, WEIGHTS, Suggester

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = ("stable-homes-built-on-love", "send-ap-improvement-plan")
CUTOFF = 5
GRID = {
    "history": (0.1, 0.15, 0.2, 0.3),
    "opening": (0.1, 0.15, 0.2, 0.3),
    "summary": (0.05, 0.1, 0.2),
    "topic": (0.05, 0.1, 0.2),
    "terms": (0.5, 1.0, 1.5),
}
"""The weights the held-out measure may choose among; the others keep their shipped values."""


def questions_only(response: Response) -> Response:
    """The response as an officer has it right after import: questions, headings and details, no paragraphs."""
    return replace(response, sections=tuple(replace(s, paragraphs=()) for s in response.sections))


def truth(response: Response) -> list[tuple[int, set[str]]]:
    """(section index, the positions quoted there) for every question that quotes at least one position."""
    found = []
    for index, section in enumerate(response.sections):
        quoted = {p.position for p in section.paragraphs if p.position}
        if section.is_question and quoted:
            found.append((index, quoted))
    return found


def measure(rankings: list[tuple[list[str], set[str]]]) -> dict[str, float]:
    recall = [len(set(ranked[:CUTOFF]) & right) / len(right) for ranked, right in rankings]
    pooled = sum(len(set(ranked[:CUTOFF]) & right) for ranked, right in rankings)
    total = sum(len(right) for _, right in rankings)
    reciprocal = [
        next((1 / rank for rank, pid in enumerate(ranked, 1) if pid in right), 0.0) for ranked, right in rankings
    ]
    return {
        "recall@5": sum(recall) / len(recall),
        "pooled recall@5": pooled / total,
        "MRR": sum(reciprocal) / len(reciprocal),
        "questions": len(rankings),
        "right answers": total,
    }


def rankings(name: str, library: Library, suggester: Suggester, index: SearchIndex) -> dict[str, list]:
    example = read_response(REPO / "responses" / f"{name}.yaml").response
    assert example is not None, f"responses/{name}.yaml does not load: run policydesk check on it"
    blank = questions_only(example)
    allowed = library.filter(tier=None)
    tiered = Library((p for p in library if p.tier in DEFAULT_TIERS), library.taxonomy)
    out: dict[str, list] = {"suggest": [], "search": [], "search, tiers A and P": [], "detail": []}
    for section_index, right in truth(example):
        section = blank.sections[section_index]
        suggested = [s.position.id for s in suggester.suggest(blank, section_index, limit=None)]
        searched = [h.position.id for h in index.search(section.title, within=allowed)]
        searched_tiered = [h.position.id for h in index.search(section.title, within=tiered)]
        out["suggest"].append((suggested, right))
        out["search"].append((searched, right))
        out["search, tiers A and P"].append((searched_tiered, right))
        out["detail"].append(
            {
                "question": section.number,
                "right": sorted(right),
                "suggest top 5": suggested[:CUTOFF],
                "found": sorted(right & set(suggested[:CUTOFF])),
                "search top 5": searched[:CUTOFF],
            }
        )
    return out


def suggest_only(name: str, library: Library, suggester: Suggester) -> list[tuple[list[str], set[str]]]:
    example = read_response(REPO / "responses" / f"{name}.yaml").response
    assert example is not None
    blank = questions_only(example)
    return [
        ([s.position.id for s in suggester.suggest(blank, index, limit=None)], right) for index, right in truth(example)
    ]


def held_out(library: Library) -> dict[str, dict[str, object]]:
    """For each example: the grid weights that do best on the other one, and how they do on it."""
    shipped = {name: WEIGHTS[name] for name in GRID}
    results: dict[str, dict[str, object]] = {}
    for test in EXAMPLES:
        (train,) = [name for name in EXAMPLES if name != test]
        best: tuple | None = None
        for values in itertools.product(*GRID.values()):
            weights = dict(zip(GRID, values, strict=True))
            suggester = Suggester(library, weights)
            figures = measure(suggest_only(train, library, suggester))
            distance = sum(abs(weights[k] - shipped[k]) / shipped[k] for k in GRID)
            key = (figures["recall@5"], figures["MRR"], -distance)
            if best is None or key > best[0]:
                best = (key, weights)
        assert best is not None
        chosen = best[1]
        trained = measure(suggest_only(train, library, Suggester(library, chosen)))
        tested = measure(suggest_only(test, library, Suggester(library, chosen)))
        results[test] = {"tuned on": train, "weights": chosen, "tuned": trained, "held out": tested}
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "suggest.json")
    parser.add_argument("--detail", action="store_true", help="also print each question's right answers and top five")
    parser.add_argument("--folds", action="store_true", help="also measure each example held out (about a minute)")
    args = parser.parse_args()
    library = load_knowledge_base(bundled_root()).library
    suggester, index = Suggester(library), SearchIndex(library)
    per_example = {name: rankings(name, library, suggester, index) for name in EXAMPLES}
    methods = ("suggest", "search", "search, tiers A and P")
    table: dict[str, dict[str, dict[str, float]]] = {}
    for scope in (*EXAMPLES, "both examples"):
        names = EXAMPLES if scope == "both examples" else (scope,)
        table[scope] = {m: measure([r for n in names for r in per_example[n][m]]) for m in methods}
    columns = ("recall@5", "pooled recall@5", "MRR")
    print(f"{'examples':<28} {'method':<22} " + " ".join(f"{c:>16}" for c in columns))
    for scope, by_method in table.items():
        for method, figures in by_method.items():
            shown = " ".join(f"{figures[c]:>16.3f}" for c in columns)
            print(f"{scope:<28} {method:<22} {shown}")
    if args.detail:
        for name in EXAMPLES:
            for row in per_example[name]["detail"]:
                print(f"{name} question {row['question']}: found {len(row['found'])} of {len(row['right'])}")
                print(f"  right:   {', '.join(row['right'])}")
                print(f"  suggest: {', '.join(row['suggest top 5'])}")
                print(f"  search:  {', '.join(row['search top 5'])}")
    details = {name: per_example[name]["detail"] for name in EXAMPLES}
    report: dict[str, object] = {"python": sys.version.split()[0], "weights": WEIGHTS, "figures": table}
    if args.folds:
        folds = held_out(library)
        print(f"{'held out':<28} {'tuned on':<28} {'recall@5':>9} {'MRR':>6}   weights chosen")
        for test, fold in folds.items():
            figures = fold["held out"]
            chosen = ", ".join(f"{k} {v}" for k, v in fold["weights"].items())  # type: ignore[union-attr]
            print(f"{test:<28} {fold['tuned on']:<28} {figures['recall@5']:>9.3f} {figures['MRR']:>6.3f}   {chosen}")
        mean = sum(f["held out"]["recall@5"] for f in folds.values()) / len(folds)  # type: ignore[index]
        print(f"{'mean held-out recall@5':<57} {mean:>9.3f}")
        report["held out"] = folds
    report["questions"] = details
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2))
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
