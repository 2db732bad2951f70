"""Record what a board agreed in a paper: new versions of the positions it quotes, and its new positions.

As with responses (see adopt.py), every file is built and checked by both readers in memory, then written
together; running it again completes an interrupted run and otherwise changes nothing. The paper keeps the
wording put to the Board (its tracked changes stay a record of the proposal); adopt only notes `decided:`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from policydesk.adopt import (
    Decision,
    check_written,
    plan_versions,
    position_write,
    refuse_unknown_body,
    repository_link,
)
from policydesk.changes import readable
from policydesk.drift import Departure, measure
from policydesk.model.library import Library
from policydesk.model.paper import Amendment, Key, NewPosition, Paper, PaperParagraph
from policydesk.model.position import Source, Version
from policydesk.model.problems import InputError, Problem
from policydesk.render.paper_layout import paragraph_numbers
from policydesk.store.atomic import Planned, Stamp, write_all
from policydesk.store.edit import new_position_bytes
from policydesk.store.paper_file import LoadedPaper, paper_bytes
from policydesk.store.yaml_io import display_path


@dataclass(frozen=True)
class Created:
    """A position the paper drafted, agreed: the file it goes in and its one version."""

    proposal: NewPosition
    path: Path
    version: Version
    owner: str = ""


@dataclass(frozen=True)
class PaperAdoption:
    """What adopt did, or would do: versions added, positions created, those an earlier run already recorded,
    paragraphs the Board did not agree, and the paper with its decision date."""

    adopted: list[tuple[str, Version]]
    created: list[Created]
    already: list[str]
    not_agreed: list[str]
    paper: Paper


def plan_paper_adoption(
    paper: Paper,
    library: Library,
    paper_path: Path,
    kb_root: Path,
    decided: date,
    amendments: list[Amendment] = (),  # type: ignore[assignment]
    today: date | None = None,
) -> PaperAdoption:
    """What adopting the paper as decided on `decided` (with the Board's amendments) would write; refuses,
    naming why, when it must not be adopted."""
    shown = display_path(paper_path)

    def refuse(message: str, hint: str) -> InputError:
        return InputError(Problem(shown, None, None, message, hint))

    if paper.purpose == "For information":
        raise refuse(
            "the paper is 'For information', so the Board decided nothing on it",
            "adopt records what a board agreed; a paper for direction, discussion or decision can be adopted",
        )
    if decided < paper.meeting:
        raise refuse(
            f"--decided {decided} is before the meeting ({paper.meeting})",
            "give the day the Board decided: the meeting, or a later day",
        )
    if decided > (today or date.today()):
        raise refuse(f"--decided {decided} is in the future", "adopt records a decision already made")
    if paper.decided is not None and paper.decided != decided:
        raise refuse(
            f"the paper was adopted as decided on {paper.decided}",
            f"run it again with --decided {paper.decided}, or correct 'decided:' in the paper",
        )
    decision = Decision(
        paper.board,
        decided,
        paper.title,
        repository_link(paper_path, kb_root),
        "decided",
        "put it to the Board again",
        "Adopted from a board paper",
    )
    refuse_unknown_body(decision, library, shown, "board", "board: in the paper")
    numbers = paragraph_numbers(paper, library)
    changes = _amendments_by_key(paper, numbers, amendments, shown)
    departures: list[Departure] = []
    adoptable: list[tuple[Departure, str]] = []
    proposals: list[tuple[str, PaperParagraph]] = []
    not_agreed = []
    for key, _, paragraph in paper.paragraphs():
        if paragraph.kind not in ("quoted", "proposed"):
            continue
        number = numbers[key]
        amendment = changes.get(key)
        if amendment is not None and not amendment.agreed:
            not_agreed.append(number)
            continue
        if amendment is not None:
            paragraph = replace(paragraph, text=amendment.text)
        if paragraph.proposes is not None:
            proposals.append((number, paragraph))
            continue
        departure = measure(paragraph, library, f"paragraph {number}")
        departures.append(departure)
        if "edited" in departure.flags or _proposed_line(departure, library):
            adoptable.append((departure, number))
    _refuse_other_wording(
        [(d.where, d.paragraph.position, _wording(d, library)) for d in departures], library, decision, shown
    )
    _refuse_other_wording(
        [(f"paragraph {n}", p.proposes.id, p.text) for n, p in proposals if p.proposes], library, decision, shown
    )
    adopted, already = plan_versions(departures, adoptable, library, decision, shown)
    created, created_before = _new_positions(proposals, library, decision, kb_root, shown)
    return PaperAdoption(
        adopted,
        created,
        [d.paragraph.position or "" for d in already] + created_before,
        not_agreed,
        replace(paper, decided=decided),
    )


def _amendments_by_key(
    paper: Paper, numbers: dict[Key, str], amendments: list[Amendment], shown: str
) -> dict[Key, Amendment]:
    """Each amendment matched to the paragraph its number names: a view the Board could agree or change."""
    keys: dict[str, list[Key]] = {}
    for key, number in numbers.items():
        keys.setdefault(number, []).append(key)
    kinds = {key: paragraph.kind for key, _, paragraph in paper.paragraphs()}
    found, problems = {}, []
    for amendment in amendments:
        named = keys.get(amendment.paragraph, [])
        adoptable = [key for key in named if kinds[key] in ("quoted", "proposed")]
        if len(adoptable) == 1:
            found[adoptable[0]] = amendment
            continue
        if not named:
            why = f"the paper has no paragraph {amendment.paragraph}"
            hint = "use the numbers printed in the paper, such as 12, 7.1 or '3 of Annex 1'"
        elif not adoptable:
            why = f"paragraph {amendment.paragraph} quotes no position and drafts none, so adopt records nothing for it"
            hint = "amend only the LGA view paragraphs: quoted positions and new positions"
        else:
            why = f"paragraph {amendment.paragraph} is shared by {len(adoptable)} views"
            hint = "give each view its own numbered paragraph in the paper, then amend it"
        problems.append(Problem(shown, None, None, f"--as-amended: {why}", hint))
    if problems:
        raise InputError(problems)
    return found


def _wording(departure: Departure, library: Library) -> str:
    """The words a paragraph puts to the Board: its edited text, or the pinned version's."""
    paragraph = departure.paragraph
    position = library.get(paragraph.position or "")
    pinned = position.version(paragraph.version) if position else None
    return paragraph.text if paragraph.edited or pinned is None else pinned.text


def _refuse_other_wording(
    views: list[tuple[str, str | None, str]], library: Library, decision: Decision, shown: str
) -> None:
    """An earlier adopt of this paper on this day recorded other wording: most likely it was given amendments."""
    problems = []
    for where, pid, wording in views:
        position = library.get(pid or "")
        recorded = position.version(decision.on) if position else None
        if (
            recorded is not None
            and recorded.source.link == decision.link
            and (readable(recorded.text) != readable(wording))
        ):
            problems.append(
                Problem(
                    shown,
                    None,
                    None,
                    f"{where}: {pid} already holds other wording from this paper, dated {decision.on}",
                    "run adopt again with the same --as-amended file as before",
                )
            )
    if problems:
        raise InputError(problems)


def _proposed_line(departure: Departure, library: Library) -> bool:
    """A verbatim quotation of a line that is only proposed or noted: agreeing the paper makes it agreed."""
    paragraph = departure.paragraph
    position = library.get(paragraph.position or "")
    if position is None or "verbatim" not in departure.flags:
        return False
    pinned = position.version(paragraph.version)
    return pinned is position.line and pinned.standing != "agreed"


def _new_positions(
    proposals: list[tuple[str, PaperParagraph]], library: Library, decision: Decision, kb_root: Path, shown: str
) -> tuple[list[Created], list[str]]:
    """A file for each new position the paper drafts, or its id when an earlier run already created it."""
    created, before = [], []
    for number, paragraph in proposals:
        proposal = paragraph.proposes
        assert proposal is not None
        wording = paragraph.text.strip() + "\n"
        existing = library.get(proposal.id)
        if existing is not None:
            recorded = existing.version(decision.on)
            if (
                recorded is not None
                and recorded.source.link == decision.link
                and (readable(recorded.text) == readable(wording))
            ):
                before.append(proposal.id)
                continue
            raise InputError(
                Problem(
                    shown,
                    None,
                    None,
                    f"paragraph {number}: {proposal.id} is already in the knowledge base",
                    "the paper must draft a new id, or quote the existing position with 'position:'",
                )
            )
        version = Version(
            date=decision.on,
            agreed_by=decision.body,
            status="agreed",
            stance=proposal.stance,
            text=wording,
            source=Source(decision.document, number, link=decision.link),
            note=f"{decision.note}, which drafted it as a new position.",
        )
        folder, owner = _home(proposal, library, kb_root)
        path = folder / f"{proposal.id}.yaml"
        if path.exists() or path.is_symlink():
            raise InputError(
                Problem(
                    display_path(path),
                    None,
                    None,
                    f"paragraph {number} drafts {proposal.id}, but this file "
                    "exists and is not a position the knowledge base loaded",
                    "remove or rename the file",
                )
            )
        created.append(Created(proposal, path, version, owner))
    return created, before


def _home(proposal: NewPosition, library: Library, kb_root: Path) -> tuple[Path, str]:
    """Where a new position goes, and who owns it: with most of its pillar's positions (else its framework's),
    or at the top of the knowledge base."""
    framework = library.taxonomy.framework_of(proposal.pillar)
    for same in (lambda p: p.pillar == proposal.pillar, lambda p: framework is not None and p.framework == framework):
        kin = [p for p in library if same(p) and p.path is not None]
        if kin:
            folder = Counter(p.path.parent for p in kin).most_common(1)[0][0]  # type: ignore[union-attr]
            owners = Counter(p.owner for p in kin if p.owner).most_common(1)
            return folder, owners[0][0] if owners else ""
    return kb_root, ""


def adopt_paper(
    loaded: LoadedPaper,
    library: Library,
    kb_root: Path,
    decided: date,
    amendments: list[Amendment] = (),  # type: ignore[assignment]
) -> PaperAdoption:
    """Write every new version, every new position and the paper's decision date together, or nothing at all."""
    assert loaded.paper is not None
    adoption = plan_paper_adoption(loaded.paper, library, loaded.path, kb_root, decided, amendments)
    planned = [position_write(library.get(pid), version, library) for pid, version in adoption.adopted]
    for new in adoption.created:
        p = new.proposal
        framework = library.taxonomy.framework_of(p.pillar)
        data = new_position_bytes(p.id, p.title, p.pillar, framework, p.topics, new.owner, new.version)
        check_written(data, new.path, library)
        planned.append(Planned(new.path, data, Stamp.absent()))
    if adoption.paper != loaded.paper:
        planned.append(Planned(loaded.path, paper_bytes(loaded.path, adoption.paper, loaded.stamp), loaded.stamp))
    if planned:
        write_all(planned)
    return adoption
