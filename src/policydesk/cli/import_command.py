"""`policydesk import QUESTIONS_DOC`: start a response holding every question of a consultation document."""

from __future__ import annotations

import argparse
from pathlib import Path

from policydesk.cli.output import Output
from policydesk.consultation import read_consultation
from policydesk.consultation.finder import FoundQuestion
from policydesk.model.problems import InputError, Problem
from policydesk.model.rules import slug_problem
from policydesk.store.atomic import Stamp
from policydesk.store.response_file import write_response
from policydesk.store.yaml_io import display_path

TYPE_NAMES = {"agreement": "agreement", "agree-disagree": "agree/disagree", "yes-no": "yes/no",
              "support-oppose": "support/oppose", "free-text": "free text", "choice": "choice"}  # fmt: skip


def _taken(path: Path) -> InputError:
    return InputError(
        Problem(
            display_path(path),
            None,
            None,
            "a response with this name already exists",
            "choose another name with --slug, or edit the existing file",
        )
    )


def _row(question: FoundQuestion) -> str:
    kind = TYPE_NAMES[question.scale or "choice"]
    limit = str(question.limit) if question.limit else ""
    return f"  {question.number:<5} {kind:<15} {limit:<17} {question.text}"


def cmd_import(args: argparse.Namespace, out: Output) -> int:
    if args.slug is not None and slug_problem(args.slug):
        raise InputError(
            Problem(
                args.slug,
                None,
                None,
                "the response name is not a lower-case slug",
                "use only a-z, 0-9 and single hyphens, e.g. --slug send-improvement-plan",
            )
        )
    if args.link and not args.link.startswith(("http://", "https://")):
        raise InputError(Problem("--link", None, None, f"'{args.link}' is not a web address", "start it https://"))
    folder = Path(args.dir)
    if args.slug and (folder / f"{args.slug}.yaml").exists():
        raise _taken(folder / f"{args.slug}.yaml")
    imported = read_consultation(
        args.document,
        slug=args.slug,
        title=args.title,
        department=args.department,
        closes=args.closes,
        link=args.link,
        include_about_you=args.all,
    )
    response = imported.response
    path = folder / f"{response.slug}.yaml"
    if path.exists():
        raise _taken(path)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_response(path, response, Stamp.absent())
    except OSError as exc:
        raise InputError(
            Problem(display_path(path), None, None, f"cannot write the response ({exc.strerror})", "give another --dir")
        ) from None
    questions = imported.questions
    chapters = f" under {imported.chapters} chapter headings" if imported.chapters else ""
    out.line(f"Wrote {display_path(path)}: {len(questions)} questions{chapters} from {display_path(args.document)}.")
    c = response.consultation
    closing = f", closes {c.closes.day} {c.closes:%B %Y}" if c.closes else ""
    out.line(f"Consultation: {c.title}, {c.department}{closing}")
    types = imported.answer_types()
    limited = sum(1 for q in questions if q.limit)
    out.line(
        "Answers: "
        + ", ".join(f"{types[t]} {TYPE_NAMES[t]}" for t in TYPE_NAMES if types.get(t))
        + f"; {limited} with a length limit."
    )
    if imported.about_you:
        out.line(f"Left out {len(imported.about_you)} 'About you' questions; --all imports them.")
    chapter = None
    for question in questions:
        if question.chapter != chapter and question.chapter:
            out.line(question.chapter)
        chapter = question.chapter
        out.line(_row(question))
    out.line(
        f"Next: 'policydesk suggest {display_path(path)}' lists the positions that answer each question; quote "
        f"them in the terminal UI (policydesk tui {display_path(path)}), then 'policydesk render' it."
    )
    return 0
