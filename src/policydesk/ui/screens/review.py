"""Go through what a reviewer left, one change or comment at a time: accept, reject, reply or resolve.

What is listed is what the draft holds: the proposals and review notes a returned Word copy brought in
(or an earlier one did, saved in the response file). Every decision is a change to the draft, so Ctrl+Z
undoes it and Ctrl+S saves it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from policydesk.diff import diff_words
from policydesk.model.response import Response
from policydesk.model.review import Proposal, ReviewNote
from policydesk.review.apply import draft_text
from policydesk.review.decisions import Owner, decide, notes_of, owners, proposals_of, reply, resolve
from policydesk.ui.screens.prompt import Prompt, confirm
from policydesk.ui.widgets.diff_view import diff_text
from policydesk.ui.widgets.key_bar import KeyBar

PROPOSAL_KEYS = [("A", "Accept the change"), ("R", "Reject it")]
NOTE_KEYS = [("Y", "Reply to the comment"), ("S", "Resolve or reopen")]
ALWAYS = [("O", "Bring in a returned copy"), ("Ctrl+Z", "Undo"), ("Ctrl+S", "Save"), ("Escape", "Back to the response")]


def keys_for(entry: Entry | None) -> list[tuple[str, str]]:
    """The keys that do something for the selected change or comment (or with nothing left to decide)."""
    if entry is None:
        return ALWAYS
    return [("↑ ↓", "Choose"), *(PROPOSAL_KEYS if entry.what == "proposal" else NOTE_KEYS), *ALWAYS]


@dataclass(frozen=True)
class Entry:
    """One thing to decide: proposal or note number `index` of `owner`."""

    owner: Owner
    what: str  # "proposal" or "note"
    index: int


def entries(response: Response) -> list[Entry]:
    """Every pending proposal and every note, in document order; deleting a whole question comes first."""
    found = []
    for owner in owners(response):
        proposals = proposals_of(response, owner)
        order = sorted(range(len(proposals)), key=lambda i: not _whole_question(proposals[i], owner))
        found += [Entry(owner, "proposal", i) for i in order]
        found += [Entry(owner, "note", i) for i in range(len(notes_of(response, owner)))]
    return found


def _whole_question(proposal: Proposal, owner: Owner) -> bool:
    return proposal.kind == "delete" and owner.paragraph is None and owner.section is not None and not proposal.field


def place(response: Response, owner: Owner) -> str:
    """'Question 2, paragraph 1', 'Question 2', or 'The response as a whole'."""
    if owner.section is None:
        return "The response as a whole"
    section = response.sections[owner.section]
    name = f"Question {section.number}" if section.is_question else section.title
    return name if owner.paragraph is None else f"{name}, paragraph {owner.paragraph + 1}"


def when(stamp: str) -> str:
    """A word processor's '2024-03-20T09:15:00Z' as '20 March 2024, 09:15'; anything else as written."""
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return stamp
    return f"{moment.day} {moment:%B %Y, %H:%M}"


def proposal_words(proposal: Proposal, owner: Owner) -> str:
    """What accepting the proposal would do, in a few words."""
    if proposal.field:
        return f"{'remove' if proposal.kind == 'delete' else 'change'} the {proposal.field}"
    if proposal.kind == "delete":
        return "delete the whole question" if owner.paragraph is None else "delete the paragraph"
    if proposal.kind == "insert":
        return "add a new paragraph"
    return "change the wording"


def flags(proposal: Proposal) -> str:
    said = []
    if proposal.untracked:
        said.append("made with Track Changes off")
    if proposal.moved:
        said.append("part of a move")
    if proposal.conflict:
        said.append("meets your own change")
    return f" ({'; '.join(said)})" if said else ""


