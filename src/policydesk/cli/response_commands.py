"""Commands over response files: new, check RESPONSE and render."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from policydesk.cli.output import Output, counted, print_problems
from policydesk.cli.serialise import problem_data
from policydesk.documents import RESPONSE, Kind
from policydesk.model.library import Library
from policydesk.model.problems import InputError, Problem
from policydesk.model.response import Consultation, Contact, starter
from policydesk.model.rules import PLACEHOLDER, SLUG_HINT, email_problem, link_problem, slug_problem, text_problem
from policydesk.render.assemble import RenderOptions
from policydesk.render.pipeline import render_to_bytes
from policydesk.spelling import INSTALL_HINT, dictionary_installed
from policydesk.store.atomic import Stamp, write_atomic
from policydesk.store.document_file import Located
from policydesk.store.knowledge_base import KnowledgeBase, require
from policydesk.store.outputs import output_path
from policydesk.store.response_file import LoadedResponse, write_response
from policydesk.store.sent import new_sent_id, record_sent
from policydesk.store.yaml_io import display_path


def contact_from(args: argparse.Namespace) -> Contact:
    return Contact(args.contact_name, args.contact_position, args.contact_email, args.contact_phone)


NEW_FILE_HINTS = {
    "response": "check the path, or create one with 'policydesk new SLUG'",
    "paper": "check the path, or create one with 'policydesk paper new SLUG ...'",
}


def load_checked(
    path: Path, library: Library, conventions: bool = False, kind: Kind = RESPONSE
) -> tuple[LoadedResponse, list[Problem]]:
    """The response (or another `kind` of document) and its problems; the writing conventions and spelling only
    when asked (for `check`)."""
    if not path.is_file():
        raise InputError(Problem(str(path), None, None, f"no such {kind.noun} file", NEW_FILE_HINTS[kind.noun]))
    loaded = kind.read(path)
    return loaded, kind.check(loaded, library, conventions)  # type: ignore[return-value]


def load_error_free(path: Path, library: Library, kind: Kind = RESPONSE) -> Located:
    """The document, or an InputError naming every error in it: for commands that cannot go on past one."""
    loaded, problems = load_checked(path, library, kind=kind)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise InputError(errors)
    return loaded


Loader = Callable[[Path, Library, bool], tuple[Located, list[Problem]]]


def cmd_check_responses(kb: KnowledgeBase, args: argparse.Namespace, out: Output, load: Loader = load_checked) -> int:
    library = require(kb)
    results = [load(Path(p), library, True) for p in args.responses]
    problems = [p for _, found in results for p in found]
    if args.json:
        out.json({"problems": [problem_data(p) for p in problems]})
    else:
        print_problems(problems)
        for loaded, found in results:
            errors = sum(p.is_error for p in found)
            out.line(f"{loaded.shown}: {counted(errors, 'error')}, {counted(len(found) - errors, 'warning')}")
        if not dictionary_installed():
            out.line(f"note: {INSTALL_HINT}")
    if any(p.is_error for p in problems):
        return 2
    return 1 if problems and args.strict else 0


def cmd_new(kb: KnowledgeBase, args: argparse.Namespace, out: Output) -> int:
    why = slug_problem(args.slug)
    if why:
        raise InputError(Problem(args.slug, None, None, f"the response name {why}", SLUG_HINT))
    _refuse_bad_details(args)
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
        Consultation(args.title.strip(), args.department.strip(), args.closes, args.link.strip()),
        contact_from(args),
    )
    make_folder(folder)
    write_response(path, response, Stamp.absent())
    out.line(
        f"Wrote {display_path(path)}. Add positions in the terminal UI, or edit the file and run "
        f"'policydesk render {display_path(path)}'."
    )
    return 0


def _refuse_bad_details(args: argparse.Namespace) -> None:
    """The same rules the response file is read with, so `new` never writes a file that `check` refuses."""
    refuse_bad_options(
        args,
        [
            ("--title", text_problem(args.title)),
            ("--department", text_problem(args.department)),
            ("--link", link_problem(args.link)),
        ],
    )


def refuse_bad_options(args: argparse.Namespace, checks: list[tuple[str, str | None]]) -> None:
    """Refuse every option whose value the file readers would refuse, the contact options included."""
    checks = checks + [
        ("--contact-name", text_problem(args.contact_name)),
        ("--contact-position", text_problem(args.contact_position)),
        ("--contact-email", email_problem(args.contact_email)),
        ("--contact-phone", text_problem(args.contact_phone, required=False)),
    ]
    problems = [
        Problem(option, None, None, f"{option} {why}", "correct it and run the command again")
        for option, why in checks
        if why
    ]
    if problems:
        raise InputError(problems)


def make_folder(folder: Path) -> None:
    """Create `folder` and its parents, or say plainly why not."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise InputError(
            Problem(display_path(folder), None, None, "is a file, not a folder", "choose another folder")
        ) from None
    except OSError as exc:
        raise InputError(
            Problem(display_path(folder), None, None, f"cannot be created ({exc.strerror})", "choose another folder")
        ) from None


def cmd_render(kb: KnowledgeBase, args: argparse.Namespace, out: Output) -> int:
    library = require(kb)
    loaded, problems = load_checked(args.response, library)

    def render(sent_id: str) -> bytes:
        options = RenderOptions(clean=args.clean, author=_author(args.author), sent_id=sent_id)
        return render_to_bytes(loaded.response, library, options)

    def record(sent_id: str, data: bytes) -> Path:
        return record_sent(args.response, sent_id, loaded.response, data, loaded.stamp)

    return write_rendered(args, out, problems, render, record)


def write_rendered(
    args: argparse.Namespace,
    out: Output,
    problems: list[Problem],
    render: Callable[[str], bytes],
    record: Callable[[str, bytes], Path] | None = None,
) -> int:
    """Refuse a file with errors (placeholders aside, with --draft); otherwise write the document `render` makes
    where --out (or the default) says, and keep a copy of what was sent (`record`)."""
    errors = [p for p in problems if p.is_error and not (args.draft and p.code == PLACEHOLDER)]
    if errors:
        raise InputError(errors)
    target = output_path(args.response, args.out, args.force)
    sent_id = new_sent_id(args.response)
    data = render(sent_id)
    make_folder(target.parent)
    write_atomic(target, data)
    kept = record(sent_id, data) if record is not None else None
    kind = "clean" if args.clean else "with tracked changes against the agreed text"
    drafted = any(p.code == PLACEHOLDER for p in problems)
    sent = f"; a copy of what was sent is kept as {display_path(kept)}" if kept else ""
    out.line(f"Wrote {display_path(target)} ({kind}{'; a draft: it is not finished yet' * drafted}){sent}.")
    return 0


def _author(name: str | None) -> str | None:
    if name is None:
        return None
    why = text_problem(name)
    if why:
        raise InputError(Problem("--author", None, None, f"--author {why}", "give the officer's name"))
    return name.strip()
