"""Check a loaded response against the knowledge base, the markdown subset and the house conventions."""

from __future__ import annotations

from policydesk.model.library import Library
from policydesk.model.problems import Problem
from policydesk.render.lint import lint_text
from policydesk.render.markdown import MarkdownError, parse_markdown
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

    def text_checks(key: tuple, text: str, where: str) -> None:
        try:
            parse_markdown(text)
        except MarkdownError as exc:
            report(key, f"{where}: {exc.message}", exc.hint)
        for finding in lint_text(text):
            report(key, f"{where}: {finding.message}", finding.hint, "warning")

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
        text_checks(("key_messages", i), message, f"key message {i + 1}")
    for s, section in enumerate(response.sections):
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
