"""The `policydesk` command: argparse front end; opens the terminal UI only when asked."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from policydesk.cli import streams
from policydesk.cli.arguments import build_parser

if TYPE_CHECKING:
    from policydesk.cli.output import Output

COMMANDS = {
    "search": "library_commands:cmd_search",
    "show": "library_commands:cmd_show",
    "list": "library_commands:cmd_list",
    "new": "response_commands:cmd_new",
    "paper": "paper_commands:cmd_paper",
    "render": "paper_commands:cmd_render",
    "suggest": "suggest_command:cmd_suggest",
    "export": "export_command:cmd_export",
    "diff": "change_commands:cmd_diff",
    "history": "change_commands:cmd_history",
    "drift": "paper_changes:cmd_drift",
    "adopt": "paper_changes:cmd_adopt",
    "review": "review_command:cmd_review",
}
"""Each command's function, as module:name under policydesk.cli, imported only when that command runs."""


def command_function(name: str) -> Callable[..., int]:
    module, function = COMMANDS[name].split(":")
    return getattr(importlib.import_module(f"policydesk.cli.{module}"), function)


def main(argv: Sequence[str] | None = None, out: Output | None = None) -> int:
    """Run the command named, or the terminal UI when none is; the keys typed while it starts are kept for it."""
    args = build_parser().parse_args(argv)
    if (args.command or "tui") == "tui":
        from policydesk.cli.terminal import keys_kept_for_the_ui

        with keys_kept_for_the_ui():
            return _run_command(args, out)
    return _run_command(args, out)


def _run_command(args: argparse.Namespace, out: Output | None) -> int:
    """The command `args` names; user errors are printed as file:line:column messages and exit 2."""
    from policydesk.cli.output import Output, print_problems
    from policydesk.model.problems import InputError, Problem
    from policydesk.store.atomic import HINTS
    from policydesk.store.knowledge_base import find_root, load_knowledge_base

    out = out or Output()
    command = args.command or "tui"
    try:
        if command == "import":
            from policydesk.cli.import_command import cmd_import

            return cmd_import(args, out)
        root = find_root(args.kb)
        if command == "tui":
            from policydesk.ui.app import run_app

            return run_app(root, getattr(args, "response", None))
        if command == "check":
            module = "paper_commands" if args.responses else "library_commands"
            check = importlib.import_module(f"policydesk.cli.{module}").cmd_check
            return check(load_knowledge_base(root), args, out)
        return command_function(command)(load_knowledge_base(root), args, out)
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
        from policydesk.cli import crash

        return crash.report(exc, argv if argv is not None else sys.argv[1:])


if __name__ == "__main__":
    raise SystemExit(run())
