"""The headless core never imports Textual; only policydesk.ui does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import policydesk
from conftest import REPO

PACKAGE = Path(policydesk.__file__).parent
HEADLESS = sorted(
    ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
    for path in PACKAGE.rglob("*.py")
    if "ui" not in path.relative_to(PACKAGE).parts and path.name != "__main__.py"
)


def test_there_are_headless_modules_to_check() -> None:
    assert {
        "policydesk.model",
        "policydesk.store.knowledge_base",
        "policydesk.diff",
        "policydesk.search",
        "policydesk.cli",
    } <= set(HEADLESS)


@pytest.mark.parametrize("module", HEADLESS)
def test_headless_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_only_the_ui_package_imports_textual() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE).parts
        and any(line.lstrip().startswith(("import textual", "from textual")) for line in path.read_text().splitlines())
    ]
    assert offenders == []


def test_every_knowledge_base_folder_is_packaged() -> None:
    import tomllib

    packages = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    folders = {f"policydesk.bundled.positions.{d.name}" for d in (REPO / "positions").iterdir() if d.is_dir()}
    assert sorted(folders - set(packages)) == [], "add these folders to [tool.setuptools] packages in pyproject.toml"


def test_no_merge_conflict_markers_are_committed() -> None:
    listed = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=False).stdout
    marked = [
        name
        for name in listed.splitlines()
        if name.endswith((".py", ".md", ".yaml", ".toml", ".tcss"))
        and any(line.startswith(("<<<<<<< ", ">>>>>>> ")) for line in (REPO / name).read_text().splitlines())
    ]
    assert marked == []


@pytest.mark.parametrize(
    "args", [["--version"], ["--kb", str(REPO / "positions"), "show", "csc-ov-funding-gap"], ["--help"]]
)
def test_quick_commands_import_neither_the_ui_nor_word(args: list[str], tmp_path: Path) -> None:
    """Start-up is most of a quick command's time: printing a version or a position needs no Textual or Word."""
    script = (
        "import sys, policydesk.cli as cli\n"
        "try:\n    cli.main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'docx', 'lxml'})\n"
        "print('heavy:', heavy, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=tmp_path)
    assert "heavy: []" in done.stderr, done.stderr


def test_the_ui_starts_without_python_docx() -> None:
    """python-docx is a seventh of the UI's imports: it loads when a Word document is written or read."""
    script = "import sys, policydesk.ui.app\nprint('docx' in sys.modules)\n"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
