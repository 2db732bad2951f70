"""Record a signed-off response's edited wording as new versions of the positions it quotes.

Adopting is all or nothing: every position file and the response are built and checked in memory, then
written together. Running it again after it finished, or after it was interrupted, completes what is left
and changes nothing else.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
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


def plan_adoption(response: Response, library: Library, response_path: Path, kb_root: Path) -> Adoption:
    """The versions a signed-off response would add; refuses, naming why, when it must not be adopted."""
    shown = display_path(response_path)

    def refuse(message: str, hint: str) -> InputError:
        return InputError(Problem(shown, None, None, message, hint))

    if response.status not in ("signed-off", "submitted") or response.sign_off is None:
        raise refuse(
            f"the response is '{response.status}', not signed off",
            "adopt records only wording that lead members approved; set status: signed-off and a sign_off "
            "record first",
        )
    sign_off = response.sign_off
    if sign_off.by not in library.taxonomy.bodies:
        raise refuse(
            f"the sign-off body '{sign_off.by}' is not a body in taxonomy.yaml",
            "add it under 'bodies:' in taxonomy.yaml, or correct sign_off.by",
        )
    link = repository_link(response_path, kb_root)
    title = document_title(response, house_style())
    departures = drift(response, library)
    already = [d for d in departures if _already_adopted(d, library, link, sign_off.on)]
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
                    "update the pin to the current version, check the wording, and have it signed off again",
                )
                for d in blocking
            ]
        )
    edited = [d for d in departures if "edited" in d.flags and d not in already]
    ids = [d.paragraph.position for d in edited]
    twice = sorted({pid for pid in ids if ids.count(pid) > 1})
    if twice:
        raise refuse(
            f"{', '.join(twice)} is edited in more than one paragraph",  # type: ignore[arg-type]
            "a position can take one new version per sign-off; merge the edits into one paragraph",
        )
    adopted = []
    for departure in edited:
        position = library.get(departure.paragraph.position or "")
        assert position is not None
        if sign_off.on <= position.updated:
            raise refuse(
                f"{departure.where}: signed off on {sign_off.on}, not after the line of {position.id} "
                f"({position.line.date_text})",
                "versions must be in date order; check the sign-off date",
            )
        adopted.append(
            (
                position.id,
                Version(
                    date=sign_off.on,
                    agreed_by=sign_off.by,
                    status="agreed",
                    stance=position.stance,
                    text=departure.paragraph.text.strip() + "\n",
                    source=Source(title, departure.where, link=link),
                    note=f"Adopted from a signed-off response; stance carried over from the "
                    f"{position.line.date_text} version.",
                ),
            )
        )
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
        paragraphs = tuple(
            replace(p, version=on, text="") if p.position in adopted else p for p in section.paragraphs
        )
        sections.append(replace(section, paragraphs=paragraphs))
    return replace(response, sections=tuple(sections))


def adopt(loaded: LoadedResponse, library: Library, kb_root: Path) -> Adoption:
    """Write every adopted version and the re-pinned response together, or nothing at all."""
    assert loaded.response is not None
    adoption = plan_adoption(loaded.response, library, loaded.path, kb_root)
    planned = [_position_write(library.get(pid), version, library) for pid, version in adoption.adopted]
    if adoption.response != loaded.response:
        planned.append(
            Planned(loaded.path, response_bytes(loaded.path, adoption.response, loaded.stamp), loaded.stamp)
        )
    if planned:
        write_all(planned)
    return adoption


def _position_write(position: Position | None, version: Version, library: Library) -> Planned:
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
    return Planned(path, data, loaded_as)
