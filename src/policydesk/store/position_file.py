"""Read one position file into a Position, checking it against the taxonomy."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from policydesk.model.position import STATUSES, Position, Source, Version
from policydesk.model.problems import InputError, Problem
from policydesk.model.taxonomy import Taxonomy
from policydesk.store.atomic import Stamp
from policydesk.store.fields import FieldReader, suggest
from policydesk.store.located import parse_located
from policydesk.store.yaml_io import decode, display_path, fast_parse, parse, read_bytes

POSITION_FIELDS = (
    "id",
    "title",
    "framework",
    "pillar",
    "topics",
    "tier",
    "owner",
    "review_by",
    "catalogue_ids",
    "related",
    "versions",
)
VERSION_FIELDS = ("date", "approximate", "agreed_by", "status", "stance", "source", "text", "note")
SOURCE_FIELDS = ("document", "paragraph", "seed", "link")


def read_position(
    path: Path, taxonomy: Taxonomy, root: Path | None = None, fast: bool = True, today: date | None = None
) -> tuple[Position | None, list[Problem]]:
    """Parse and check one position file; a Position is returned only when it has no errors.

    The fast libyaml parse serves the common case, a valid file. Anything else is read again with
    the round-trip parser, whose line and column information locates every problem; `fast=False` uses
    only that one. `root` is the knowledge base the file must stay inside.
    """
    try:
        raw = read_bytes(path, root)
    except InputError as exc:
        return None, exc.problems
    return parse_position(raw, path, taxonomy, fast, today)


def parse_position(
    raw: bytes, path: Path, taxonomy: Taxonomy, fast: bool = True, today: date | None = None
) -> tuple[Position | None, list[Problem]]:
    """Check the bytes of a position file (read from `path`, or about to be written there); a version dated
    after `today` (default: the real today) is warned about."""
    today = today or date.today()
    shown = display_path(path)
    try:
        text = decode(raw, shown)
    except InputError as exc:
        return None, exc.problems
    digest = Stamp.of_bytes(raw).digest
    try:
        data = fast_parse(text) if fast else None
    except Exception:
        data = None
    if isinstance(data, dict):
        reader = FieldReader(shown)
        position = _position(reader, data, path, taxonomy, digest, today)
        if position is not None and not reader.problems:
            return position, []
    try:
        data = parse_located(text, shown) if fast else parse(text, shown)
    except InputError as exc:
        return None, exc.problems
    reader = FieldReader(shown)
    if data is None:
        reader.report((1, 1), "the file is empty", "write a position (see docs/formats.md) or delete the file")
        return None, reader.problems
    if not isinstance(data, dict):
        reader.report(
            (1, 1),
            f"a position file must be a mapping, not a {_kind(data)}",
            "start with 'id:', 'title:', 'pillar:' and 'versions:' at the left margin",
        )
        return None, reader.problems
    position = _position(reader, data, path, taxonomy, digest, today)
    return (position if reader.ok else None), reader.problems


def _kind(value: object) -> str:
    return "list" if isinstance(value, list) else "single value"


def _position(
    reader: FieldReader, data: dict, path: Path, taxonomy: Taxonomy, digest: str | None, today: date
) -> Position | None:
    reader.unknown_keys(data, POSITION_FIELDS, "a position")
    pid = reader.slug(data, "id", "the position")
    if pid is not None and pid != path.stem:
        reader.report(
            reader.at(data, "id"),
            f"id '{pid}' does not match the file name '{path.name}'",
            f"rename the file to {pid}.yaml or set id: {path.stem}",
        )
    title = reader.text(data, "title", "the position")
    pillar = reader.choice(data, "pillar", taxonomy.pillars, "the position")
    framework = reader.choice(data, "framework", taxonomy.frameworks, "the position", required=False)
    if pillar and framework and taxonomy.framework_of(pillar) != framework:
        reader.report(
            reader.at(data, "framework"),
            f"pillar '{pillar}' does not belong to framework '{framework}'",
            f"use framework: {taxonomy.framework_of(pillar)} or remove the field",
        )
    topics = []
    for topic, where in reader.string_list(data, "topics", "the position"):
        if topic not in taxonomy.topics:
            reader.report(
                where,
                f"unknown topic '{topic}'{suggest(topic, taxonomy.topics)}",
                "use a topic defined in taxonomy.yaml, or add it there with a definition",
            )
        topics.append(topic)
    tier = reader.choice(data, "tier", taxonomy.tiers, "the position", required=False) or "A"
    review_by = reader.date(data, "review_by", "the position", required=False)
    catalogue_ids = tuple(c for c, _ in reader.string_list(data, "catalogue_ids", "the position"))
    related = tuple(r for r, _ in reader.string_list(data, "related", "the position"))
    versions = _versions(reader, data, taxonomy, today)
    if not reader.ok or pid is None or title is None or pillar is None:
        return None
    return Position(
        id=pid,
        title=title,
        pillar=pillar,
        versions=tuple(versions),
        framework=framework or taxonomy.framework_of(pillar),
        topics=tuple(topics),
        tier=tier,
        owner=str(data.get("owner") or ""),
        review_by=review_by,
        catalogue_ids=catalogue_ids,
        related=related,
        path=path,
        digest=digest,
    )


def _versions(reader: FieldReader, data: dict, taxonomy: Taxonomy, today: date) -> list[Version]:
    items = reader.seq(data, "versions", "the position")
    if items is None:
        return []
    if not items:
        reader.report(reader.at(data, "versions"), "'versions' is empty", "add at least one dated version")
    versions: list[Version] = []
    for i, node in enumerate(items):
        if not isinstance(node, dict):
            reader.report(
                reader.at(items, i),
                f"version {i + 1} must be a mapping",
                "give it date, agreed_by, stance, source and text",
            )
            continue
        version = _version(reader, node, i + 1, taxonomy)
        if version is None:
            continue
        if versions and version.date < versions[-1].date:
            reader.report(
                reader.at(node, "date"),
                f"version {i + 1} ({version.date_text}) is older than the version before it ({versions[-1].date_text})",
                "list versions oldest first",
            )
        elif versions and version.date == versions[-1].date:
            reader.report(
                reader.at(node, "date"),
                f"versions {i} and {i + 1} have the same date ({version.date_text})",
                "each version is one meeting or paper: merge the two, or correct one date",
            )
        if version.date > today:
            reader.report(
                reader.at(node, "date"),
                f"version {i + 1} is dated {version.date_text}, in the future",
                "a version records what a paper already said: check the date",
                "warning",
            )
        versions.append(version)
    return versions


def _version(reader: FieldReader, node: dict, number: int, taxonomy: Taxonomy) -> Version | None:
    what = f"version {number}"
    reader.unknown_keys(node, VERSION_FIELDS, what)
    dated = reader.period(node, "date", what)
    approximate = reader.flag(node, "approximate", what)
    body = reader.choice(node, "agreed_by", taxonomy.bodies, what)
    status = reader.choice(node, "status", STATUSES, what)
    stance = reader.choice(node, "stance", taxonomy.stances, what)
    text = reader.text(node, "text", what)
    source = _source(reader, node, what)
    note = reader.text(node, "note", what, required=False) or ""
    if None in (dated, body, status, stance, text, source):
        return None
    when, precision = dated  # type: ignore[misc]
    return Version(when, body, status, stance, text.strip() + "\n", source, note, precision, approximate)  # type: ignore[arg-type]


def _source(reader: FieldReader, node: dict, what: str) -> Source | None:
    source = reader.mapping(node, "source", what)
    if source is None:
        return None
    reader.unknown_keys(source, SOURCE_FIELDS, f"the source of {what}")
    document = reader.text(source, "document", f"the source of {what}")
    if document is None:
        return None
    return Source(
        document=document,
        paragraph=reader.text(source, "paragraph", what, required=False) or "",
        seed=reader.text(source, "seed", what, required=False) or "",
        link=reader.text(source, "link", what, required=False) or "",
    )
