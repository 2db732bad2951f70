"""Every command's arguments, defined without importing what runs them, so `--version` and `--help` stay quick."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from policydesk import __version__
from policydesk.cli.parser import Parser

EXPORT_FORMATS = ("text", "markdown", "html", "pdf")


def positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number of 1 or more")
    return int(text)


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write it as YYYY-MM-DD") from None


def meeting_day(text: str) -> date:
    from policydesk.model.rules import parse_day

    try:
        return parse_day(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def purpose(text: str) -> str:
    """'direction' or 'For direction' -> 'For direction'."""
    from policydesk.model.paper import PURPOSES
    from policydesk.store.fields import suggest

    wanted = text.strip().rstrip(".").lower().removeprefix("for ").strip()
    for known in PURPOSES:
        if known.lower().removeprefix("for ") == wanted:
            return known
    raise argparse.ArgumentTypeError(
        f"'{text}' is not a purpose{suggest(text, PURPOSES)}; use one of: " + ", ".join(PURPOSES)
    )


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--framework", help="only positions under this framework")
    parser.add_argument("--pillar", help="only positions under this pillar")
    parser.add_argument("--topic", help="only positions tagged with this topic")
    parser.add_argument("--stance", help="only positions whose current stance is this")
    parser.add_argument("--tier", help="only positions of this tier (A, B, C or D)")
    parser.add_argument("--since", type=iso_date, help="only positions whose current version is this date or later")


def add_contact_options(parser: argparse.ArgumentParser, phone: str) -> None:
    parser.add_argument("--contact-name", default="Contact officer")
    parser.add_argument("--contact-position", default="Senior Adviser")
    parser.add_argument("--contact-email", default="contact.officer@local.gov.uk")
    parser.add_argument("--contact-phone", default=phone)


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
    _library_commands(sub)
    _response_commands(sub)
    _paper_commands(sub)
    _change_commands(sub)
    return parser


def _library_commands(sub: argparse._SubParsersAction) -> None:
    tui = sub.add_parser("tui", help="open the terminal UI (the default)")
    tui.add_argument("response", nargs="?", type=Path, help="a response file to open in the composer")

    check = sub.add_parser("check", help="validate the knowledge base, or response and paper files")
    check.add_argument("responses", nargs="*", metavar="FILE", help="response or board paper files to check instead")
    check.add_argument("--strict", action="store_true", help="exit 1 when there are warnings")
    check.add_argument("--json", action="store_true", help="print JSON")

    search = sub.add_parser("search", help="find positions by words, tolerating typos")
    search.add_argument("query")
    add_filter_options(search)
    search.add_argument("--limit", type=positive_int, default=20, help="most results to show (default 20)")
    search.add_argument("--all", action="store_true", help="also list positions that match only some of the words")
    search.add_argument("--json", action="store_true", help="print JSON")

    show = sub.add_parser("show", help="a position's text and provenance")
    show.add_argument("id")
    show.add_argument("--version", type=iso_date, metavar="DATE", help="show the version of this date")
    show.add_argument("--as-at", type=iso_date, metavar="DATE", help="show the line as it stood on this date")
    show.add_argument("--json", action="store_true", help="print JSON")

    listing = sub.add_parser("list", help="list positions, optionally filtered")
    add_filter_options(listing)
    listing.add_argument("--json", action="store_true", help="print JSON")


def _response_commands(sub: argparse._SubParsersAction) -> None:
    new = sub.add_parser("new", help="start a response file from a template")
    new.add_argument("slug", help="file name without .yaml, e.g. send-improvement-plan")
    new.add_argument("--title", required=True, help="the consultation's title")
    new.add_argument("--department", required=True, help="the government department consulting")
    new.add_argument("--closes", type=iso_date, help="closing date, YYYY-MM-DD")
    new.add_argument("--link", default="", help="web address of the consultation")
    new.add_argument("--dir", default="responses", help="folder for responses (default: responses)")
    add_contact_options(new, phone="")

    imported = sub.add_parser(
        "import",
        help="start a response from a consultation document's questions (.docx .odt .doc .html .md .txt .pdf)",
    )
    imported.add_argument("document", type=Path, metavar="QUESTIONS_DOC", help="the consultation document")
    imported.add_argument("--slug", help="file name of the response, without .yaml (default: from the title)")
    imported.add_argument("--title", help="the consultation's title (default: the document's)")
    imported.add_argument("--department", help="the department consulting (default: the one the document names)")
    imported.add_argument("--closes", type=iso_date, help="closing date, YYYY-MM-DD (default: the document's)")
    imported.add_argument("--link", help="web address of the consultation (default: the document's)")
    imported.add_argument("--all", action="store_true", help="also import the 'About you' questions")
    imported.add_argument("--dir", default="responses", help="folder for responses (default: responses)")

    render = sub.add_parser("render", help="write a response or board paper as a Word document")
    render.add_argument("response", type=Path, metavar="FILE", help="a response or board paper (papers/*.yaml)")
    render.add_argument("--out", type=Path, help="where to write the .docx (default: beside the YAML)")
    render.add_argument("--force", action="store_true", help="replace an existing file that policydesk did not write")
    render.add_argument("--clean", action="store_true", help="no tracked changes and no provenance comments")
    render.add_argument(
        "--draft", action="store_true", help="render even though it is unfinished (placeholder text, no contact yet)"
    )
    render.add_argument("--author", help="who our tracked changes are credited to (default: the contact officer)")

    suggest = sub.add_parser("suggest", help="for each question of a response, the positions that best answer it")
    suggest.add_argument("response", type=Path)
    suggest.add_argument("--question", metavar="N", help="only this question (its number, such as 3 or 3a)")
    suggest.add_argument(
        "--tier",
        metavar="A,P,...",
        help="tiers to suggest from, comma-separated (default A,P: agreed and proposed LGA views)",
    )
    suggest.add_argument("--limit", type=positive_int, default=5, help="suggestions per question (default 5)")
    suggest.add_argument("--json", action="store_true", help="print JSON")

    export = sub.add_parser("export", help="the response as text for an online form, markdown, a web page or a PDF")
    export.add_argument("response", type=Path)
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="what to write")
    export.add_argument(
        "--out", type=Path, help="where to write (default: text and markdown to the screen, html and pdf beside it)"
    )
    export.add_argument("--force", action="store_true", help="replace an existing file that policydesk did not write")

    review = sub.add_parser("review", help="read a reviewed Word document back into the response")
    review.add_argument("response", type=Path)
    review.add_argument("returned", type=Path, metavar="RETURNED.docx")
    review.add_argument("--apply", action="store_true", help="take the review into the response file")
    review.add_argument("--confirm-deletions", action="store_true", help="with --apply: remove deleted questions")
    review.add_argument(
        "--sent", metavar="ID", help="compare with this record of what was sent (default: the one the document names)"
    )
    review.add_argument("--json", action="store_true", help="print JSON")


def _paper_commands(sub: argparse._SubParsersAction) -> None:
    paper = sub.add_parser("paper", help="board papers: 'paper new' starts one in papers/")
    verbs = paper.add_subparsers(dest="paper_command", metavar="new", required=True)
    new = verbs.add_parser("new", help="start a board paper file from a template")
    new.add_argument("slug", help="file name without .yaml, e.g. stable-homes-initial-view")
    new.add_argument("--board", required=True, help="the board the paper goes to")
    new.add_argument(
        "--meeting", required=True, type=meeting_day, metavar="DATE", help="the meeting's date, YYYY-MM-DD"
    )
    new.add_argument("--title", required=True, help="the paper's title")
    new.add_argument("--purpose", required=True, type=purpose, help="information, discussion, direction or decision")
    new.add_argument("--dir", default="papers", help="folder for papers (default: papers)")
    add_contact_options(new, phone="020 7664 3000")


def _change_commands(sub: argparse._SubParsersAction) -> None:
    diff = sub.add_parser("diff", help="how a position changed between two versions")
    diff.add_argument("id")
    diff.add_argument("--from", dest="old", type=iso_date, metavar="DATE", help="earlier version (default: previous)")
    diff.add_argument("--to", dest="new", type=iso_date, metavar="DATE", help="later version (default: current)")
    diff.add_argument("--json", action="store_true", help="print JSON")

    history = sub.add_parser("history", help="a position's versions, with what changed each time")
    history.add_argument("id")
    history.add_argument("--json", action="store_true", help="print JSON")

    drift = sub.add_parser(
        "drift", help="where a response or paper departs from the agreed positions (exit 1 if it must not go ahead)"
    )
    drift.add_argument("response", type=Path, metavar="FILE", help="a response or board paper (papers/*.yaml)")
    drift.add_argument("--json", action="store_true", help="print JSON")

    adopt = sub.add_parser(
        "adopt", help="record the wording a signed-off response or a decided board paper agreed, as new versions"
    )
    adopt.add_argument("response", type=Path, metavar="FILE", help="a response or board paper (papers/*.yaml)")
    adopt.add_argument("--dry-run", action="store_true", help="say what would change without writing")
    adopt.add_argument(
        "--decided", type=iso_date, metavar="DATE", help="a paper only: the day the Board decided (YYYY-MM-DD)"
    )
    adopt.add_argument(
        "--as-amended",
        type=Path,
        metavar="FILE",
        help="a paper only: a YAML list of the Board's amendments by paragraph number (see docs/formats.md)",
    )
