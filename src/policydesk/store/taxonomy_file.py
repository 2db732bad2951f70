"""Read `taxonomy.yaml`: frameworks, pillars, topics, stances, tiers, bodies, synonyms and house words."""

from __future__ import annotations

from pathlib import Path

from policydesk.model.problems import InputError, Problem
from policydesk.model.taxonomy import Framework, Pillar, Taxonomy
from policydesk.store.fields import FieldReader, suggest
from policydesk.store.located import parse_located
from policydesk.store.yaml_io import decode, display_path, read_bytes

SECTIONS = ("frameworks", "pillars", "topics", "stances", "tiers", "bodies", "synonyms", "words")


def load_taxonomy(path: Path, root: Path | None = None) -> tuple[Taxonomy, list[Problem]]:
    """Read the taxonomy; problems are returned, not raised, so all of them can be shown."""
    shown = display_path(path)
    try:
        data = parse_located(decode(read_bytes(path, root), shown), shown)
    except InputError as exc:
        return Taxonomy(), exc.problems
    reader = FieldReader(shown)
    if not isinstance(data, dict):
        reader.report((1, 1), "taxonomy.yaml must be a mapping", f"give it the sections {', '.join(SECTIONS)}")
        return Taxonomy(), reader.problems
    reader.unknown_keys(data, SECTIONS, "taxonomy.yaml")

    frameworks = {}
    for key, node in _entries(reader, data, "frameworks"):
        reader.unknown_keys(node, ("title", "description"), f"framework '{key}'")
        title = reader.text(node, "title", f"framework '{key}'")
        frameworks[key] = Framework(key, title or key, str(node.get("description", "")))

    pillars = {}
    for key, node in _entries(reader, data, "pillars"):
        reader.unknown_keys(node, ("title", "framework"), f"pillar '{key}'")
        title = reader.text(node, "title", f"pillar '{key}'")
        framework = reader.text(node, "framework", f"pillar '{key}'", required=False)
        if framework is not None and framework not in frameworks:
            reader.report(
                reader.at(node, "framework"),
                f"pillar '{key}' refers to framework '{framework}', which is not defined"
                + suggest(framework, frameworks),
                "define it under 'frameworks:' or correct the name",
            )
        pillars[key] = Pillar(key, title or key, framework)

    taxonomy = Taxonomy(
        frameworks=frameworks,
        pillars=pillars,
        topics=_definitions(reader, data, "topics"),
        stances=_definitions(reader, data, "stances"),
        tiers=_definitions(reader, data, "tiers"),
        bodies=tuple(name for name, _ in reader.string_list(data, "bodies", "taxonomy.yaml")),
        synonyms=_definitions(reader, data, "synonyms") if "synonyms" in data else {},
        words=tuple(word for word, _ in reader.string_list(data, "words", "taxonomy.yaml")),
    )
    return taxonomy, reader.problems


def _entries(reader: FieldReader, data: dict, section: str):
    """(id, mapping) pairs of a section whose entries are mappings with a title."""
    node = reader.mapping(data, section, "taxonomy.yaml")
    for key, value in (node or {}).items():
        if not isinstance(value, dict):
            reader.report(reader.at(node, key), f"{section} entry '{key}' must be a mapping", "give it a 'title:'")
            continue
        yield str(key), value


def _definitions(reader: FieldReader, data: dict, section: str) -> dict[str, str]:
    """A section mapping each id to a one-line definition."""
    node = reader.mapping(data, section, "taxonomy.yaml")
    found = {}
    for key, value in (node or {}).items():
        if not isinstance(value, str) or not value.strip():
            reader.report(
                reader.at(node, key), f"{section} entry '{key}' needs a one-line definition", "write it after the colon"
            )
        found[str(key)] = str(value or "")
    return found
