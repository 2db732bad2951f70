"""Edit a board paper's front matter: title, board, meeting, purpose and contact officer."""

from __future__ import annotations

from dataclasses import replace

from policydesk.model.paper import PURPOSES, Paper
from policydesk.model.rules import day_month_year, text_problem
from policydesk.ui.screens.details_form import DetailsForm
from policydesk.ui.screens.metadata import CONTACT_FIELDS, contact_from, contact_problems, contact_values


class PaperDetails(DetailsForm):
    """The paper's front matter; a paper's contact block needs a phone number as well."""

    HEADING = "Paper details"
    FIELDS = (
        ("title", "Title", "The paper's title, as on its front page"),
        ("board", "Board", "For example Children and Young People Board"),
        ("meeting", "Meeting date", "For example 14 March 2023"),
        ("plan_theme", "Business plan theme", "Optional"),
        *CONTACT_FIELDS,
    )
    CHOICES = (("purpose", "Purpose", PURPOSES),)
    DATES = ("meeting",)

    def __init__(self, paper: Paper):
        super().__init__()
        self.paper = paper

    def values(self) -> dict[str, str]:
        p = self.paper
        return {
            "purpose": p.purpose if p.purpose in PURPOSES else PURPOSES[2],
            "title": p.title,
            "board": p.board,
            "meeting": day_month_year(p.meeting),
            "plan_theme": p.plan_theme,
            **contact_values(p.contact),
        }

    def problems(self) -> dict[str, str]:
        found = {
            "title": text_problem(self.value("title")),
            "board": text_problem(self.value("board")),
            "plan_theme": text_problem(self.value("plan_theme"), required=False),
            "meeting": self.date_problem("meeting")
            or (None if self.value("meeting") else "a paper needs its meeting date"),
            **contact_problems(self, phone_required=True),
        }
        return {key: why for key, why in found.items() if why}

    def result(self) -> Paper:
        return replace(
            self.paper,
            title=self.value("title"),
            board=self.value("board"),
            meeting=self.day("meeting"),
            purpose=self.choice("purpose"),
            plan_theme=self.value("plan_theme"),
            contact=contact_from(self),
        )
