"""House style settings read from templates/house-style.yaml: one place for every visual choice."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from policydesk.model.problems import InputError, Problem

IMAGE_TYPES = (".png", ".jpg", ".jpeg")


def templates_dir() -> Path:
    """The bundled templates folder in an installed package, or the repository's own."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "bundled" / "templates"
    return packaged if packaged.is_dir() else here.parents[1] / "templates"


@dataclass(frozen=True, eq=False)
class HouseStyle:
    """The settings, grouped as in the YAML file; compared by identity so it can key a cache.

    `folder` is where the YAML file lives: an organisation image is named relative to it.
    """

    page: dict[str, int]
    fonts: dict[str, Any]
    spacing: dict[str, float]
    colours: dict[str, str]
    numbering: list[dict[str, int]]
    bullets: dict[str, int]
    organisation: dict[str, Any]
    text: dict[str, str]
    paper: dict[str, Any]
    folder: Path = Path(".")

    def label(self, key: str, **values: object) -> str:
        return self.text[key].format(**values)

    def paper_label(self, key: str, **values: object) -> str:
        """Fixed wording of a board paper (the `paper:` settings)."""
        return str(self.paper[key]).format(**values)

    @property
    def logo(self) -> Path | None:
        """The organisation image to show instead of the text wordmark, if one is named."""
        name = str(self.organisation.get("image") or "").strip()
        return self.folder / name if name else None


@cache
def house_style(path: Path | None = None) -> HouseStyle:
    path = path or templates_dir() / "house-style.yaml"
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    fields = [key for key in HouseStyle.__dataclass_fields__ if key != "folder"]
    style = HouseStyle(**{key: data[key] for key in fields}, folder=path.parent)
    _check_logo(style, path)
    return style


def _check_logo(style: HouseStyle, path: Path) -> None:
    """An organisation image must exist, be a PNG or JPEG, and carry alternative text."""
    logo = style.logo
    if logo is None:
        return

    def refuse(message: str, hint: str) -> None:
        raise InputError(Problem(str(path), None, None, f"organisation.image: {message}", hint))

    if logo.suffix.lower() not in IMAGE_TYPES:
        refuse(f"'{logo.name}' is not a PNG or JPEG file", "name a .png or .jpg file, or leave image empty")
    if not logo.is_file():
        refuse(f"there is no file '{logo.name}' beside house-style.yaml", "put the image there, or leave image empty")
    if not str(style.organisation.get("image_alt") or "").strip():
        refuse("the image has no alternative text", "set organisation.image_alt, for example the organisation's name")
