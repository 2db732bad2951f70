"""Commands over the knowledge base: check, search, show and list."""

from __future__ import annotations

import argparse

from rich.console import Group
from rich.panel import Panel
from rich.text import Text

from policydesk.cli.output import Output, counted, print_problems
from policydesk.cli.serialise import hit_data, position_data, problem_data
from policydesk.consistency import consistency_problems
from policydesk.model.library import Filters, Library
from policydesk.model.position import Position, Version
from policydesk.model.problems import InputError, Problem
from policydesk.search import SearchIndex, index_state
from policydesk.store.fields import suggest
from policydesk.store.knowledge_base import KnowledgeBase, require
from policydesk.store.yaml_io import display_path


def filters_from(args: argparse.Namespace, library: Library) -> Filters:
    """Filters from the options, each value checked against the taxonomy."""
    taxonomy = library.taxonomy
    vocabularies = {
        "framework": taxonomy.frameworks,
        "pillar": taxonomy.pillars,
        "topic": taxonomy.topics,
        "stance": taxonomy.stances,
        "tier": taxonomy.tiers,
    }
    problems = []
    for name, vocabulary in vocabularies.items():
        value = getattr(args, name, None)
        if value is not None and value not in vocabulary:
            problems.append(
                Problem(
                    f"--{name}",
                    None,
                    None,
                    f"unknown {name} '{value}'{suggest(value, vocabulary)}",
                    f"run 'policydesk check' to list the {name}s, or see taxonomy.yaml",
                )
            )
    if problems:
        raise InputError(problems)
    return Filters(**{name: getattr(args, name, None) for name in vocabularies}, since=getattr(args, "since", None))


def cmd_check(kb: KnowledgeBase, args: argparse.Namespace, out: Output) -> int:
    library = kb.library
    problems = (
        kb.problems if kb.errors else kb.problems + kb.remember("consistency", lambda: consistency_problems(library))
    )
    if args.json:
        facets, with_history = kb.counts()
        out.json(
            {
                "root": str(kb.root),
                "positions": len(library),
                "with_history": with_history,
                "counts": {k: dict(sorted(v.items())) for k, v in facets.items()},
                "problems": [problem_data(p) for p in problems],
            }
        )
    else:
        print_problems(problems)
        if not kb.errors:
            _print_counts(kb, problems, out)
    if kb.errors:
        return 2
    return 1 if problems and args.strict else 0


def _print_counts(kb: KnowledgeBase, problems: list[Problem], out: Output) -> None:
    library, taxonomy = kb.library, kb.library.taxonomy
    facets, with_history = kb.counts()
    out.line(
        f"{display_path(kb.root)}: {len(library)} positions, {with_history} with two or more "
        f"versions, {counted(len(kb.errors), 'error')}, {counted(len(problems) - len(kb.errors), 'warning')}",
        style="bold",
    )
    rows = [
        (fid, taxonomy.frameworks[fid].title if fid in taxonomy.frameworks else "policy areas", n)
        for fid, n in sorted(facets["framework"].items())
    ]
    out.table(("framework", "title", "positions"), rows, title="By framework")
    rows = [(pid, taxonomy.pillar_title(pid), n) for pid, n in sorted(facets["pillar"].items())]
    out.table(("pillar", "title", "positions"), rows, title="By pillar")
    out.table(
        ("tier", "meaning", "positions"),
        [(t, taxonomy.tiers.get(t, ""), n) for t, n in sorted(facets["tier"].items())],
        title="By tier",
    )


def cmd_search(kb: KnowledgeBase, args: argparse.Namespace, out: Output) -> int:
    library = require(kb)
    within = library.filter(filters_from(args, library))
    found = SearchIndex(library, kb.remember("search-index", lambda: index_state(library))).search(
        args.query, within=within
    )
    complete = [h for h in found if h.complete]
    hits = (found if args.all or not complete else complete)[: args.limit]
    if args.json:
        out.json([hit_data(h) for h in hits])
        return 0
    if not hits:
        out.line(f"No positions match '{args.query}'.")
        return 0
    for rank, hit in enumerate(hits, 1):
        p = hit.position
        title = Text(p.title, style="bold")
        for start, end in hit.title_spans:
            title.stylize("reverse", start, end)
        head = f"{rank:>2}. {p.id}  [{p.stance}, {p.updated}, {library.taxonomy.pillar_title(p.pillar)}]"
        snippet = _snippet(p.line.text, hit.text_spans)
        out.rich(
            Group(Text(head, style="cyan"), Text("    ").append(title), Text("    ").append(snippet)),
            f"{p.id}\t{p.title}\t{p.pillar}\t{p.stance}\t{p.updated}\t{hit.score:.2f}",
        )
    weaker = len(found) - len(complete)
    if weaker and complete and not args.all:
        out.line(f"{counted(weaker, 'more position')} match some of the words: add --all to list them", "dim")
    return 0


