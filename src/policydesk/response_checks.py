"""Check a loaded response against the knowledge base, the markdown subset and the house conventions."""

from __future__ import annotations

import contextlib
from bisect import bisect_right
from collections.abc import Sequence

from policydesk.answer_text import over_limit, section_count
from policydesk.model.library import Library
from policydesk.model.problems import Problem, Severity
from policydesk.model.response import Paragraph, Response
from policydesk.model.rules import DATE_ORDER, PLACEHOLDER, STALE_PIN, day_month_year, placeholder_problem
from policydesk.render.lint import Finding, lint_text
from policydesk.render.markdown import MarkdownError, parse_markdown, table_lines
from policydesk.spelling import speller_for
from policydesk.store.document_file import Located, Where
from policydesk.store.fields import suggest
from policydesk.store.response_file import LoadedResponse


class DocumentChecks:
    """What responses and papers are both checked for, each problem placed on the file line it comes from."""

    def __init__(self, loaded: Located, problems: list[Problem], library: Library, conventions: bool = True):
        """`conventions` adds the house writing conventions and spelling, as warnings (only `check` shows them)."""
        self.loaded, self.library, self.conventions = loaded, library, conventions
        self.problems = list(problems)
        self.speller = speller_for(library.taxonomy.house_words)
        self._source: list[str] | None = None
        self._starts: list[int] | None = None

    def report(self, key: tuple, message: str, hint: str, severity: Severity = "error", code: str = "") -> None:
        line, column = self.loaded.locate(*key)
        self.problems.append(Problem(self.loaded.shown, line, column, message, hint, severity, code))

    def placeholder(self, key: tuple, text: str, where: str) -> None:
        """Text a new file was started with, still there: an error, except in a draft render."""
        why = placeholder_problem(text)
        if why:
            self.report(
                key,
                f"{where} {why}",
                "write what it should say (a draft can be rendered with --draft, or d in the terminal UI)",
                code=PLACEHOLDER,
            )

    def report_at_line(self, key: tuple, text: str, line: int | None, message: str, hint: str) -> None:
        """Report on the file line holding `line` (1-based) of a field's text, not just the field's first line."""
        where_line, column = self.loaded.locate(*key)
        if line is not None and "\n" in text.rstrip("\n"):
            where_line, column = where_line + line, 1  # a block scalar: its text starts on the next line
        elif line is not None:
            where_line += line - 1
        self.problems.append(Problem(self.loaded.shown, where_line, column, message, hint))

    def text(self, key: tuple, text: str, where: str, no_tables: str = "") -> None:
        """The markdown subset, then the house writing conventions (as warnings); `no_tables` names what may
        hold no table ("a key message")."""
        self.placeholder(key, text, where)
        try:
            blocks = parse_markdown(text)
        except MarkdownError as exc:
            self.report_at_line(key, text, exc.line, f"{where}: {exc.message}", exc.hint)
            blocks = []
        if no_tables and any(b.kind == "table" for b in blocks):
            self.report(key, f"{where}: {no_tables} cannot hold a table", "move the table to a section")
        tables = table_lines(text) if blocks else set()
        for finding in lint_text(text, tables, self.speller) if self.conventions else ():
            line, column = self.spot(key, text, finding)
            self.problems.append(
                Problem(self.loaded.shown, line, column, f"{where}: {finding.message}", finding.hint, "warning")
            )

    def spot(self, key: tuple, text: str, finding: Finding) -> Where:
        """The file line and column of a finding in a field's text: the same occurrence of what was found,
        searched for in the file from where the field's value starts (the field's own place if not found)."""
        start = first_line, first_column = self.loaded.locate(*key)
        lines = self.source_lines()
        if not lines or first_line is None or first_column is None or "\n" in finding.found or not finding.found:
            return start
        later = text.count(finding.found, 0, finding.offset)
        for index in range(first_line - 1, self.field_end(first_line, len(lines))):
            row, at = lines[index], first_column - 1 if index == first_line - 1 else 0
            while (at := row.find(finding.found, at)) >= 0:
                if not later:
                    return index + 1, at + 1
                later, at = later - 1, at + len(finding.found)
        return start

    def field_end(self, first_line: int, last: int) -> int:
        """The line (1-based, exclusive as an index) where the next located field starts: a field's words are
        looked for only in its own lines."""
        if self._starts is None:
            self._starts = sorted({line for line, _ in self.loaded.where.values() if line})
        at = bisect_right(self._starts, first_line)
        return self._starts[at] if at < len(self._starts) else last

    def source_lines(self) -> list[str]:
        """The lines of the file as read (none for a document that is only in memory, which has no places)."""
        if self._source is None:
            self._source = []
            if self.loaded.where:
                with contextlib.suppress(OSError):
                    self._source = self.loaded.path.read_text(encoding="utf-8", errors="replace").splitlines()
        return self._source

    def paragraph(self, key: tuple, where: str, paragraph: Paragraph, stale_ok: bool = False) -> None:
        """Its wording, and for a quotation that the position and pinned version exist and the pin is current."""
        if paragraph.text.strip():
            self.text((*key, "text"), paragraph.text, where)
        if paragraph.position is None:
            if not paragraph.text.strip() and not paragraph.subheading:
                self.report(
                    key, f"{where} is empty", "write it or delete it; it is left out of the Word document", "warning"
                )
            return
        position = self.library.get(paragraph.position)
        if position is None:
            self.report(
                (*key, "position"),
                f"{where}: position '{paragraph.position}' is not in the knowledge base"
                + suggest(paragraph.position, self.library.ids),
                "run 'policydesk search WORDS' to find the id",
            )
            return
        dates = [v.date for v in position.versions]
        if paragraph.version not in dates:
            self.report(
                (*key, "version"),
                f"{where}: {position.id} has no version dated {paragraph.version}",
                "pin one of: " + ", ".join(d.isoformat() for d in dates),
            )
        elif paragraph.version > position.updated:
            version = position.version(paragraph.version)
            assert version is not None
            self.report(
                (*key, "version"),
                f"{where}: quotes a later note of {position.id} ({version.when}, {version.provenance}), "
                f"not its line ({position.line.when})",
                f"check that this is meant; to quote the line, pin {position.line.date_text}",
                "warning",
            )
        elif paragraph.version != position.updated and not stale_ok:
            self.report(
                (*key, "version"),
                f"{where}: pinned version {paragraph.version} of {position.id} is older than its line "
                f"({position.line.date_text})",
                f"run 'policydesk diff {position.id} --from {paragraph.version}' and update the pin",
                "warning",
                STALE_PIN,
            )

    def levels(self, key: tuple, label: str, paragraphs: Sequence[Paragraph], previous: int = 0) -> None:
        """Warn where numbering levels jump; `previous` is the level of the paragraph before these (0: none)."""
        for p, message, hint in level_jumps(paragraphs, previous):
            self.report((*key, p, "level"), f"{label}, paragraph {p + 1}: {message}", hint, "warning")


