"""Record a signed-off response's edited wording as new versions of the positions it quotes.

Adopting is all or nothing: every position file and the response are built and checked in memory, then
written together. Running it again after it finished, or after it was interrupted, completes what is left
and changes nothing else.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from policydesk.changes import readable
from policydesk.drift import Departure, Suggestion, drift
from policydesk.model.library import Library
from policydesk.model.position import Position, Source, Version
from policydesk.model.problems import InputError, Problem
from policydesk.model.response import Response
from policydesk.render.assemble import document_title
from policydesk.render.house_style import house_style
from policydesk.store.atomic import ChangedOnDisk, Planned, Stamp, write_all
from policydesk.store.edit import with_version
from policydesk.store.position_file import parse_position
from policydesk.store.response_file import LoadedResponse, response_bytes
from policydesk.store.yaml_io import display_path, read_bytes


@dataclass(frozen=True)
class Adoption:
    """What adopt did, or would do.

    `adopted`: new versions; `already`: positions that hold this response's wording from an earlier run;
    `candidates`: new text that could become positions; `response`: the response pinned to the new versions.
    """

    adopted: list[tuple[str, Version]]
    already: list[str]
    candidates: list[tuple[str, str, Suggestion | None]]
    response: Response


def repository_link(response_path: Path, kb_root: Path) -> str:
    """The response's path relative to the repository that holds the knowledge base (the folder with .git)."""
    root = kb_root.resolve()
    repository = next((folder for folder in (root, *root.parents) if (folder / ".git").exists()), root.parent)
    return Path(os.path.relpath(response_path.resolve(), repository)).as_posix()


@dataclass(frozen=True)
class Decision:
    """Who agreed the wording, on what day and in which document: what every version adopt adds records.

    `verb` says how the day came about in messages ("signed off", "decided"); `again` how wording is approved
    anew ("have it signed off again"); `note` opens each new version's note.
    """

    body: str
    on: date
    document: str
    link: str
    verb: str
    again: str
    note: str


def refuse_unknown_body(decision: Decision, library: Library, shown: str, what: str, field: str) -> None:
    """Only a body the taxonomy knows can agree a version; `what` names the body's role, `field` where it is set."""
    if decision.body not in library.taxonomy.bodies:
        raise InputError(
            Problem(
                shown,
                None,
                None,
                f"the {what} '{decision.body}' is not a body in taxonomy.yaml",
                f"add it under 'bodies:' in taxonomy.yaml, or correct {field}",
            )
        )


def plan_versions(
    departures: list[Departure],
    adoptable: list[tuple[Departure, str]],
    library: Library,
    decision: Decision,
    shown: str,
) -> tuple[list[tuple[str, Version]], list[Departure]]:
    """The versions to add for the `adoptable` departures (each with the paragraph its source names), and the
    departures an earlier run already recorded.

    Refuses, adding nothing, when any paragraph has a stale pin or a missing position or version, when one
    position would take two versions, or when a version would not come after the position's line.
    """

    def refuse(message: str, hint: str) -> InputError:
        return InputError(Problem(shown, None, None, message, hint))

    already = [d for d in departures if _already_adopted(d, library, decision.link, decision.on)]
    blocking = [d for d in departures if d.blocking and d not in already]
    if blocking:
        raise InputError(
            [
                Problem(
                    shown,
                    None,
                    None,
                    f"{d.where}: {', '.join(f for f in d.flags if f != 'edited')} "
                    f"({d.paragraph.position} {d.paragraph.version})",
                    f"update the pin to the current version, check the wording, and {decision.again}",
                )
                for d in blocking
            ]
        )
    chosen = [(d, paragraph) for d, paragraph in adoptable if d not in already]
    ids = [d.paragraph.position for d, _ in chosen]
    twice = sorted({pid for pid in ids if ids.count(pid) > 1})
    if twice:
        raise refuse(
            f"{', '.join(twice)} is edited in more than one paragraph",  # type: ignore[arg-type]
            f"a position can take only one new version dated {decision.on}; merge the edits into one paragraph",
        )
    adopted = []
    for departure, paragraph in chosen:
        position = library.get(departure.paragraph.position or "")
        assert position is not None
        if decision.on <= position.updated:
            raise refuse(
                f"{departure.where}: {decision.verb} on {decision.on}, not after the line of {position.id} "
                f"({position.line.date_text})",
                f"versions must be in date order; check the {decision.verb} date",
            )
        pinned = position.version(departure.paragraph.version)
        assert pinned is not None
        wording = departure.paragraph.text if departure.paragraph.edited else pinned.text
        adopted.append(
            (
                position.id,
                Version(
                    date=decision.on,
                    agreed_by=decision.body,
                    status="agreed",
                    stance=position.stance,
                    text=wording.strip() + "\n",
                    source=Source(decision.document, paragraph, link=decision.link),
                    note=f"{decision.note}; stance carried over from the {position.line.date_text} version.",
                ),
            )
        )
    return adopted, already


