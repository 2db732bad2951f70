"""What the response and paper composers share: an outline, in-place editing of paragraphs with the live
departure from the agreed line, quoting positions, moving and deleting, undo, save and render.

A subclass says how its document is laid out: its outline, the keys for each kind of item, and how to find,
replace, insert, move and delete the item selected. Items are tuples whose first element names their kind;
every document has ("para", ...) items, its paragraphs.
"""

from __future__ import annotations

from dataclasses import replace

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static, TextArea, Tree

from policydesk.diff import diff_words
from policydesk.drift import measure
from policydesk.model.position import Position, Version
from policydesk.model.problems import InputError
from policydesk.model.response import Paragraph
from policydesk.spelling import Speller, speller_for
from policydesk.ui.screens.prompt import confirm
from policydesk.ui.widgets.diff_view import diff_text
from policydesk.ui.widgets.key_bar import KeyBar, Keys

Item = tuple
Placed = tuple[object, Item]
"""A changed document and the item to select in it afterwards."""

EVERYWHERE = [
    ("Ctrl+Z", "Undo"),
    ("Ctrl+S", "Save"),
    ("Ctrl+R", "Word document"),
    ("F2", "Library"),
    ("F1", "Help"),
    ("Ctrl+Q", "Quit"),
]
NOTHING_OPEN = [
    ("Ctrl+O", "Open a response or paper"),
    ("Ctrl+N", "New response or paper"),
    ("I", "Import a consultation"),
    ("F2", "Library"),
    ("F1", "Help"),
    ("Ctrl+Q", "Quit"),
]
MISSPELT = "red underline"
DEPARTURE = "Departure from the line quoted"
EDITING = [("Escape", "Finish editing"), ("Ctrl+Z", "Undo typing"), ("Ctrl+A", "Select all"), ("Ctrl+S", "Save")]


class WordingEditor(TextArea):
    """The editor for wording, as in Word: Ctrl+A selects everything (Home goes to the line's start), and words
    that are not British English are shown red and underlined."""

    BINDINGS = [Binding("ctrl+a", "select_all", "Select all", show=False)]
    speller: Speller | None = None

    def __init__(self, **kwargs) -> None:
        super().__init__(highlight_cursor_line=False, **kwargs)  # its style would hide the red of a misspelling

    def get_line(self, line_index: int) -> Text:
        line = super().get_line(line_index)
        for slip in self.speller.misspellings(line.plain) if self.speller else ():
            line.stylize(MISSPELT, slip.offset, slip.offset + len(slip.word))
        return line


def marked(speller: Speller, text: str) -> Text:
    """`text` with each word that is not British English red and underlined."""
    shown = Text(text)
    for slip in speller.misspellings(text):
        shown.stylize(MISSPELT, slip.offset, slip.offset + len(slip.word))
    return shown


def spelling_note(speller: Speller, text: str) -> Text | None:
    """One line naming each word of `text` that is not British English, with what to write instead."""
    slips = list(speller.misspellings(text))
    if not slips:
        return None
    note = Text("Spelling: ", "bold red")
    for i, slip in enumerate(slips):
        note.append(", " if i else "")
        note.append(slip.word, MISSPELT)
        if slip.instead:
            note.append(f" ({' or '.join(slip.instead)}?)")
    return note


