"""Bringing a lead member's returned Word copy into the open response, to go through on the review screen."""

from __future__ import annotations

from textual import work

from policydesk.model.library import Library
from policydesk.model.problems import InputError
from policydesk.model.response import Response
from policydesk.store.yaml_io import display_path
from policydesk.ui.draft import Draft
from policydesk.ui.screens.document_editor import problems_text
from policydesk.ui.screens.pickers import ReturnedPicker, returned_copies
from policydesk.ui.screens.review import ReviewScreen


class ReviewIntake:
    """Mixed into the app: `bring_in_review`, used by the composer and the review screen."""

    draft: Draft | None
    library: Library | None

    @work(exit_on_error=False)
    async def bring_in_review(self) -> None:
        """Read a returned Word copy into the draft (one change, undone by Ctrl+Z) and go through it."""
        if self.draft is None or self.library is None or not isinstance(self.draft.document, Response):
            self.notify("Open the response the Word copy was made from first (Ctrl+O).", severity="warning")
            return
        chosen = await self.push_screen_wait(ReturnedPicker(returned_copies(self.draft.path)))
        if chosen is None:
            return
        # Reading Word (python-docx, lxml) is imported only when a copy comes back, not at start-up.
        from policydesk.review.apply import apply_review, draft_text
        from policydesk.review.returned import review_returned

        try:
            result = review_returned(self.draft.path, chosen)
            assert result.sent is not None
            applied = apply_review(self.draft.document, result.sent, result, draft_text(self.library))
        except InputError as exc:
            self.notify(problems_text(exc), title="Not brought in", severity="error", timeout=15)
            return
        self.change_draft(applied.response)
        names = list(dict.fromkeys(i.author for i in result.items if i.author))
        if names:
            said = [f"Brought in {display_path(chosen)}, reviewed by {' and '.join(names)}."]
        else:
            said = [f"Brought in {display_path(chosen)}: it has no changes or comments from a reviewer."]
        said += [f"Conflict: {c}" for c in applied.conflicts] + applied.messages
        if result.unread:
            said.append("Not read: " + ", ".join(f"{what} ({n})" for what, n in sorted(result.unread.items())))
        if isinstance(self.screen, ReviewScreen):
            self.screen.brought_in = said
            self.screen.refresh_list(0)
        else:
            self.push_screen(ReviewScreen(said))
