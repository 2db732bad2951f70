"""The `policydesk` command: argparse front end; opens the terminal UI only when asked."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from policydesk import __version__
from policydesk.cli import change_commands as changes
from policydesk.cli import crash, export_command, import_command, review_command, streams, suggest_command
from policydesk.cli import library_commands as lib
from policydesk.cli import paper_commands as papers
from policydesk.cli import response_commands as resp
from policydesk.cli.output import Output, print_problems
from policydesk.cli.parser import Parser
from policydesk.model.problems import InputError, Problem
from policydesk.store.atomic import HINTS
from policydesk.store.knowledge_base import KnowledgeBase, find_root, load_knowledge_base

Command = Callable[[KnowledgeBase, argparse.Namespace, Output], int]


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="policydesk",
        description="Search the LGA's agreed positions, draft consultation responses and render them to Word.",
    )
    parser.add_argument("--version", action="version", version=f"policydesk {__version__}")
    parser.add_argument(
        "--kb",
        metavar="FOLDER",
        help="knowledge base folder (default: $POLICYDESK_KB, ./positions, then the bundled knowledge base)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    tui = sub.add_parser("tui", help="open the terminal UI (the default)")
    tui.add_argument("response", nargs="?", type=Path, help="a response file to open in the composer")

    check = sub.add_parser("check", help="validate the knowledge base, or response and paper files")
    check.add_argument("responses", nargs="*", metavar="FILE", help="response or board paper files to check instead")
    check.add_argument("--strict", action="store_true", help="exit 1 when there are warnings")
    check.add_argument("--json", action="store_true", help="print JSON")

    search = sub.add_parser("search", help="find positions by words, tolerating typos")
    search.add_argument("query")
    lib.add_filter_options(search)
    search.add_argument("--limit", type=lib.positive_int, default=20, help="most results to show (default 20)")
    search.add_argument("--all", action="store_true", help="also list positions that match only some of the words")
    search.add_argument("--json", action="store_true", help="print JSON")

    show = sub.add_parser("show", help="a position's text and provenance")
    show.add_argument("id")
    show.add_argument("--version", type=lib.iso_date, metavar="DATE", help="show the version of this date")
    show.add_argument("--as-at", type=lib.iso_date, metavar="DATE", help="show the line as it stood on this date")
    show.add_argument("--json", action="store_true", help="print JSON")

    listing = sub.add_parser("list", help="list positions, optionally filtered")
    lib.add_filter_options(listing)
    listing.add_argument("--json", action="store_true", help="print JSON")

    resp.add_commands(sub)
    import_command.add_command(sub)
    papers.add_commands(sub)
    suggest_command.add_command(sub)
    export_command.add_command(sub)
    changes.add_commands(sub)
    review_command.add_command(sub)
    return parser


COMMANDS: dict[str, Command] = {
    "search": lib.cmd_search,
    "show": lib.cmd_show,
    "list": lib.cmd_list,
    "new": resp.cmd_new,
    "paper": papers.cmd_paper,
    "render": papers.cmd_render,
    "suggest": suggest_command.cmd_suggest,
    "export": export_command.cmd_export,
    "diff": changes.cmd_diff,
    "history": changes.cmd_history,
    "drift": papers.cmd_drift,
    "adopt": papers.cmd_adopt,
    "review": review_command.cmd_review,
}


def main(argv: Sequence[str] | None = None, out: Output | None = None) -> int:
    """Run one command; user errors are printed as file:line:column messages and exit 2."""
    args = build_parser().parse_args(argv)
    out = out or Output()
    command = args.command or "tui"
    try:
        if command == "import":
            return import_command.cmd_import(args, out)
        root = find_root(args.kb)
        if command == "tui":
            from policydesk.ui.app import run_app

            return run_app(root, getattr(args, "response", None))
        if command == "check":
            check = papers.cmd_check if args.responses else lib.cmd_check
            return check(load_knowledge_base(root), args, out)
        return COMMANDS[command](load_knowledge_base(root), args, out)
    except InputError as exc:
        print_problems(exc.problems)
        return 2
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        where = str(exc.filename) if exc.filename else "policydesk"
        hint = HINTS.get(exc.errno or 0, "check the path and try again")
        print_problems([Problem(where, None, None, exc.strerror or str(exc), hint)])
        return 2


def run(argv: Sequence[str] | None = None) -> int:
    """The `policydesk` command: `main` with safe output streams, and a clear report of any fault of ours."""
    streams.install()
    try:
        return main(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 2
    except Exception as exc:  # a fault in policydesk itself: report it, never a traceback
        return crash.report(exc, argv if argv is not None else sys.argv[1:])


if __name__ == "__main__":
    raise SystemExit(run())