def _snippet(text: str, spans: tuple[tuple[int, int], ...], width: int = 160) -> Text:
    """The stretch of text around the first match, with matches highlighted."""
    flat = text.replace("\n", " ")
    start = max(0, spans[0][0] - 40) if spans else 0
    piece = Text(("…" if start else "") + flat[start : start + width] + ("…" if start + width < len(flat) else ""))
    offset = 1 if start else 0
    for s, e in spans:
        if start <= s < start + width:
            piece.stylize("bold yellow", s - start + offset, min(e, start + width) - start + offset)
    return piece


def cmd_show(kb: KnowledgeBase, args: argparse.Namespace, out: Output) -> int:
    library = require(kb)
    position = find_position(library, args.id)
    version, heading = _shown_version(position, args)
    if args.json:
        out.json(
            position_data(position)
            | {"shown_version": version.date_text, "line": position.line.date_text, "as_at": args.as_at}
        )
        return 0
    taxonomy = library.taxonomy
    facts = [
        ("Position", f"{position.id}: {position.title}"),
        ("Pillar", f"{taxonomy.pillar_title(position.pillar)} [{position.pillar}]"),
        ("Topics", ", ".join(taxonomy.topic_title(t) for t in position.topics)),
        ("Tier", f"{position.tier}: {taxonomy.tiers.get(position.tier, '')}"),
        (heading, f"{version.when}, {version.provenance} ({version.standing_note})"),
        ("Stance", version.stance),
        ("Source", version.source.cite() + (f" [{version.source.seed}]" if version.source.seed else "")),
    ]
    if position.review_by:
        facts.append(("Review by", position.review_by.isoformat()))
    if version.note:
        facts.append(("Note", version.note))
    later = [v for v in position.versions if v.date > version.date and (args.as_at is None or v.date <= args.as_at)]
    since = [f"since then: {v.when}, {v.provenance}: {_first_sentence(v.text)}" for v in later]
    related = [f"read with: {pid}" for pid in position.related]
    body = "\n".join(f"{k}: {v}" for k, v in facts)
    extra = "\n".join(since + related)
    out.rich(
        Panel(
            Group(Text(body), Text(""), Text(version.text.strip()), *([Text(""), Text(extra, "italic")] * bool(extra))),
            title=position.id,
            title_align="left",
        ),
        f"{body}\n\n{version.text.strip()}" + (f"\n\n{extra}" if extra else ""),
    )
    if len(position.versions) > 1:
        out.table(
            ("date", "by", "status", "stance", "source"),
            [
                (
                    v.date_text + (" (line)" if v is position.line else ""),
                    v.agreed_by,
                    v.status,
                    v.stance,
                    v.source.cite(),
                )
                for v in position.versions
            ],
            title="Versions",
        )
    return 0


def _shown_version(position: Position, args: argparse.Namespace) -> tuple[Version, str]:
    """The version `show` prints, and what to call it: the line, the line on a date, or a chosen version."""
    if args.version is not None and args.as_at is not None:
        raise InputError(Problem("--as-at", None, None, "give --version or --as-at, not both", "drop one of them"))
    if args.as_at is not None:
        version = position.line_as_at(args.as_at)
        if version is None:
            first = position.versions[0].when
            raise InputError(
                Problem("--as-at", None, None, f"{position.id} was first recorded on {first}", "give a later date")
            )
        return version, f"Line on {args.as_at.day} {args.as_at:%B} {args.as_at.year}"
    version = position.version(args.version)
    if version is None:
        dates = ", ".join(v.date_text for v in position.versions)
        why = f"{position.id} has no version dated {args.version}"
        raise InputError(Problem("--version", None, None, why, f"use one of: {dates}"))
    return version, "Line" if version is position.line else "Version"


def _first_sentence(text: str, width: int = 140) -> str:
    flat = " ".join(text.split())
    end = flat.find(". ")
    sentence = flat if end == -1 else flat[: end + 1]
    return sentence if len(sentence) <= width else sentence[: width - 1] + "…"


def find_position(library: Library, pid: str) -> Position:
    position = library.get(pid)
    if position is None:
        raise InputError(
            Problem(
                pid,
                None,
                None,
                f"no position with id '{pid}'{suggest(pid, library.ids)}",
                "run 'policydesk search WORDS' to find the id",
            )
        )
    return position


def cmd_list(kb: KnowledgeBase, args: argparse.Namespace, out: Output) -> int:
    library = require(kb)
    found = library.filter(filters_from(args, library))
    if args.json:
        out.json([position_data(p, full=False) for p in found])
        return 0
    out.table(
        ("id", "title", "pillar", "stance", "tier", "date"),
        [(p.id, p.title, p.pillar, p.stance, p.tier, p.updated) for p in found],
        title=f"{len(found)} positions",
    )
    return 0
