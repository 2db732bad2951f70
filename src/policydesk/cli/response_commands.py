"""Commands over response files: new, check RESPONSE and render."""

from __future__ import annotations

import argparse
from pathlib import Path

from policydesk.cli.library_commands import iso_date
from policydesk.cli.output import Output, print_problems
from policydesk.cli.serialise import problem_data
from policydesk.model.library import Library
from policydesk.model.problems import InputError, Problem
from policydesk.model.response import Consultation, Contact, starter
from policydesk.model.rules import SLUG
from policydesk.render.assemble import RenderOptions
from policydesk.render.pipeline import render_to_bytes
from policydesk.response_checks import check_response
from policydesk.store.atomic import Stamp, write_atomic
from policydesk.store.knowledge_base import KnowledgeBase, require
from policydesk.store.response_file import LoadedResponse, read_response, write_response
from policydesk.store.yaml_io import display_path


def add_commands(sub: argparse._SubParsersAction) -> None:
    new = sub.add_parser("new", help="start a response file from a template")
    new.add_argument("slug", help="file name without .yaml, e.g. send-improvement-plan")
    new.add_argument("--title", required=True, help="the consultation's title")
    new.add_argument("--department", required=True, help="the government department consulting")
    new.add_argument("--closes", type=iso_date, help="closing date, YYYY-MM-DD")
    new.add_argument("--link", default="", help="web address of the consultation")
    new.add_argument("--dir", default="responses", help="folder for responses (default: responses)")
    new.add_argument("--contact-name", default="Contact officer")
    new.add_argument("--contact-position", default="Senior Adviser")
    new.add_argument("--contact-email", default="contact.officer@local.gov.uk")
    new.add_argument("--contact-phone", default="")

    render = sub.add_parser("render", help="write the response as a Word document")
    render.add_argument("response", type=Path)
    render.add_argument("--out", type=Path, help="where to write the .docx (default: beside the YAML)")
    render.add_argument("--clean", action="store_true", help="no tracked changes and no provenance comments")


def load_checked(path: Path, library: Library) -> tuple[LoadedResponse, list[Problem]]:
    if not path.is_file():
        raise InputError(
            Problem(
                str(path),
                None,
                None,
                "no such response file",
                "check the path, or create one with 'policydesk new SLUG'",
            )
        )
    loaded = read_response(path)
    return loaded, check_response(loaded, library)


def cmd_check_responses(kb: KnowledgeBase, args: argparse.Namespace, out: Output) -> int:
    library = require(kb)
    results = [load_checked(Path(p), library) for p in args.responses]
    problems = [p for _, found in results for p in found]
    if args.json:
        out.json({"problems": [problem_data(p) for p in problems]})
    else:
        print_problems(problems)
        for loaded, found in results:
            errors = sum(p.is_error for p in found)
            out.line(f"{loaded.shown}: {errors} errors, {len(found) - errors} warnings")
    if any(p.is_error for p in problems):
        return 2
    return 1 if problems and args.strict else 0


def cmd_new(kb: KnowledgeBase, args: argparse.Namespace, out: Output) -> int:
    if not SLUG.match(args.slug):
        raise InputError(
            Problem(
                args.slug,
                None,
                None,
                "the response name is not a lower-case slug",
                "use only a-z, 0-9 and single hyphens, e.g. send-improvement-plan",
            )
        )
    folder = Path(args.dir)
    path = folder / f"{args.slug}.yaml"
    if path.exists():
        raise InputError(
            Problem(
                display_path(path),
                None,
                None,
                "a response with this name already exists",
                "choose another name, or edit the existing file",
            )
        )
    response = starter(
        args.slug,
        Consultation(args.title, args.department, args.closes, args.link),
        Contact(args.contact_name, args.contact_position, args.contact_email, args.contact_phone),
    )
    folder.mkdir(parents=True, exist_ok=True)
    write_response(path, response, Stamp.absent())
    out.line(
        f"Wrote {display_path(path)}. Add positions in the terminal UI, or edit the file and run "
        f"'policydesk render {display_path(path)}'."
    )
    return 0


def cmd_render(kb: KnowledgeBase, args: argparse.Namespace, out: Output) -> int:
    library = require(kb)
    loaded, problems = load_checked(args.response, library)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise InputError(errors)
    assert loaded.response is not None
    target = args.out or args.response.with_suffix(".docx")
    if not target.parent.is_dir():
        raise InputError(
            Problem(
                str(target), None, None, "the output folder does not exist", "create it first, or choose another --out"
            )
        )
    data = render_to_bytes(loaded.response, library, RenderOptions(clean=args.clean))
    write_atomic(target, data)
    kind = "clean" if args.clean else "with tracked changes against the agreed text"
    out.line(f"Wrote {display_path(target)} ({kind}).")
    return 0
