"""Check a loaded board paper: house structure (house-style.md §2 and §8), the knowledge base and the conventions."""

from __future__ import annotations

import re

from policydesk.model.library import Library
from policydesk.model.paper import CLOSING, OPENING, Paper
from policydesk.model.problems import Problem
from policydesk.render.markdown import MarkdownError, parse_markdown
from policydesk.response_checks import DocumentChecks
from policydesk.store.fields import suggest
from policydesk.store.paper_file import LoadedPaper

ANNEX_REFERENCE = re.compile(r"\b(Annex|Appendix)\s+(\w+)")
SUMMARY_PARAGRAPHS = 3


def check_paper(loaded: LoadedPaper, library: Library, conventions: bool = True) -> list[Problem]:
    """Structural problems from loading, then the house structure, cross-checks and convention warnings."""
    checks = DocumentChecks(loaded, loaded.problems, library, conventions)
    paper = loaded.paper
    if paper is None:
        return checks.problems
    _front_matter(checks, paper, library)
    _headings(checks, paper)
    proposed: dict[str, tuple] = {}
    for key, where, paragraph in paper.paragraphs():
        checks.paragraph(key, where, paragraph, stale_ok=paper.decided is not None)
        in_view = "lga_view" in key
        if in_view and paragraph.kind == "new":
            checks.report(
                key,
                f"{where} is new text, so adopting the paper records it nowhere",
                "make it a position (position: ID, version: DATE) or draft one (new_position: ID with title, "
                "pillar and stance)",
                "warning",
            )
        if paragraph.proposes is not None:
            _new_position(checks, key, where, paragraph.proposes, paper, library)
            if paragraph.proposes.id in proposed:
                checks.report(
                    (*key, "new_position"),
                    f"{where} drafts {paragraph.proposes.id} a second time",
                    "give each new position its own id, or merge the two paragraphs",
                )
            proposed[paragraph.proposes.id] = key
    sections = [(("sections", s), f'section "{section.heading}"', section) for s, section in enumerate(paper.sections)]
    for a, annex in enumerate(paper.annexes):
        sections += [
            (("annexes", a, "sections", s), f'annex {a + 1}, section "{section.heading}"', section)
            for s, section in enumerate(annex.sections)
        ]
    for key, label, section in sections:
        checks.levels((*key, "paragraphs"), label, section.paragraphs)
        levels = [p.level for p in section.paragraphs if not p.subheading]
        checks.levels((*key, "lga_view"), f"the LGA VIEW of {label}", section.lga_view, levels[-1] if levels else 0)
    _annex_references(checks, paper)
    return checks.problems


def _front_matter(checks: DocumentChecks, paper: Paper, library: Library) -> None:
    if paper.board not in library.taxonomy.bodies:
        checks.report(
            ("board",),
            f"the board '{paper.board}' is not a body in taxonomy.yaml{suggest(paper.board, library.taxonomy.bodies)}",
            "correct it, or add the board under 'bodies:' in taxonomy.yaml before the paper is adopted",
            "warning",
        )
    if paper.decided is not None and paper.decided < paper.meeting:
        checks.report(
            ("decided",),
            f"the paper was decided on {paper.decided}, before its meeting ({paper.meeting})",
            "correct 'decided:' or 'meeting:'",
        )
    checks.text(("summary",), paper.summary, "the summary", no_tables="the summary")
    if _paragraph_count(paper.summary) > SUMMARY_PARAGRAPHS:
        checks.report(
            ("summary",),
            f"the summary runs to more than {SUMMARY_PARAGRAPHS} paragraphs",
            "keep it to one to three paragraphs; the detail belongs in the body",
            "warning",
        )
    recommendations = paper.recommendations
    if recommendations is None:
        checks.report(
            ("recommendations",), "the paper has no recommendations", "add recommendations: That the Board ..."
        )
    else:
        if not recommendations.lead.startswith("That "):
            checks.report(
                ("recommendations",),
                "the recommendations do not start with 'That '",
                "write them as 'That the Board ...' (house-style.md §2.2)",
            )
        checks.text(("recommendations",), recommendations.lead, "the recommendations", no_tables="a recommendation")
        for i, item in enumerate(recommendations.items):
            checks.text(
                ("recommendations", "items", i), item, f"recommendation {chr(97 + i)})", no_tables="a recommendation"
            )
    if paper.contact is not None:
        checks.placeholder(("contact",), f"{paper.contact.name} {paper.contact.email}", "the contact")
    if paper.contact is not None and not paper.contact.phone:
        checks.report(
            ("contact",),
            "the contact details have no phone number",
            "add phone: to the contact; a paper's contact block gives one",
        )