def check_response(loaded: LoadedResponse, library: Library, conventions: bool = True) -> list[Problem]:
    """Structural problems from loading, then cross-checks and convention warnings, each located."""
    checks = DocumentChecks(loaded, loaded.problems, library, conventions)
    response = loaded.response
    if response is None:
        return checks.problems
    if not 1 <= len(response.key_messages) <= 7:
        checks.report(
            ("key_messages",),
            f"there are {len(response.key_messages)} key messages",
            "give between 1 and 7 key messages, as bullets",
            code=PLACEHOLDER if not response.key_messages else "",
        )
    if response.contact is None:
        checks.report(
            ("contact",),
            "the response has no contact officer",
            "add contact: {name, position, email}",
            code=PLACEHOLDER,
        )
    else:
        checks.placeholder(("contact",), f"{response.contact.name} {response.contact.email}", "the contact")
    if response.contact is not None and not response.contact.phone:
        checks.report(("contact",), "the contact has no phone number", "add phone: to the contact", "warning")
    date_order(checks, response)
    for i, message in enumerate(response.key_messages):
        checks.text(("key_messages", i), message, f"key message {i + 1}", no_tables="a key message")
    for s, section in enumerate(response.sections):
        checks.placeholder(("sections", s), section.title, f"the text of {section.label}")
        if section.limit is not None and over_limit(section, count := section_count(section, library)):
            used = count.words if section.limit.unit == "words" else count.characters
            checks.report(
                ("sections", s),
                f"{section.label}: the answer is {used:,} {section.limit.unit}, "
                f"{over_limit(section, count):,} over the question's limit of {section.limit}",
                "shorten it; 'policydesk export RESPONSE --format text' shows every answer's length",
                "warning",
            )
        checks.levels(("sections", s, "paragraphs"), section.label, section.paragraphs)
        for p, paragraph in enumerate(section.paragraphs):
            checks.paragraph(("sections", s, "paragraphs", p), f"{section.label}, paragraph {p + 1}", paragraph)
    return checks.problems


def date_order(checks: DocumentChecks, response: Response) -> None:
    """Warn of dates a lead member would query: a response dated after the consultation closed, or signed off
    after the date it carries. Either can be right (a late response agreed with the department), so not errors."""
    closes, dated, signed = response.consultation.closes, response.date, response.sign_off
    if closes and dated and dated > closes:
        checks.report(
            ("date",),
            f"the response is dated {day_month_year(dated)}, after the consultation closed on {day_month_year(closes)}",
            "check the response's date: and the consultation's closes:; if it went in late by agreement, leave them",
            "warning",
            DATE_ORDER,
        )
    if signed and dated and signed.on > dated:
        checks.report(
            ("sign_off", "on"),
            f"the response was signed off on {day_month_year(signed.on)}, after the date it carries "
            f"({day_month_year(dated)})",
            "check the response's date: and sign_off: on:; a response carries a date on or after its sign-off",
            "warning",
            DATE_ORDER,
        )


def level_jumps(paragraphs: Sequence[Paragraph], previous: int = 0) -> list[tuple[int, str, str]]:
    """Paragraph levels that number oddly: a section opening below level 1 ("1.1." then "2."), or a skipped level."""
    found = []
    for index, paragraph in enumerate(paragraphs):
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
