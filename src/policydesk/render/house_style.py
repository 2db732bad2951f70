"""House style settings read from templates/house-style.yaml: one place for every visual choice."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML


def templates_dir() -> Path:
    """The bundled templates folder in an installed package, or the repository's own."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "bundled" / "templates"
    return packaged if packaged.is_dir() else here.parents[1] / "templates"


@dataclass(frozen=True, eq=False)
class HouseStyle:
    """The settings, grouped as in the YAML file; compared by identity so it can key a cache."""

    page: dict[str, int]
    fonts: dict[str, Any]
    spacing: dict[str, float]
    colours: dict[str, str]
    numbering: list[dict[str, int]]
    text: dict[str, str]

    def label(self, key: str, **values: object) -> str:
        return self.text[key].format(**values)


@cache
def house_style(path: Path | None = None) -> HouseStyle:
    data = YAML(typ="safe").load((path or templates_dir() / "house-style.yaml").read_text(encoding="utf-8"))
    return HouseStyle(**{key: data[key] for key in HouseStyle.__dataclass_fields__})
