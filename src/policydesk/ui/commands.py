"""Command palette: jump to any position, pillar, topic or response, and run the main commands."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from policydesk.model.library import Filters


class PolicyDeskCommands(Provider):
    """Built from the loaded knowledge base and the responses folder each time the palette opens."""

    def _commands(self) -> list[tuple[str, object, str]]:
        app = self.app
        found: list[tuple[str, object, str]] = [
            ("Library", app.action_show_library, "Browse and search positions"),
            ("Composer", app.action_show_composer, "Work on the open response or paper"),
            ("Open…", app.choose_response, "Open a response or board paper"),
            ("New…", app.new_document, "Start a response or a board paper"),
            ("Save", app.save_draft, "Save the open response or paper"),
            ("Render to Word", partial(app.render_draft, False), "Write the .docx with tracked changes"),
            ("Render clean Word document", partial(app.render_draft, True), "Write the .docx without revisions"),
            ("Help", app.action_help, "Every key binding"),
        ]
        for folder, what in ((app.responses_dir, "Response"), (app.papers_dir, "Paper")):
            for path in sorted(folder.glob("[!.]*.yaml")) if folder.is_dir() else ():
                found.append((f"{what}: {path.stem}", partial(app.open_document, path), str(path)))
        library = app.library
        if library is not None:
            library_screen = app.get_screen("library")
            for pillar in library.taxonomy.pillars.values():
                found.append(
                    (
                        f"Pillar: {pillar.title}",
                        partial(self._filter, library_screen, Filters(pillar=pillar.id)),
                        pillar.id,
                    )
                )
            for topic, meaning in library.taxonomy.topics.items():
                found.append((f"Topic: {topic}", partial(self._filter, library_screen, Filters(topic=topic)), meaning))
            for position in library:
                found.append((f"Position: {position.title}", partial(app.show_position, position.id), position.id))
        return found

    def _filter(self, screen, filters: Filters) -> None:
        self.app.action_show_library()
        screen.filter_to(filters)

    async def discover(self) -> Hits:
        for name, run, help_text in self._commands()[:8]:
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, run, help_text in self._commands():
            score = matcher.match(f"{name} {help_text}")
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
