"""The house template is built by code, the same bytes every time, with every style the renderer uses."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import docx

from conftest import REPO
from policydesk.render.house_style import HouseStyle, house_style
from policydesk.render.template import REQUIRED_STYLES, build_template, stable_bytes


def test_building_twice_gives_identical_bytes() -> None:
    style = house_style()
    assert stable_bytes(build_template(style)) == stable_bytes(build_template(style))


def test_every_style_the_renderer_uses_is_defined() -> None:
    document = docx.Document(io.BytesIO(stable_bytes(build_template(house_style()))))
    names = {s.name for s in document.styles}
    assert [name for name in REQUIRED_STYLES if name not in names] == []
    parts = {p.partname for p in document.part.package.parts}
    assert "/word/stylesWithEffects.xml" not in parts and "/docProps/thumbnail.jpeg" not in parts


def test_settings_change_the_template(tmp_path: Path) -> None:
    text = (REPO / "templates" / "house-style.yaml").read_text().replace("body: Arial", "body: Verdana")
    custom = tmp_path / "house-style.yaml"
    custom.write_text(text)
    style: HouseStyle = house_style.__wrapped__(custom)
    document = docx.Document(io.BytesIO(stable_bytes(build_template(style))))
    assert document.styles["Normal"].font.name == "Verdana"


def test_the_build_script_writes_the_template(tmp_path: Path) -> None:
    out = tmp_path / "lga-house.docx"
    result = subprocess.run(
        [sys.executable, str(REPO / "templates" / "build_template.py"), str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == stable_bytes(build_template(house_style()))
