"""`drift` and `adopt`, for a board paper or a response: apart from `render`, which must start quickly."""

from __future__ import annotations

import argparse

from policydesk.cli import change_commands as changes
from policydesk.cli.output import Output
from policydesk.cli.paper_commands import load_checked_paper
from policydesk.cli.response_commands import load_error_free
from policydesk.documents import PAPER
from policydesk.drift import drift_paper
from policydesk.model.problems import InputError, Problem
from policydesk.paper_adopt import PaperAdoption, adopt_paper, plan_paper_adoption
from policydesk.store.amendments_file import read_amendments
from policydesk.store.knowledge_base import KnowledgeBase, require
from policydesk.store.paper_file import LoadedPaper, is_paper_file
from policydesk.store.yaml_io import display_path


def cmd_drift(kb: KnowledgeBase, args: argparse.Namespace, out: Output) -> int:
    if not is_paper_file(args.response):
        return changes.cmd_drift(kb, args, out)
    library = require(kb)
    loaded, _ = load_checked_paper(args.response, library)
    errors = [p for p in loaded.problems if p.is_error]
    if errors or loaded.paper is None:
        raise InputError(errors or loaded.problems)
    return changes.print_drift(drift_paper(loaded.paper, library), loaded.shown, args, out)


def cmd_adopt(kb: KnowledgeBase, args: argparse.Namespace, out: Output) -> int:
    if not is_paper_file(args.response):
        return changes.cmd_adopt(kb, args, out)
    if args.decided is None:
        raise InputError(
            Problem(
                "--decided",
                None,
                None,
                f"{args.response} is a board paper, adopted as decided by its board on a day",
                "add --decided YYYY-MM-DD: the day the Board decided",
            )
        )
    library = require(kb)
    loaded = load_error_free(args.response, library, PAPER)
    assert loaded.paper is not None
    amendments = read_amendments(args.as_amended) if args.as_amended else []
    if args.dry_run:
        adoption = plan_paper_adoption(loaded.paper, library, loaded.path, kb.root, args.decided, amendments)
    else:
        adoption = adopt_paper(loaded, library, kb.root, args.decided, amendments)
    _report(adoption, loaded, args.dry_run, out)
    return 0


def _report(adoption: PaperAdoption, loaded: LoadedPaper, dry_run: bool, out: Output) -> None:
    verb = "would add" if dry_run else "added"
    for position_id, version in adoption.adopted:
        out.line(f"{verb} version {version.date_text} to {position_id} (paragraph {version.source.paragraph})")
    for new in adoption.created:
        made = "would create" if dry_run else "created"
        out.line(f"{made} {new.proposal.id} in {display_path(new.path)} (paragraph {new.version.source.paragraph})")
    for position_id in adoption.already:
        out.line(f"{position_id} already holds this paper's wording")
    for number in adoption.not_agreed:
        out.line(f"paragraph {number} was not agreed, so nothing is recorded for it")
    if not (adoption.adopted or adoption.created or adoption.already):
        out.line("Nothing to adopt: every view quotes an agreed position as it stands.")
    if not dry_run and adoption.paper != loaded.paper:
        out.line(f"{loaded.shown} now records that the Board decided it on {adoption.paper.decided}.")
