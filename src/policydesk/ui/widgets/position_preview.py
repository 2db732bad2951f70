"""A position's current text, provenance, tags and version timeline, as one renderable."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.text import Text

from policydesk.model.position import Position
from policydesk.model.taxonomy import Taxonomy


def position_preview(position: Position, taxonomy: Taxonomy) -> RenderableType:
    current = position.line
    head = Text(position.title, style="bold")
    facts = Text.assemble(
        (f"{position.id}", "dim"),
        "\n",
        ("Agreed by ", "dim"),
        f"{current.agreed_by}, {current.date} ({current.status})",
        "\n",
        ("Source ", "dim"),
        current.source.cite() + (f" [{current.source.seed}]" if current.source.seed else ""),
        "\n",
        ("Pillar ", "dim"),
        taxonomy.pillar_title(position.pillar),
        "\n",
        ("Stance ", "dim"),
        current.stance,
        ("   Tier ", "dim"),
        position.tier,
        *((("   Review by ", "dim"), str(position.review_by)) if position.review_by else ()),
        "\n",
        ("Topics ", "dim"),
        ", ".join(position.topics),
    )
    timeline = Text("Versions: ", style="dim")
    for version in position.versions:
        marker = "●" if version is current else "○"
        timeline.append(f"{marker} {version.date} {version.stance}  ", style="bold" if version is current else "")
    parts: list[RenderableType] = [head, facts, Text(""), Markdown(current.text)]
    if current.note:
        parts.append(Text(f"Note: {current.note}", style="italic"))
    parts += [Text(""), timeline]
    return Group(*parts)
