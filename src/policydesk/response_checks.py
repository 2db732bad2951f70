"""Check a loaded response against the knowledge base, the markdown subset and the house conventions."""

from __future__ import annotations

from policydesk.answer_text import over_limit, section_count
from policydesk.model.library import Library
from policydesk.model.problems import Problem
from policydesk.model.response import Section
from policydesk.render.lint import lint_text
from policydesk.render.markdown import MarkdownError, parse_markdown, table_lines
from policydesk.store.fields import suggest
from policydesk.store.response_file import LoadedResponse


def check_response(loaded: LoadedResponse, library: Library) -> list[Problem]:
    """Structural problems from loading, then cross-checks and convention warnings, each located."""
    problems = list(loaded.problems)
    response = loaded.response
    if response is None:
        return problems

    def report(key: tuple, message: str, hint: str, severity: str = "error") -> None:
        line, column = loaded.locate(*key)
        problems.append(Problem(loaded.shown, line, column, message, hint, severity))  # type: ignore[arg-type]

    def text_checks(key: tuple, text: str, where: str, tables_allowed: bool = True) -> None:
        try:
            blocks = parse_markdown(text)
        except MarkdownError as exc:
            report_at_line(key, text, exc.line, f"{where}: {exc.message}", exc.hint)
            blocks = []
        if not tables_allowed and any(b.kind == "table" for b in blocks):
            report(key, f"{where}: a key message cannot hold a table", "move the table to a section")
        tables = table_lines(text) if blocks else set()
        for finding in lint_text(text, tables):
            report(key, f"{where}: {finding.message}", finding.hint, "warning")

    def report_at_line(key: tuple, text: str, line: int | None, message: str, hint: str) -> None:
        """Report on the file line holding `line` (1-based) of a field's text, not just the field's first line."""
        where_line, column = loaded.locate(*key)
        if line is not None and "\n" in text.rstrip("\n"):
            where_line, column = where_line + line, 1  # a block scalar: its text starts on the next line
        elif line is not None:
            where_line += line - 1
        problems.append(Problem(loaded.shown, where_line, column, message, hint))

    if not 1 <= len(response.key_messages) <= 7:
        report(
            ("key_messages",),
            f"there are {len(response.key_messages)} key messages",
            "give between 1 and 7 key messages, as bullets",
        )
    if response.contact is None:
        report(("contact",), "the response has no contact officer", "add contact: {name, position, email}")
    elif not response.contact.phone:
        report(("contact",), "the contact has no phone number", "add phone: to the contact", "warning")
    for i, message in enumerate(response.key_messages):
        text_checks(("key_messages", i), message, f"key message {i + 1}", tables_allowed=False)
    for s, section in enumerate(response.sections):
        if section.limit is not None and over_limit(section, count := section_count(section, library)):
            used = count.words if section.limit.unit == "words" else count.characters
            report(
                ("sections", s),
                f"{section.label}: the answer is {used:,} {section.limit.unit}, "
                f"{over_limit(section, count):,} over the question's limit of {section.limit}",
                "shorten it; 'policydesk export RESPONSE --format text' shows every answer's length",
                "warning",
            )
        for p, message, hint in level_jumps(section):
            report(
                ("sections", s, "paragraphs", p, "level"),
                f"{section.label}, paragraph {p + 1}: {message}",
                hint,
                "warning",
            )
        for p, paragraph in enumerate(section.paragraphs):
            key = ("sections", s, "paragraphs", p)
            where = f"{section.label}, paragraph {p + 1}"
            if paragraph.text.strip():
                text_checks((*key, "text"), paragraph.text, where)
            if paragraph.position is None:
                if not paragraph.text.strip() and not paragraph.subheading:
                    report(key, f"{where} is empty", "write it or delete it; it is left out of the Word document",
                           "warning")
                continue
            position = library.get(paragraph.position)
            if position is None:
                report(
                    (*key, "position"),
                    f"{where}: position '{paragraph.position}' is not in the knowledge base"
                    + suggest(paragraph.position, library.ids),
                    "run 'policydesk search WORDS' to find the id",
                )
                continue
            dates = [v.date for v in position.versions]
            if paragraph.version not in dates:
                report(
                    (*key, "version"),
                    f"{where}: {position.id} has no version dated {paragraph.version}",
                    "pin one of: " + ", ".join(d.isoformat() for d in dates),
                )
            elif paragraph.version != position.updated:
                report(
                    (*key, "version"),
                    f"{where}: pinned version {paragraph.version} of {position.id} is not the "
                    f"current one ({position.updated})",
                    f"run 'policydesk diff {position.id} --from {paragraph.version}' and update the pin",
                    "warning",
                )
    return problems


def level_jumps(section: Section) -> list[tuple[int, str, str]]:
    """Paragraph levels that number oddly: a section opening below level 1 ("1.1." then "2."), or a skipped level."""
    found = []
    previous = 0
    for index, paragraph in enumerate(section.paragraphs):
        if paragraph.subheading:
            continue
        if previous == 0 and paragraph.level > 1:
            found.append(
                (
                    index,
                    f"the section's first paragraph is level {paragraph.level}, so it is numbered as a sub-paragraph "
                    "of the paragraph before the section (1.1. at the start of a response)",
                    "make it level 1, or put a level 1 paragraph before it",
                )
            )
        elif paragraph.level > previous + 1:
            found.append(
                (
                    index,
                    f"level {paragraph.level} follows a level {previous} paragraph, so a numbering level is skipped",
                    f"make it level {previous + 1}",
                )
            )
        previous = paragraph.level
    return found
