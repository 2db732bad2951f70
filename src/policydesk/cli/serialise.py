"""Plain-data forms of model objects, for --json output."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from policydesk.model.position import Position, Version
from policydesk.model.problems import Problem
from policydesk.search import Hit


def version_data(version: Version) -> dict[str, Any]:
    data = asdict(version)
    data["date"] = version.date.isoformat()
    return data


def position_data(position: Position, full: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": position.id,
        "title": position.title,
        "framework": position.framework,
        "pillar": position.pillar,
        "topics": list(position.topics),
        "tier": position.tier,
        "stance": position.stance,
        "date": position.updated.isoformat(),
    }
    if full:
        data |= {
            "owner": position.owner,
            "review_by": position.review_by.isoformat() if position.review_by else None,
            "catalogue_ids": list(position.catalogue_ids),
            "versions": [version_data(v) for v in position.versions],
        }
    return data


def hit_data(hit: Hit) -> dict[str, Any]:
    return position_data(hit.position, full=False) | {
        "score": hit.score,
        "matches_every_word": hit.complete,
        "title_spans": [list(s) for s in hit.title_spans],
        "text_spans": [list(s) for s in hit.text_spans],
    }


def problem_data(problem: Problem) -> dict[str, Any]:
    return asdict(problem)