class ReviewScreen(Screen):
    """Opened from the composer (v); the app holds the draft that every decision changes."""

    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("a", "accept", "Accept the change"),
        Binding("r", "reject", "Reject the change"),
        Binding("y", "reply", "Reply to the comment"),
        Binding("s", "resolve", "Resolve or reopen the comment"),
        Binding("o", "bring_in", "Bring in a returned Word copy"),
        Binding("ctrl+z", "undo", "Undo"),
        Binding("ctrl+y", "redo", "Redo"),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "app.pop_screen", "Back to the response"),
    ]

    def __init__(self, brought_in: list[str] | None = None) -> None:
        super().__init__()
        self.brought_in = brought_in or []
        self.listed: list[Entry] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="review-summary")
        with Horizontal():
            yield OptionList(id="review-items")
            with VerticalScroll(id="review-detail-scroll"):
                yield Static("", id="review-detail")
        yield KeyBar()

    @property
    def response(self) -> Response:
        return self.app.draft.document

    def on_mount(self) -> None:
        self.query_one("#review-items").border_title = "Changes and comments"
        self.refresh_list()
        self.query_one("#review-items").focus()

    def on_screen_resume(self) -> None:
        self.refresh_list()

    def refresh_list(self, keep: int | None = None) -> None:
        """List what the draft holds now; keep the cursor where it was (or on the next item)."""
        self.sub_title = self.app.composer_title()
        response = self.response
        self.listed = entries(response)
        items = self.query_one("#review-items", OptionList)
        at = items.highlighted if keep is None else keep
        items.clear_options()
        items.add_options([Option(self._label(e), id=str(i)) for i, e in enumerate(self.listed)])
        pending = sum(e.what == "proposal" for e in self.listed)
        open_notes = sum(e.what == "note" and not notes_of(response, e.owner)[e.index].resolved for e in self.listed)
        counts = f"{_count(pending, 'change')} to decide, {_count(open_notes, 'open comment')}."
        summary = [*self.brought_in, counts[0].upper() + counts[1:]]
        if not self.listed:
            summary.append("Nothing left to decide: Escape goes back to the response, O brings in a returned copy.")
        self.query_one("#review-summary", Static).update("\n".join(summary))
        if self.listed:
            items.highlighted = min(at or 0, len(self.listed) - 1)
        self.show_entry()

    def _label(self, entry: Entry) -> Text:
        response = self.response
        where = place(response, entry.owner)
        if entry.what == "proposal":
            proposal = proposals_of(response, entry.owner)[entry.index]
            style = "bold red" if proposal.conflict else "bold"
            return Text.assemble(
                (f"{where}\n", "dim"), (proposal_words(proposal, entry.owner), style), f"  {proposal.by}"
            )
        note = notes_of(response, entry.owner)[entry.index]
        status = ("resolved", "dim") if note.resolved else ("open", "bold magenta")
        return Text.assemble((f"{where}\n", "dim"), ("comment ", "bold"), status, f"  {note.by}")

    @property
    def entry(self) -> Entry | None:
        highlighted = self.query_one("#review-items", OptionList).highlighted
        return self.listed[highlighted] if highlighted is not None and highlighted < len(self.listed) else None

    @on(OptionList.OptionHighlighted, "#review-items")
    def highlighted(self) -> None:
        self.show_entry()

    def show_entry(self) -> None:
        detail = self.query_one("#review-detail", Static)
        entry = self.entry
        self.query_one(KeyBar).show(keys_for(entry))
        if entry is None:
            detail.update("")
            return
        if entry.what == "proposal":
            detail.update(self._proposal_view(entry.owner, proposals_of(self.response, entry.owner)[entry.index]))
        else:
            detail.update(_note_view(notes_of(self.response, entry.owner)[entry.index]))

    def _current(self, owner: Owner, proposal: Proposal) -> str:
        """What the proposal would replace, as the draft reads now."""
        response = self.response
        if owner.section is None:
            if proposal.field.startswith("key message "):
                number = int(proposal.field.removeprefix("key message ").split()[0])
                return response.key_messages[number - 1] if 0 < number <= len(response.key_messages) else ""
            return ""
        section = response.sections[owner.section]
        if owner.paragraph is not None:
            return draft_text(self.app.library)(section.paragraphs[owner.paragraph])
        return section.answer or "" if proposal.field == "answer" else section.heading

    def _proposal_view(self, owner: Owner, proposal: Proposal) -> RenderableType:
        head = Text.assemble(
            (proposal.by or "The reviewer", "bold"),
            f" proposes to {proposal_words(proposal, owner)}",
            f", {when(proposal.on)}" if proposal.on else "",
            flags(proposal),
            ".",
        )
        current = self._current(owner, proposal)
        parts: list[RenderableType] = [head, Text("")]
        if proposal.kind == "edit" and proposal.conflict:
            parts.append(Text("You changed this too since it was sent. Accepting replaces your wording:", "bold red"))
            sides = Table("Your wording now", "Their wording", expand=True, show_lines=True)
            sides.add_row(current, proposal.text)
            parts.append(sides)
        elif proposal.kind == "edit":
            parts.append(diff_text(diff_words(current.strip(), proposal.text.strip())))
        elif proposal.kind == "insert":
            parts.append(Text(proposal.text or current))
            parts.append(Text("\nAccept keeps the paragraph; reject removes it.", "dim"))
        else:
            parts.append(Text(current or proposal.text, "strike"))
            parts.append(Text("\nAccept deletes it; reject keeps it.", "dim"))
        return Group(*parts)

    # Decisions -------------------------------------------------------------------------------------------

    def _decide(self, decision: str) -> None:
        entry = self.entry
        if entry is None:
            return
        if entry.what != "proposal":
            self.notify("This is a comment: reply to it (y) or mark it resolved (s).")
            return
        proposal = proposals_of(self.response, entry.owner)[entry.index]
        if decision == "accept" and _whole_question(proposal, entry.owner):
            self._delete_question(entry)
            return
        self._apply(decide(self.response, entry.owner, entry.index, decision, draft_text(self.app.library)))
        self.notify(f"{'Accepted' if decision == 'accept' else 'Rejected'}: {proposal_words(proposal, entry.owner)}.")

    @work(exit_on_error=False)
    async def _delete_question(self, entry: Entry) -> None:
        where = place(self.response, entry.owner)
        if (
            await self.app.push_screen_wait(confirm(f"Delete {where} and all its paragraphs? (Ctrl+Z brings it back)"))
            == "y"
        ):
            self._apply(decide(self.response, entry.owner, entry.index, "accept", draft_text(self.app.library)))

    def _apply(self, response: Response) -> None:
        keep = self.query_one("#review-items", OptionList).highlighted
        self.app.change_draft(response)
        self.refresh_list(keep)

    def action_accept(self) -> None:
        self._decide("accept")

    def action_reject(self) -> None:
        self._decide("reject")

    @work(exit_on_error=False)
    async def action_reply(self) -> None:
        entry = self.entry
        if entry is None or entry.what != "note":
            self.notify("Choose a comment to reply to (changes are accepted or rejected).")
            return
        note = notes_of(self.response, entry.owner)[entry.index]
        text = await self.app.push_screen_wait(Prompt(f"Your reply to {note.by or 'the reviewer'}"))
        if not text or not text.strip():
            return
        contact = self.response.contact
        by = contact.name if contact else "LGA officer"
        on = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self._apply(reply(self.response, entry.owner, entry.index, by, on, text))
        self.notify("Reply added: the next Word document shows it in the comment's thread.")

    def action_resolve(self) -> None:
        entry = self.entry
        if entry is None or entry.what != "note":
            self.notify("Choose a comment to resolve (changes are accepted or rejected).")
            return
        note = notes_of(self.response, entry.owner)[entry.index]
        self._apply(resolve(self.response, entry.owner, entry.index, not note.resolved))
        self.notify("Comment reopened." if note.resolved else "Comment resolved: it stays in the file, not in Word.")

    def action_bring_in(self) -> None:
        self.app.bring_in_review()

    def action_undo(self) -> None:
        self.app.undo()
        self.refresh_list()

    def action_redo(self) -> None:
        self.app.redo()
        self.refresh_list()

    def action_save(self) -> None:
        self.app.save_draft()


def _said(by: str, on: str) -> Text:
    return Text.assemble((by or "the reviewer", "bold"), f", {when(on)}" if on else "")


def _note_view(note: ReviewNote) -> RenderableType:
    status = Text("resolved", "dim") if note.resolved else Text("open", "bold magenta")
    parts: list[RenderableType] = [Text.assemble("Comment from ", _said(note.by, note.on), " (", status, ")")]
    if note.anchor:
        parts.append(Text(f"On the words \u201c{note.anchor}\u201d", "dim"))
    if note.place:
        parts.append(Text(f"Made on: {note.place}", "dim"))
    parts += [Text(""), Text(note.text)]
    for answer in note.replies:
        parts += [Text(""), Text.assemble(("Reply from ", "dim"), _said(answer.by, answer.on), ":"), Text(answer.text)]
    return Group(*parts)


def _count(n: int, thing: str) -> str:
    return f"{'no' if n == 0 else n} {thing}{'s' * (n != 1)}"
