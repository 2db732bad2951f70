"""`policydesk suggest RESPONSE`: for each question, the positions that best answer it, with why."""

from __future__ import annotations

import argparse
from typing import Any

from policydesk.cli.output import Output
from policydesk.cli.response_commands import load_checked
from policydesk.model.library import Library
from policydesk.model.problems import InputError, Problem
from policydesk.model.response import Response
from policydesk.store.fields import suggest as nearest
from policydesk.store.knowledge_base import KnowledgeBase, require
from policydesk.store.yaml_io import display_path
from policydesk.suggest import DEFAULT_TIERS, Suggestion, suggester_for


def tiers_from(text: str | None, library: Library) -> tuple[str, ...] | None:
    if text is None:
        return None
    tiers = tuple(dict.fromkeys(t.strip().upper() for t in text.split(",") if t.strip()))
    unknown = [t for t in tiers if t not in library.taxonomy.tiers]
    if unknown or not tiers:
        known = ", ".join(library.taxonomy.tiers)
        raise InputError(
            Problem("--tier", None, None, f"unknown tier '{','.join(unknown) or text}'", f"give tiers from: {known}")
        )
    return tiers


def questions_to_answer(response: Response, number: str | None, shown: str) -> list[int]:
    """Indexes of the questions asked for: all of them, or the one numbered `number`."""
    questions = [i for i, s in enumerate(response.sections) if s.is_question]
    if number is None:
        if not questions:
            raise InputError(
                Problem(shown, None, None, "the response has no questions", "add questions, or import the consultation")
            )
        return questions
    found = [i for i in questions if response.sections[i].number == number]
    if not found:
        numbers = [response.sections[i].number or "" for i in questions]
        raise InputError(
            Problem(
                "--question",
                None,
                None,
                f"{shown} has no question {number}{nearest(number, numbers)}",
                "give one of: " + ", ".join(numbers) if numbers else "the response has no questions",
            )
        )
    return found


def suggestion_data(suggestion: Suggestion) -> dict[str, Any]:
    position = suggestion.position
    return {
        "id": position.id,
        "title": position.title,
        "tier": position.tier,
        "version": suggestion.version.date_text,
        "pin": suggestion.version.date.isoformat(),
        "score": suggestion.score,
        "reasons": [{"kind": r.kind, "text": r.text} for r in suggestion.reasons],
        "shared_terms": list(suggestion.shared_terms),
    }


def cmd_suggest(kb: KnowledgeBase, args: argparse.Namespace, out: Output) -> int:
    library = require(kb)
    loaded, _ = load_checked(args.response, library)
    if loaded.response is None:
        raise InputError([p for p in loaded.problems if p.is_error])
    response = loaded.response
    tiers = tiers_from(args.tier, library)
    suggester = suggester_for(library)
    results = [
        (index, suggester.suggest(response, index, tiers, args.limit))
        for index in questions_to_answer(response, args.question, display_path(args.response))
    ]
    if args.json:
        out.json(
            {
                "response": display_path(args.response),
                "tiers": list(tiers or DEFAULT_TIERS),
                "questions": [
                    {
                        "question": response.sections[i].number,
                        "text": response.sections[i].title,
                        "suggestions": [suggestion_data(s) for s in found],
                    }
                    for i, found in results
                ],
            }
        )
        return 0
    for count, (index, found) in enumerate(results):
        if count:
            out.line()
        out.line(response.sections[index].heading, "bold")
        if not found:
            out.line("  no position shares enough with this question; search the library for it")
        for rank, suggestion in enumerate(found, 1):
            position = suggestion.position
            out.line(f"  {rank}. {position.id} ({position.tier}, {suggestion.version.date_text}): {position.title}")
            for reason in suggestion.reasons:
                out.line(f"       - {reason.text}", "dim")
    return 0
