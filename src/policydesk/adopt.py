"""Record a signed-off response's edited wording as new versions of the positions it quotes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from policydesk.drift import Suggestion, drift
from policydesk.model.library import Library
from policydesk.model.position import Source, Version
from policydesk.model.problems import InputError, Problem
from policydesk.model.response import Response
from policydesk.render.assemble import document_title
from policydesk.render.house_style import house_style
from policydesk.store.edit import append_version
from policydesk.store.yaml_io import display_path


@dataclass(frozen=True)
class Adoption:
    """What adopt did, or would do: new versions written, and new text left as candidates."""

    adopted: list[tuple[str, Version]]
    candidates: list[tuple[str, str, Suggestion | None]]


def plan_adoption(response: Response, library: Library, response_path: Path) -> Adoption:
    """The versions a signed-off response would add; refuses, naming why, when it must not be adopted."""
    shown = display_path(response_path)
    if response.status not in ("signed-off", "submitted") or response.sign_off is None:
        raise InputError(
            Problem(
                shown,
                None,
                None,
                f"the response is '{response.status}', not signed off",
                "adopt records only wording that lead members approved; set status: signed-off "
                "and a sign_off record first",
            )
        )
    sign_off = response.sign_off
    if sign_off.by not in library.taxonomy.bodies:
        raise InputError(
            Problem(
                shown,
                None,
                None,
                f"the sign-off body '{sign_off.by}' is not a body in taxonomy.yaml",
                "add it under 'bodies:' in taxonomy.yaml, or correct sign_off.by",
            )
        )
    departures = drift(response, library)
    blocking = [d for d in departures if d.blocking]
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
    edited = [d.paragraph.position for d in departures if "edited" in d.flags]
    twice = sorted({pid for pid in edited if edited.count(pid) > 1})
    if twice:
        raise InputError(
            Problem(
                shown,
                None,
                None,
                f"{', '.join(twice)} is edited in more than one paragraph",
                "a position can take one new version per sign-off; merge the edits into one paragraph",
            )
        )
    title = document_title(response, house_style())
    adopted = []
    for departure in departures:
        if "edited" not in departure.flags:
            continue
        position = library.get(departure.paragraph.position or "")
        assert position is not None
        if sign_off.on <= position.updated:
            raise InputError(
                Problem(
                    shown,
                    None,
                    None,
                    f"{departure.where}: signed off on {sign_off.on}, not after the current version "
                    f"of {position.id} ({position.updated})",
                    "versions must be in date order; check the sign-off date",
                )
            )
        version = Version(
            date=sign_off.on,
            agreed_by=sign_off.by,
            status="agreed",
            stance=position.stance,
            text=departure.paragraph.text.strip() + "\n",
            source=Source(title, departure.where, link=f"responses/{response_path.name}"),
            note=f"Adopted from a signed-off response; stance carried over from the {position.updated} version.",
        )
        adopted.append((position.id, version))
    candidates = [(d.where, d.paragraph.text.strip(), d.suggestion) for d in departures if "new text" in d.flags]
    return Adoption(adopted, candidates)


def adopt(response: Response, library: Library, response_path: Path) -> Adoption:
    """Write each adopted version into its position file (atomically, refusing concurrent edits)."""
    adoption = plan_adoption(response, library, response_path)
    for position_id, version in adoption.adopted:
        position = library.get(position_id)
        assert position is not None and position.path is not None
        append_version(position.path, version)
    return adoption
