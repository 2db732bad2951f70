"""Commands for change tracking: diff, history, drift and adopt."""

from __future__ import annotations

import argparse

from rich.text import Text

from policydesk.adopt import adopt, plan_adoption
from policydesk.changes import history, version_change
from policydesk.cli.library_commands import find_position
from policydesk.cli.output import Output
from policydesk.cli.response_commands import load_checked, load_error_free
from policydesk.cli.serialise import version_data
from policydesk.diff import marked
from policydesk.drift import Departure, drift
from policydesk.model.problems import InputError, Problem
from policydesk.store.knowledge_base import KnowledgeBase, require


def _version(position, on, role: str):
    version = position.version(on)
    if version is None:
        dates = ", ".join(v.date.isoformat() for v in position.versions)
        raise InputError(
            Problem(f"--{role}", None, None, f"{position.id} has no version dated {on}", f"use one of: {dates}")
        )
    return version


def cmd_diff(kb: KnowledgeBase, args: argparse.Namespace, out: Output) -> int:
    position = find_position(require(kb), args.id)
    new = _version(position, args.new, "to") if args.new else position.latest
    if args.old:
        old = _version(position, args.old, "from")
    else:
        old = position.previous(new)
        if old is None:
            raise InputError(
                Problem(
                    position.id,
                    None,
                    None,
                    f"{position.id} has only one version before {new.date}",
                    "there is nothing earlier to compare with; see 'policydesk history ID'",
                )
            )
    change = version_change(position, old, new)
    if args.json:
        out.json(
            {
                "id": position.id,
                "from": version_data(old),
                "to": version_data(new),
                "stance": change.stance_change,
                "similarity": round(change.summary.similarity, 3),
                "words_added": change.summary.words_added,
                "words_removed": change.summary.words_removed,
                "chunks": [{"op": c.op, "text": c.text} for c in change.chunks],
            }
        )
        return 0
    out.line(f"{position.id}: {position.title}", style="bold")
    for label, version in (("from", old), ("to", new)):
        out.line(
            f"{label:>4}: {version.date}  {version.agreed_by} ({version.status}), stance {version.stance}, "
            f"{version.source.cite()}"
        )
    out.line(
        f"stance: {change.stance_change}; {change.summary.words_added} words added, "
        f"{change.summary.words_removed} removed; {change.summary.percent}% the same"
    )
    if new.note:
        out.line(f"note: {new.note}", style="italic")
    out.line()
    out.diff(change.chunks)
    return 0


def cmd_history(kb: KnowledgeBase, args: argparse.Namespace, out: Output) -> int:
    position = find_position(require(kb), args.id)
    rows = history(position)
    if args.json:
        out.json([version_data(v) | {"change": change.headline() if change else "first version"} for v, change in rows])
        return 0
    out.line(f"{position.id}: {position.title}", style="bold")
    out.table(
        ("date", "agreed by", "status", "stance", "source", "what changed"),
        [
            (v.date, v.agreed_by, v.status, v.stance, v.source.cite(), change.headline() if change else "first version")
            for v, change in rows
        ],
    )
    return 0


def cmd_drift(kb: KnowledgeBase, args: argparse.Namespace, out: Output) -> int:
    library = require(kb)
    loaded, _ = load_checked(args.response, library)
    errors = [p for p in loaded.problems if p.is_error]
    if errors or loaded.response is None:
        raise InputError(errors or loaded.problems)
    return print_drift(drift(loaded.response, library), loaded.shown, args, out)


def print_drift(departures: list[Departure], shown: str, args: argparse.Namespace, out: Output) -> int:
    """The departures as a table and word-level diffs (or JSON); exit 1 when any must be fixed before sign-off."""
    if args.json:
        out.json(
            [
                {
                    "where": d.where,
                    "position": d.paragraph.position,
                    "version": d.paragraph.version,
                    "flags": list(d.flags),
                    "current_version": d.current_version or None,
                    "similarity": round(d.summary.similarity, 3) if d.summary else None,
                    "words_added": d.summary.words_added if d.summary else None,
                    "words_removed": d.summary.words_removed if d.summary else None,
                    "suggestion": str(d.suggestion) if d.suggestion else None,
                    "diff": marked(d.chunks) if d.chunks and "edited" in d.flags else None,
                }
                for d in departures
            ]
        )
        return 1 if any(d.blocking for d in departures) else 0
    rows = []
    for d in departures:
        pin = f"{d.paragraph.position} {d.paragraph.version}" if d.paragraph.position else "-"
        measure = (
            f"{d.summary.percent}% (+{d.summary.words_added} -{d.summary.words_removed})"
            if d.summary
            else (str(d.suggestion) if d.suggestion else "")
        )
        flags = ", ".join(d.flags) + (f" (current {d.current_version})" if "stale pin" in d.flags else "")
        style = "red" if d.blocking else ("yellow" if "edited" in d.flags else "")
        rows.append((d.where, pin, Text(flags, style=style) if out.styled else flags, measure))
    out.table(("paragraph", "pinned position", "flags", "same as agreed"), rows, title=shown)
    for d in departures:
        if "edited" in d.flags:
            out.line()
            out.line(f"{d.where}: {d.paragraph.position} {d.paragraph.version}", style="bold")
            out.diff(d.chunks)
    blocking = sum(d.blocking for d in departures)
    edited = sum("edited" in d.flags for d in departures)
    out.line()
    out.line(f"{len(departures)} paragraphs: {edited} edited, {blocking} must be fixed before sign-off")
    return 1 if blocking else 0


def cmd_adopt(kb: KnowledgeBase, args: argparse.Namespace, out: Output) -> int:
    given = [option for option, value in (("--decided", args.decided), ("--as-amended", args.as_amended)) if value]
    if given:
        raise InputError(
            Problem(
                given[0],
                None,
                None,
                f"{given[0]} is for board papers, and {args.response} is a response",
                "a response is adopted as signed off: its sign_off record gives the body and the day",
            )
        )
    library = require(kb)
    loaded = load_error_free(args.response, library)
    assert loaded.response is not None
    if args.dry_run:
        adoption = plan_adoption(loaded.response, library, loaded.path, kb.root)
    else:
        adoption = adopt(loaded, library, kb.root)
    verb = "would add" if args.dry_run else "added"
    for position_id, version in adoption.adopted:
        out.line(f"{verb} version {version.date_text} to {position_id} ({version.source.paragraph})")
    for position_id in adoption.already:
        out.line(f"{position_id} already holds this response's wording; the response now points at it")
    if not adoption.adopted and not adoption.already:
        out.line("Nothing to adopt: every quoted paragraph is the agreed wording.")
    elif adoption.adopted and not args.dry_run:
        out.line(f"{loaded.shown} now quotes the new versions.")
    for where, text, suggestion in adoption.candidates:
        hint = f"; {suggestion}" if suggestion else ""
        out.line(f"candidate new position from {where}{hint}: {text[:80]}{'…' if len(text) > 80 else ''}")
    return 0
