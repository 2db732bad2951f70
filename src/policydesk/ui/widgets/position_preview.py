"""A position's line with who stands behind it, what was said since, and its versions, as one renderable."""

from __future__ import annotations

import re
from datetime import date

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.text import Text

from policydesk.model.library import Library
from policydesk.model.position import Position, Version
from policydesk.model.rules import day_month_year
from policydesk.model.taxonomy import Taxonomy

STANDING_STYLE = {"agreed": "bold green", "proposed": "bold yellow", "note": "bold magenta"}


def standing_line(version: Version) -> Text:
    """'Proposed: put to the Children and Young People Board, 14 March 2023 (no decision recorded)'."""
    label = {
        "agreed": "Agreed line",
        "published": "Published line",
        "proposed": "Proposed line",
        "noted": "Line put to the board for information",
    }.get(version.status, "A note, not an LGA line")
    return Text.assemble(
        (label, STANDING_STYLE[version.standing]),
        f": {version.provenance}, {version.when}",
        (f" ({version.standing_note})", "dim"),
    )


def tier_words(tier: str, taxonomy: Taxonomy) -> str:
    """'B (from a board's minutes)': the letter, then where such a position comes from (the taxonomy's words up to
    the first colon or comma), so that 'Tier A proposed…' cannot be misread."""
    meaning = re.split("[:,]", taxonomy.tiers.get(tier, ""))[0].rstrip(".")
    return f"{tier} ({meaning[:1].lower()}{meaning[1:]})" if meaning else tier


def position_preview(position: Position, library: Library, as_at: date | None = None) -> RenderableType:
    """The panel beside the results: `position` as it stands (or stood on `as_at`), in plain words throughout."""
    taxonomy = library.taxonomy
    shown = position.line_as_at(as_at) if as_at else position.line
    if shown is None:
        return Text(f"{position.title}\nNothing was recorded for this position by {day_month_year(as_at)}.", "dim")
    head = Text(position.title, style="bold")
    when = Text(f"As it stood on {day_month_year(as_at)}", "bold cyan") if as_at else Text("")
    facts = Text.assemble(
        ("Source ", "dim"),
        shown.source.cite(),
        "\n",
        ("Pillar ", "dim"),
        taxonomy.pillar_title(position.pillar),
        "\n",
        ("Stance ", "dim"),
        shown.stance,
        ("   Tier ", "dim"),
        tier_words(position.tier, taxonomy),
        *((("   Review by ", "dim"), day_month_year(position.review_by)) if position.review_by else ()),
        "\n",
        ("Topics ", "dim"),
        ", ".join(taxonomy.topic_title(t) for t in position.topics),
    )
    parts: list[RenderableType] = [head, *([when] if as_at else []), standing_line(shown), facts, Text("")]
    parts.append(Markdown(shown.text))
    if shown.note:
        parts.append(Text(f"Note: {shown.note}", style="italic"))
    later = [v for v in position.versions if v.date > shown.date and (as_at is None or v.date <= as_at)]
    if later:
        parts.append(Text("\nSince then:", "bold"))
        for version in later:
            first = " ".join(version.text.split())
            parts.append(Text(f"  {version.when}, {version.provenance}: {first[:200]}{'…' * (len(first) > 200)}"))
        parts.append(Text("  Quote a later note only on purpose: Enter opens the versions, a quotes one.", "dim"))
    if position.related:
        titles = [found.title if (found := library.get(pid)) else pid for pid in position.related]
        parts.append(Text("\nRead with: " + "; ".join(titles), "italic"))
    timeline = Text("\nVersions: ", style="dim")
    for version in position.versions:
        marker = "●" if version is shown else "○"
        timeline.append(f"{marker} {version.when} {version.status_word}  ", style="bold" if version is shown else "")
    parts.append(timeline)
    return Group(*parts)