class DocumentEditor(Screen):
    """Work on the app's open draft; the app holds it and its history of changes."""

    CSS_PATH = "composer.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+r", "render", "Word document"),
        Binding("ctrl+l", "render_clean", "Clean Word document"),
        Binding("ctrl+o", "open", "Open a response or paper"),
        Binding("ctrl+n", "new", "New response or paper"),
        Binding("ctrl+z", "undo", "Undo"),
        Binding("ctrl+y", "redo", "Redo"),
        Binding("a", "add_position", "Add a position"),
        Binding("n", "add_text", "New text"),
        Binding("e", "edit", "Edit"),
        Binding("u", "update_pin", "Quote the newer line"),
        Binding("ctrl+up", "move(-1)", "Move up"),
        Binding("ctrl+down", "move(1)", "Move down"),
        Binding("delete", "delete", "Delete"),
        Binding("escape", "stop_editing", "Finish editing"),
    ]
    NEW_PARAGRAPH: type[Paragraph] = Paragraph
    NO_PLACE = "Add a question or heading first (q or h)."
    """What to say when there is nowhere to add a paragraph."""

    def __init__(self) -> None:
        super().__init__()
        self.item: Item = ("root",)
        self.editing: Item | None = None

    # What a subclass says about its document ---------------------------------------------------------------

    def make_outline(self) -> Tree:
        raise NotImplementedError

    def keys(self, item: Item) -> Keys:
        """The keys that matter for the selected item (EVERYWHERE is added after them)."""
        raise NotImplementedError

    def show_other(self, item: Item) -> None:
        """Show an item that is not a paragraph in the detail panel."""
        raise NotImplementedError

    def paragraph_of(self, item: Item) -> Paragraph | None:
        raise NotImplementedError

    def with_paragraph(self, item: Item, paragraph: Paragraph) -> object:
        raise NotImplementedError

    def insert_paragraph(self, item: Item, paragraph: Paragraph) -> Placed | None:
        """The document with `paragraph` after the selected one (or at the end of the selected part)."""
        raise NotImplementedError

    def moved(self, item: Item, step: int) -> Placed | None:
        raise NotImplementedError

    def deletion(self, item: Item) -> tuple[str, object, Item] | None:
        """(what is deleted, in words; the document without it; what to select then), or None."""
        raise NotImplementedError

    def text_of(self, item: Item) -> str | None:
        """The text `e` edits for an item that is not a paragraph; None when it has another way to edit."""
        return None

    def with_text(self, item: Item, text: str) -> object | None:
        """The document with an item's text (not a paragraph's) as typed."""
        return None

    def place_name(self, item: Item) -> str:
        """Where a paragraph was added, for the message that says so."""
        return "the document"

    # The screen ---------------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal():
            yield self.make_outline()
            with Vertical(id="work"):
                with VerticalScroll(id="detail-scroll"):
                    yield Static("Open a response or paper with Ctrl+O, or start one with Ctrl+N.", id="detail")
                yield WordingEditor(id="editor", soft_wrap=True, show_line_numbers=False)
                with VerticalScroll(id="departure-scroll"):
                    yield Static("", id="departure")
        yield KeyBar()

    @property
    def draft(self):
        return self.app.draft

    @property
    def document(self):
        return self.app.draft.document

    def on_mount(self) -> None:
        self.query_one("#editor").display = False
        self.query_one("#departure-scroll").border_title = DEPARTURE
        self.call_after_refresh(self.refresh_outline, self.item)

    def on_screen_resume(self) -> None:
        self.refresh_outline(self.item)

    def update_keys(self) -> None:
        if self.editing is not None:
            keys = EDITING
        elif self.draft is None:
            keys = NOTHING_OPEN
        else:
            keys = [*self.keys(self.item), *EVERYWHERE]
            if not self.stale(self.item):
                keys = [k for k in keys if k[0] != "U"]
        self.query_one(KeyBar).show(keys)

    def stale(self, item: Item) -> bool:
        """Whether `item` quotes a version older than its position's line (so u has something to do)."""
        paragraph = self.paragraph_of(item) if item[0] == "para" and self.draft is not None else None
        position = self.app.library.get(paragraph.position) if paragraph and paragraph.position else None
        return position is not None and paragraph.version is not None and paragraph.version < position.updated

    def outline_title(self) -> str:
        return ""

    def refresh_outline(self, focus: Item | None = None) -> None:
        self.sub_title = self.app.composer_title()
        self.item = focus or self.item
        if not self.is_mounted:
            return
        if self.draft is not None:
            outline = self.query_one("#outline")
            outline.show(self.document, self.app.library, focus)
            outline.border_title = self.outline_title()
            self.show_item()
        self.update_keys()

    @on(Tree.NodeHighlighted, "#outline")
    def item_highlighted(self, event: Tree.NodeHighlighted) -> None:
        if event.node.data is not None and self.editing is None:
            self.item = event.node.data
            self.show_item()
            self.update_keys()

    def show_item(self) -> None:
        if self.draft is None:
            return
        self.show_panel(DEPARTURE, "")
        paragraph = self.paragraph_of(self.item) if self.item[0] == "para" else None
        if paragraph is not None:
            self.show_paragraph(paragraph)
        else:
            self.show_other(self.item)

    def departure_notes(self, paragraph: Paragraph) -> list:
        """Anything more the departure panel says about a paragraph (a subclass adds to it)."""
        return []

    def show_paragraph(self, paragraph: Paragraph, text: str | None = None) -> None:
        """Show the paragraph and, for quoted ones, how the (edited) wording departs from the pinned version."""
        if text is not None:
            paragraph = replace(paragraph, text=text)
        library = self.app.library
        shown = paragraph.text
        if paragraph.position and not paragraph.edited and library and library.get(paragraph.position):
            version = library.get(paragraph.position).version(paragraph.version)
            shown = version.text if version else ""
        if text is None:
            empty = Text("An empty paragraph: press e to write it.", "dim")
            self.query_one("#detail", Static).update(marked(self.speller(), shown) if shown else empty)
        departure = measure(paragraph, library, nearest=self.app.nearest() if paragraph.kind == "new" else None)
        parts: list = []
        if "missing position" in departure.flags or "missing version" in departure.flags:
            parts.append(Text(f"{paragraph.position} {paragraph.version} is not in the knowledge base.", "bold red"))
        elif departure.summary is not None:
            version = library.get(paragraph.position).version(paragraph.version)
            source = {"agreed": "the agreed text", "proposed": "the proposed text"}.get(
                version.standing, "the recorded text"
            )
            head = (
                f"Verbatim: {source}."
                if "verbatim" in departure.flags
                else (
                    f"Edited: {departure.summary.percent}% the same as {source}, "
                    f"+{departure.summary.words_added} / -{departure.summary.words_removed} words."
                )
            )
            parts.append(Text(f"{paragraph.position}, {version.when}, {version.provenance}. {head}", "bold"))
            if "stale pin" in departure.flags:
                line = library.get(paragraph.position).line
                parts.append(Text(f"A newer line ({line.when}) exists: press u to quote it instead.", "bold red"))
                parts += [Text("What changed since:", "dim"), diff_text(diff_words(version.text, line.text))]
            if "later note" in departure.flags:
                parts.append(Text("This quotes a later note, not the line: check that is meant.", "bold magenta"))
            if "edited" in departure.flags:
                parts.append(diff_text(departure.chunks))
        elif departure.suggestion:
            parts.append(Text(f"New text. It {departure.suggestion}: consider quoting that position instead.", "cyan"))
        elif paragraph.kind == "new":
            parts.append(Text("New text: not from the knowledge base.", "dim"))
        spelling = spelling_note(self.speller(), paragraph.text) if paragraph.text.strip() else None
        parts += [spelling] if spelling else []
        parts += self.departure_notes(paragraph)
        self.query_one("#departure", Static).update(Group(*parts))

    def show_panel(self, title: str, content: object) -> None:
        """The lower panel: how a paragraph departs from its agreed line, or what else there is to say."""
        self.query_one("#departure-scroll").border_title = title
        self.query_one("#departure", Static).update(content)  # type: ignore[arg-type]

    def show_spelling(self, text: str) -> None:
        """The departure panel, for an item with no agreed line: what to check of its spelling, if anything."""
        note = spelling_note(self.speller(), text)
        self.query_one("#departure", Static).update(note or "")

    def speller(self) -> Speller:
        library = self.app.library
        return speller_for(library.taxonomy.house_words if library else frozenset())

    def change(self, document: object, focus: Item | None = None, group: object = None) -> None:
        self.app.change_draft(document, group)
        self.refresh_outline(focus or self.item)

    # Editing ------------------------------------------------------------------------------------------------

    def action_edit(self) -> None:
        if self.draft is None:
            return
        paragraph = self.paragraph_of(self.item) if self.item[0] == "para" else None
        if paragraph is not None:
            text = paragraph.text
            if paragraph.position and not paragraph.edited:
                text = self._agreed_text(paragraph).strip()
        else:
            text = self.text_of(self.item)
            if text is None:
                return
        self.editing = self.item
        editor = self.query_one("#editor", WordingEditor)
        editor.speller = self.speller()
        editor.placeholder = "Type here. Escape when you have finished; Ctrl+Z undoes typing."
        editor.load_text(text)
        editor.move_cursor(editor.document.end)
        editor.display = True
        self.query_one("#detail-scroll").display = False
        editor.focus()
        self.update_keys()

    @on(TextArea.Changed, "#editor")
    def edited(self, event: TextArea.Changed) -> None:
        if self.editing is None or self.draft is None:
            return
        text = event.text_area.text
        paragraph = self.paragraph_of(self.editing) if self.editing[0] == "para" else None
        if paragraph is not None:
            if paragraph.position and self._agreed_text(paragraph).strip() == text.strip():
                text = ""
            updated = replace(paragraph, text=text)
            self.app.change_draft(self.with_paragraph(self.editing, updated), self.editing)
            self.show_paragraph(updated, text=text)
        else:
            document = self.with_text(self.editing, text)
            if document is not None:
                self.app.change_draft(document, self.editing)
            self.show_spelling(text)
        self.sub_title = self.app.composer_title()

    def _agreed_text(self, paragraph: Paragraph) -> str:
        position = self.app.library.get(paragraph.position) if self.app.library else None
        version = position.version(paragraph.version) if position else None
        return version.text if version else ""

    def action_stop_editing(self) -> None:
        if self.editing is None:
            return
        focus, self.editing = self.editing, None
        self.query_one("#editor").display = False
        self.query_one("#detail-scroll").display = True
        self.refresh_outline(focus)
        self.query_one("#outline").focus()

    # Paragraphs ---------------------------------------------------------------------------------------------

    def add_position(self, position: Position, version: Version | None = None) -> None:
        """Quote `position` at its line (or, chosen on purpose in its history, another version)."""
        if self.draft is None:
            return
        pinned = version or position.line
        placed = self.insert_paragraph(self.item, self.NEW_PARAGRAPH(position=position.id, version=pinned.date))
        if placed is None:
            self.notify(self.NO_PLACE, severity="warning")
            return
        self.change(*placed)
        note = "" if pinned is position.line else f" ({pinned.status_noun} from {pinned.when}, not the line)"
        self.notify(f"Added {position.title}{note} to {self.place_name(placed[1])}.")

    def action_add_position(self) -> None:
        if self.draft is None:
            self.notify("Open or create a response or paper first (Ctrl+O or Ctrl+N).", severity="warning")
            return
        self.app.pick_position()

    def action_add_text(self) -> None:
        if self.draft is None:
            return
        placed = self.insert_paragraph(self.item, self.NEW_PARAGRAPH(text=""))
        if placed is None:
            self.notify(self.NO_PLACE, severity="warning")
            return
        self.change(*placed)
        self.action_edit()

    def action_move(self, step: int) -> None:
        placed = self.moved(self.item, step) if self.draft is not None else None
        if placed is not None:
            self.change(*placed)

    @work(exit_on_error=False)
    async def action_delete(self) -> None:
        found = self.deletion(self.item) if self.draft is not None else None
        if found is None:
            return
        what, document, focus = found
        if await self.app.push_screen_wait(confirm(f"Delete {what}? (Ctrl+Z brings it back)")) == "y":
            self.change(document, focus)

    def action_update_pin(self) -> None:
        paragraph = self.paragraph_of(self.item) if self.item[0] == "para" and self.draft is not None else None
        if paragraph is None or paragraph.position is None or self.app.library is None:
            return
        position = self.app.library.get(paragraph.position)
        if position is None or position.updated == paragraph.version:
            self.notify("This already quotes the position's line.")
            return
        self.change(self.with_paragraph(self.item, replace(paragraph, version=position.updated)))
        self.notify(f"Now quoting the line of {position.title}, {position.line.when}.")

    def action_undo(self) -> None:
        if self.editing is None:
            self.app.undo()

    def action_redo(self) -> None:
        if self.editing is None:
            self.app.redo()

    # Files --------------------------------------------------------------------------------------------------

    def action_save(self) -> None:
        self.action_stop_editing()
        self.app.save_draft()

    def action_open(self) -> None:
        self.app.choose_response()

    def action_new(self) -> None:
        self.app.new_document()

    def action_render(self) -> None:
        self.app.render_draft(clean=False)

    def action_render_clean(self) -> None:
        self.app.render_draft(clean=True)


def problems_text(error: InputError, limit: int = 6) -> str:
    lines = [str(p) for p in error.problems[:limit]]
    if len(error.problems) > limit:
        lines.append(f"… and {len(error.problems) - limit} more")
    return "\n".join(lines)