def _paragraph_count(text: str) -> int:
    try:
        return sum(1 for block in parse_markdown(text) if block.kind == "para")
    except MarkdownError:
        return 0


def _headings(checks: DocumentChecks, paper: Paper) -> None:
    """Background first; Implications for Wales, Financial Implications, Equalities implications and Next steps
    last, exactly as written, each with a paragraph."""
    headings = [s.heading for s in paper.sections]
    if not headings or headings[0] != OPENING:
        found = f"'{headings[0]}'" if headings else "nothing"
        checks.report(
            ("sections", 0),
            f"the body opens with {found}, not '{OPENING}'",
            f"make the first section 'heading: {OPENING}'",
        )
    tail = headings[-len(CLOSING) :] if len(headings) >= len(CLOSING) else []
    if tail != list(CLOSING):
        wrong = next((i for i, (w, e) in enumerate(zip(tail, CLOSING, strict=False)) if w != e), None)
        if wrong is None:
            checks.report(
                ("sections",),
                f"the body does not end with the sections {', '.join(CLOSING)}",
                "add them, in that order, as the last four sections (house-style.md §2.3)",
            )
            return
        index = len(headings) - len(CLOSING) + wrong
        checks.report(
            ("sections", index, "heading"),
            f"section {index + 1} is '{tail[wrong]}'{suggest(tail[wrong], CLOSING)}, but the body's last four "
            f"sections must be {', '.join(CLOSING)}, in that order",
            f"write 'heading: {CLOSING[wrong]}' exactly as shown (house-style.md §2.3)",
        )
        return
    for index in range(len(headings) - len(CLOSING), len(headings)):
        section = paper.sections[index]
        if not any(p.position or (p.text.strip() and not p.subheading) for p in section.paragraphs + section.lga_view):
            checks.report(
                ("sections", index),
                f"'{section.heading}' has no paragraph",
                "give it at least one, such as 'None.' or 'There are no financial implications for the LGA.'",
            )


def _new_position(checks: DocumentChecks, key: tuple, where: str, proposal, paper: Paper, library: Library) -> None:
    taxonomy = library.taxonomy
    existing = library.get(proposal.id)
    if existing is not None and paper.decided is None:
        checks.report(
            (*key, "new_position"),
            f"{where}: {proposal.id} is already in the knowledge base",
            "quote it with 'position:' and 'version:' instead, or choose another id",
        )
    if proposal.pillar not in taxonomy.pillars:
        checks.report(
            (*key, "pillar"),
            f"{where}: unknown pillar '{proposal.pillar}'{suggest(proposal.pillar, taxonomy.pillars)}",
            "use a pillar defined in taxonomy.yaml",
        )
    if proposal.stance not in taxonomy.stances:
        checks.report(
            (*key, "stance"),
            f"{where}: unknown stance '{proposal.stance}'{suggest(proposal.stance, taxonomy.stances)}",
            f"use one of: {', '.join(taxonomy.stances)}",
        )
    for topic in proposal.topics:
        if topic not in taxonomy.topics:
            checks.report(
                (*key, "topics"),
                f"{where}: unknown topic '{topic}'{suggest(topic, taxonomy.topics)}",
                "use a topic defined in taxonomy.yaml, or add it there with a definition",
            )


def _annex_references(checks: DocumentChecks, paper: Paper) -> None:
    """Every "Annex N" in the text names an annex the paper has (house-style.md §8 check 12)."""
    texts = [(("summary",), paper.summary)] + [(key, p.text) for key, _, p in paper.paragraphs()]
    for key, text in texts:
        for match in ANNEX_REFERENCE.finditer(text):
            label, number = match.groups()
            if label == "Appendix":
                checks.report(
                    key,
                    f"'{match.group()}': this paper labels its annexes 'Annex 1', 'Annex 2', ...",
                    "refer to it as Annex N",
                    "warning",
                )
            elif not number.isdigit() or not 1 <= int(number) <= len(paper.annexes):
                checks.report(
                    key,
                    f"'{match.group()}' names an annex the paper does not have (it has {len(paper.annexes)})",
                    "correct the reference or add the annex",
                    "warning",
                )
