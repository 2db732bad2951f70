"""Edit a question: its number, wording, answer scale, one-word answer and length limit, checked as typed."""

from __future__ import annotations

from dataclasses import replace

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Label, Select, Static

from policydesk.consultation.answers import answer_type
from policydesk.model.response import Section
from policydesk.model.rules import parse_limit, question_number_problem, text_problem
from policydesk.model.scales import SCALE_NAMES, Limit, allowed_answers
from policydesk.ui.screens.form import Form
from policydesk.ui.widgets.key_bar import KeyBar
from policydesk.ui.widgets.text_field import TextField

NO_SCALE = "any"
SCALE_CHOICES = [("Agree, disagree, yes, no, partly or don't know", NO_SCALE)] + [
    (name, key) for key, name in SCALE_NAMES.items()
]


class QuestionEditor(Form[Section | None]):
    """Ctrl+S keeps the question, Escape leaves it as it was; the answers offered follow the chosen scale."""

    BINDINGS = [
        Binding("ctrl+s", "keep", "Keep", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, section: Section, other_numbers: list[str]):
        super().__init__()
        self.section, self.others = section, other_numbers
        self.refused: dict[str, str] = {}
        self.scale_chosen = False
        self.wording_scale = "choice" if section.options else (section.scale or NO_SCALE)
        """The scale last set from the wording (or the one it opened with): any other was chosen by hand."""
        """What each box held when Ctrl+S refused it, so its message stays until it is changed."""

    def compose(self) -> ComposeResult:
        s = self.section
        scale = "choice" if s.options else (s.scale or NO_SCALE)
        with Vertical(classes="dialog wide", id="question-dialog"):
            yield Label("The question: Ctrl+S keeps it, Escape cancels", classes="title")
            yield Static("", id="went-round", classes="went-round")
            with VerticalScroll(id="fields", can_focus=False):
                yield Label("Number")
                yield TextField(s.number or "", placeholder="as the consultation numbers it: 3, 3a or 3.1", id="number")
                yield Static("", id="number-problem", classes="problem")
                yield Label("Question")
                yield TextField(s.title, placeholder="the question, as the consultation asks it", id="text")
                yield Static("", id="text-whole", classes="whole")
                yield Static("", id="text-problem", classes="problem")
                yield Label("How it is answered")
                yield Select(SCALE_CHOICES, value=scale, allow_blank=False, id="scale")
                yield Label("The question's own choices (for a choice among options), separated by semicolons")
                yield TextField("; ".join(s.options), placeholder="Option A; Option B", id="options")
                yield Label("Our one-word answer")
                yield Select(
                    self._answer_choices(scale, s.options),
                    value=s.answer or Select.NULL,
                    prompt="no one-word answer",
                    id="answer",
                )
                yield Label("Length limit the consultation sets")
                yield TextField(str(s.limit or ""), placeholder="for example 250 words, or 500 characters", id="limit")
                yield Static("", id="limit-problem", classes="problem")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(KeyBar).show([("Tab", "Next field"), ("Ctrl+S", "Keep"), ("Escape", "Cancel")])
        self.query_one("#number" if not self.section.number else "#text", Input).focus()  # the question first
        self.watch(self.query_one("#text", Input), "selection", self.show_whole_question, init=False)
        self.call_after_refresh(self._opened)

    def _opened(self) -> None:
        self.query_one("#fields").scroll_home(animate=False)  # the first box's label in sight, not scrolled past
        self.show_whole_question()

    @on(Input.Changed, "#text")
    @on(Input.Blurred, "#text")
    def show_whole_question(self) -> None:
        """A question longer than its box is shown whole beneath it, wrapped, with the cursor marked while it is
        being edited, so none of it is out of sight."""
        box = self.query_one("#text", Input)
        whole = Text(box.value + " ")
        if box.has_focus:
            whole.stylize("reverse", box.cursor_position, box.cursor_position + 1)
        fits = len(box.value) < box.content_region.width
        copy = self.query_one("#text-whole", Static)
        copy.update("" if fits else whole)
        if box.has_focus and not fits:
            self.call_after_refresh(copy.scroll_visible, animate=False)  # the copy in sight, below the box

    @on(Input.Changed, "#text")
    def scale_follows_the_wording(self, event: Input.Changed) -> None:
        """A new question takes the scale its wording implies ('Do you agree…?' agree or disagree), until the
        officer chooses one."""
        if self.section.title or self.scale_chosen:
            return
        implied, _ = answer_type(event.value, [])
        self.wording_scale = implied or NO_SCALE
        self.query_one("#scale", Select).value = self.wording_scale

    @on(Select.Changed, "#scale")
    def scale_changed(self, event: Select.Changed) -> None:
        if event.value != self.wording_scale:
            self.scale_chosen = True

    @on(Input.Changed, "#number")
    @on(Input.Changed, "#text")
    @on(Input.Changed, "#limit")
    def clear_problem(self, event: Input.Changed) -> None:
        """A mistake's message goes as soon as the box it is about is changed from what was refused."""
        if event.value != self.refused.get(event.input.id or ""):
            self.query_one(f"#{event.input.id}-problem", Static).update("")

    @staticmethod
    def _answer_choices(scale: str, options: tuple[str, ...]) -> list[tuple[str, str]]:
        answers = allowed_answers(None if scale == NO_SCALE else scale, options if scale == "choice" else ())
        return [(a, a) for a in answers]

    def _options(self) -> tuple[str, ...]:
        return tuple(o.strip() for o in self.query_one("#options", Input).value.split(";") if o.strip())

    @on(Select.Changed, "#scale")
    @on(Input.Changed, "#options")
    def answers_follow_the_scale(self) -> None:
        answer = self.query_one("#answer", Select)
        choices = self._answer_choices(str(self.query_one("#scale", Select).value), self._options())
        kept = answer.value if any(answer.value == value for _, value in choices) else Select.NULL
        answer.set_options(choices)
        answer.value = kept

    def action_keep(self) -> None:
        number = self.query_one("#number", Input).value.strip()
        text = " ".join(self.query_one("#text", Input).value.split())
        problems = {
            "number": question_number_problem(number, self.others),
            "text": text_problem(text) and f"the question {text_problem(text)}",
        }
        limit: Limit | None = None
        try:
            parsed = parse_limit(self.query_one("#limit", Input).value)
            limit = Limit(*parsed) if parsed else None  # type: ignore[arg-type]
        except ValueError as exc:
            problems["limit"] = str(exc)
        for key in ("number", "text", "limit"):
            self.query_one(f"#{key}-problem", Static).update(problems.get(key) or "")
            self.refused[key] = self.query_one(f"#{key}", Input).value
        if any(problems.values()):
            return
        scale = str(self.query_one("#scale", Select).value)
        options = self._options() if scale == "choice" else ()
        answer = self.query_one("#answer", Select).value
        self.dismiss(
            replace(
                self.section,
                number=number,
                title=text,
                scale=None if scale in (NO_SCALE, "choice") else scale,
                options=options,
                answer=None if answer is Select.NULL else str(answer),
                limit=limit,
            )
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
