"""Saving keeps every untouched byte, is atomic, and never overwrites someone else's change."""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import DATA
from policydesk.model.position import Source, Version
from policydesk.store.atomic import ChangedOnDisk, Stamp, WriteFailed, write_atomic
from policydesk.store.edit import append_version, open_for_edit, save_edit
from policydesk.store.knowledge_base import load_knowledge_base

NEW = Version(
    date(2024, 1, 23),
    "Children and Young People Board",
    "agreed",
    "call",
    "We have commissioned research on a sustainable system.\n",
    Source("Effective SEND system research", "3"),
)


@pytest.fixture
def before(tmp_path: Path) -> Path:
    path = tmp_path / "high-needs-deficits.yaml"
    shutil.copy(DATA / "golden" / "before.yaml", path)
    return path


def test_appending_a_version_matches_the_golden_file(before: Path) -> None:
    append_version(before, NEW)
    assert before.read_text() == (DATA / "golden" / "after.yaml").read_text()


def test_unchanged_document_round_trips_byte_for_byte(kb_dir: Path) -> None:
    for path in sorted(kb_dir.rglob("*.yaml")):
        data, stamp = open_for_edit(path)
        original = path.read_bytes()
        save_edit(path, data, stamp)
        assert path.read_bytes() == original, path.name


def test_changing_one_field_leaves_the_rest_byte_identical(before: Path) -> None:
    original = before.read_text().splitlines(keepends=True)
    data, stamp = open_for_edit(before)
    data["title"] = "High needs deficits"
    save_edit(before, data, stamp)
    changed = before.read_text().splitlines(keepends=True)
    differing = [i for i, (a, b) in enumerate(zip(original, changed, strict=True)) if a != b]
    assert differing == [2]
    assert changed[2] == "title: High needs deficits\n"


def test_refuses_to_overwrite_a_file_changed_on_disk(before: Path) -> None:
    data, stamp = open_for_edit(before)
    data["title"] = "Mine"
    before.write_text(before.read_text() + "# someone else's edit\n")
    theirs = before.read_bytes()
    with pytest.raises(ChangedOnDisk) as caught:
        save_edit(before, data, stamp)
    assert str(caught.value).endswith(
        "the file was changed on disk by someone else since it was opened; "
        "reload it to see their changes, or save your version under another name"
    )
    assert before.read_bytes() == theirs


def test_a_failed_write_leaves_the_old_file_and_no_temporary(before: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = before.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(WriteFailed, match="could not be written .No space left on device.; the disk is full"):
        write_atomic(before, b"half a file", Stamp.of_bytes(original))
    assert before.read_bytes() == original
    assert sorted(p.name for p in before.parent.iterdir()) == [before.name]


def test_a_failed_serialisation_touches_nothing(before: Path) -> None:
    original = before.read_bytes()
    data, stamp = open_for_edit(before)
    data["title"] = object()
    with pytest.raises(Exception, match="cannot represent"):
        save_edit(before, data, stamp)
    assert before.read_bytes() == original
    assert sorted(p.name for p in before.parent.iterdir()) == [before.name]


def test_saved_version_loads_as_the_current_stance(kb_dir: Path) -> None:
    path = kb_dir / "children" / "high-needs-deficits.yaml"
    append_version(path, NEW)
    position = load_knowledge_base(kb_dir).library.get("high-needs-deficits")
    assert position is not None
    assert [v.date for v in position.versions] == [date(2019, 1, 16), date(2023, 3, 14), date(2024, 1, 23)]
    assert position.latest.text == NEW.text
