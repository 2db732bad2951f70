"""Read the file given to `adopt PAPER --as-amended`: what the Board changed, paragraph by paragraph."""

from __future__ import annotations

from pathlib import Path

from policydesk.model.paper import Amendment
from policydesk.model.problems import InputError
from policydesk.store.fields import FieldReader
from policydesk.store.yaml_io import display_path, load_file

FIELDS = ("paragraph", "text", "agreed")
HINT = "list each change as '- paragraph: 12' with 'text: ...' (the agreed wording) or 'agreed: false'"


def read_amendments(path: Path) -> list[Amendment]:
    """Every amendment in the file, or an InputError locating each problem."""
    shown = display_path(path)
    data = load_file(path)
    reader = FieldReader(shown)
    amendments: list[Amendment] = []
    if not isinstance(data, list):
        reader.report((1, 1), "the amendments file must be a list", HINT)
        raise InputError(reader.problems)
    seen: set[str] = set()
    for i, item in enumerate(data):
        what = f"amendment {i + 1}"
        if not isinstance(item, dict):
            reader.report(reader.at(data, i), f"{what} must be a mapping", HINT)
            continue
        reader.unknown_keys(item, FIELDS, what)
        number = reader.text(item, "paragraph", what)
        text = reader.text(item, "text", what, required=False)
        agreed = not ("agreed" in item and not reader.flag(item, "agreed", what))
        if text is None and agreed:
            reader.report(reader.at(item), f"{what} gives neither new wording nor 'agreed: false'", HINT)
        if text is not None and not agreed:
            reader.report(
                reader.at(item, "agreed"),
                f"{what} gives new wording for a paragraph not agreed",
                "keep 'text:' for wording the Board agreed, or 'agreed: false' alone",
            )
        if number is None:
            continue
        number = number.strip()
        if number in seen:
            reader.report(
                reader.at(item, "paragraph"),
                f"paragraph {number} is amended twice",
                "give each paragraph one amendment",
            )
        seen.add(number)
        amendments.append(Amendment(number, (text or "").strip(), agreed))
    if reader.problems:
        raise InputError(reader.problems)
    return amendments