def plan_adoption(response: Response, library: Library, response_path: Path, kb_root: Path) -> Adoption:
    """The versions a signed-off response would add; refuses, naming why, when it must not be adopted."""
    shown = display_path(response_path)
    if response.status not in ("signed-off", "submitted") or response.sign_off is None:
        raise InputError(
            Problem(
                shown,
                None,
                None,
                f"the response is '{response.status}', not signed off",
                "adopt records only wording that lead members approved; set status: signed-off and a sign_off "
                "record first",
            )
        )
    sign_off = response.sign_off
    decision = Decision(
        sign_off.by,
        sign_off.on,
        document_title(response, house_style()),
        repository_link(response_path, kb_root),
        "signed off",
        "have it signed off again",
        "Adopted from a signed-off response",
    )
    refuse_unknown_body(decision, library, shown, "sign-off body", "sign_off.by")
    departures = drift(response, library)
    edited = [(d, d.where) for d in departures if "edited" in d.flags]
    adopted, already = plan_versions(departures, edited, library, decision, shown)
    candidates = [(d.where, d.paragraph.text.strip(), d.suggestion) for d in departures if "new text" in d.flags]
    pinned = _pinned(response, {pid for pid, _ in adopted} | {d.paragraph.position for d in already}, sign_off.on)
    return Adoption(adopted, [d.paragraph.position or "" for d in already], candidates, pinned)


def _already_adopted(departure: Departure, library: Library, link: str, on) -> bool:
    """A paragraph whose wording an earlier run of adopt already recorded (the run may have been cut short)."""
    paragraph = departure.paragraph
    position = library.get(paragraph.position or "") if paragraph.position else None
    if position is None or position.version(paragraph.version) is None:
        return False
    wording = readable(paragraph.text if paragraph.edited else position.version(paragraph.version).text)
    recorded = position.version(on)
    return (
        recorded is not None
        and paragraph.version != on
        and recorded.source.link == link
        and readable(recorded.text) == wording
    )


def _pinned(response: Response, adopted: set[str | None], on) -> Response:
    """The response with each adopted paragraph pinned to its new version and quoted as it now stands."""
    sections = []
    for section in response.sections:
        paragraphs = tuple(replace(p, version=on, text="") if p.position in adopted else p for p in section.paragraphs)
        sections.append(replace(section, paragraphs=paragraphs))
    return replace(response, sections=tuple(sections))


def adopt(loaded: LoadedResponse, library: Library, kb_root: Path) -> Adoption:
    """Write every adopted version and the re-pinned response together, or nothing at all."""
    assert loaded.response is not None
    adoption = plan_adoption(loaded.response, library, loaded.path, kb_root)
    planned = [position_write(library.get(pid), version, library) for pid, version in adoption.adopted]
    if adoption.response != loaded.response:
        planned.append(Planned(loaded.path, response_bytes(loaded.path, adoption.response, loaded.stamp), loaded.stamp))
    if planned:
        write_all(planned)
    return adoption


def position_write(position: Position | None, version: Version, library: Library) -> Planned:
    """The position file with the new version, checked by both readers before anything is written."""
    assert position is not None and position.path is not None
    path = position.path
    raw = read_bytes(path)
    loaded_as = Stamp(position.digest)
    if Stamp.of_bytes(raw) != loaded_as:
        raise ChangedOnDisk(
            Problem(
                display_path(path),
                None,
                None,
                "the file was changed on disk since the knowledge base was loaded, so nothing was written",
                "run adopt again: it will read the latest version",
            )
        )
    data = with_version(raw, path, version, tier="A" if position.tier == "P" else None)
    check_written(data, path, library)
    return Planned(path, data, loaded_as)


def check_written(data: bytes, path: Path, library: Library) -> None:
    """Refuse a position file that either reader (the fast one and the located one) would not load cleanly."""
    for fast in (True, False):
        written, problems = parse_position(data, path, library.taxonomy, fast=fast)
        errors = [p for p in problems if p.is_error]
        if written is None or errors:
            raise InputError(
                [
                    Problem(p.file, p.line, p.column, f"after adding the new version: {p.message}", p.hint)
                    for p in errors
                ]
                or Problem(display_path(path), None, None, "the new version could not be added", "check the file")
            )
