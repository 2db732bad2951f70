"""Board papers on the command line: `paper new`, and `check` and `render` for a file that is a paper."""

from __future__ import annotations

import argparse
from pathlib import Path

from policydesk.cli import response_commands as resp
from policydesk.cli.output import Output, print_problems
from policydesk.documents import PAPER, kind_of_file
from policydesk.model.library import Library
from policydesk.model.paper import starter
from policydesk.model.problems import InputError, Problem
from policydesk.model.rules import SLUG_HINT, slug_problem, text_problem
from policydesk.render.assemble import RenderOptions
from policydesk.render.pipeline import paper_to_bytes
from policydesk.store.atomic import Stamp
from policydesk.store.document_file import Located
from policydesk.store.fields import suggest
from policydesk.store.knowledge_base import KnowledgeBase, require
from policydesk.store.paper_file import LoadedPaper, is_paper_file, write_paper
from policydesk.store.yaml_io import display_path


def cmd_paper(kb: KnowledgeBase, args: argparse.Namespace, out: Output) -> int:
    why = slug_problem(args.slug)
    if why:
        raise InputError(Problem(args.slug, None, None, f"the paper name {why}", SLUG_HINT))
    resp.refuse_bad_options(args, [("--board", text_problem(args.board)), ("--title", text_problem(args.title))])
    folder = Path(args.dir)
    path = folder / f"{args.slug}.yaml"
    if path.exists():
        raise InputError(
            Problem(
                display_path(path),
                None,
                None,
                "a paper with this name already exists",
                "choose another name, or edit the existing file",
            )
        )
    paper = starter(
        args.slug, args.board.strip(), args.meeting, args.title.strip(), args.purpose, resp.contact_from(args)
    )
    if kb.library.taxonomy.bodies and paper.board not in kb.library.taxonomy.bodies:
        print_problems(
            [
                Problem(
                    "--board",
                    None,
                    None,
                    f"'{paper.board}' is not a body in taxonomy.yaml{suggest(paper.board, kb.library.taxonomy.bodies)}",
                    "add it there before the paper is adopted",
                    "warning",
                )
            ]
        )
    resp.make_folder(folder)
    write_paper(path, paper, Stamp.absent())
    out.line(
        f"Wrote {display_path(path)}. Replace the placeholders, add LGA VIEW paragraphs from the knowledge "
        f"base, and run 'policydesk render {display_path(path)}'."
    )
    return 0


def load_checked_paper(path: Path, library: Library, conventions: bool = False) -> tuple[LoadedPaper, list[Problem]]:
    return resp.load_checked(path, library, conventions, PAPER)  # type: ignore[return-value]


def load_checked_any(path: Path, library: Library, conventions: bool = False) -> tuple[Located, list[Problem]]:
    """A response or a paper, whichever the file is."""
    return resp.load_checked(path, library, conventions, kind_of_file(path))


def cmd_check(kb: KnowledgeBase, args: argparse.Namespace, out: Output) -> int:
    return resp.cmd_check_responses(kb, args, out, load=load_checked_any)


def cmd_render(kb: KnowledgeBase, args: argparse.Namespace, out: Output) -> int:
    if not is_paper_file(args.response):
        return resp.cmd_render(kb, args, out)
    library = require(kb)
    loaded, problems = load_checked_paper(args.response, library)
    options = RenderOptions(clean=args.clean)
    return resp.write_rendered(args, out, problems, lambda _sent: paper_to_bytes(loaded.paper, library, options))
