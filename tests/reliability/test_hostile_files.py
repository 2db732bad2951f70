"""Hostile and odd files in the knowledge base: each is a located problem, never a traceback or a hang."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import run_process
from policydesk.store.knowledge_base import load_knowledge_base

POSITION = """\
id: {id}
title: A test position
pillar: shbl-p3
topics: [kinship-care]
tier: A
versions:
  - date: 2023-03-14
    agreed_by: Children and Young People Board
    status: agreed
    stance: welcome
    source: {{document: Briefing, paragraph: "1"}}
    text: |
      We welcome this.
"""


def problems(kb_dir: Path) -> list[str]:
    return [str(p) for p in load_knowledge_base(kb_dir).problems]


def write(kb_dir: Path, name: str, text: str | bytes) -> Path:
    path = kb_dir / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# 8. Symbolic links and special files -------------------------------------------------------------------------


def test_link_to_a_file_outside_is_not_read(kb_dir: Path) -> None:
    (kb_dir / "passwd.yaml").symlink_to("/etc/passwd")
    found = problems(kb_dir)
    assert found == [
        "positions/passwd.yaml: is a symbolic link to a file outside the knowledge base, so it is not read; "
        "copy the file into the knowledge base instead of linking to it"
    ]
    assert "root:" not in " ".join(found)


@pytest.mark.parametrize("target", ["/dev/zero", "/proc/self/environ"])
def test_links_to_devices_and_proc_are_refused(kb_dir: Path, target: str) -> None:
    (kb_dir / "x.yaml").symlink_to(target)
    assert problems(kb_dir) == [
        "positions/x.yaml: is a symbolic link to a file outside the knowledge base, so it is not read; "
        "copy the file into the knowledge base instead of linking to it"
    ]


def test_link_inside_the_knowledge_base_is_read(kb_dir: Path) -> None:
    real = write(kb_dir, "real/linked-position.yaml", POSITION.format(id="linked-position"))
    (kb_dir / "linked-position.yaml").symlink_to(real)
    found = problems(kb_dir)
    assert len(found) == 1 and "duplicate id 'linked-position'" in found[0]


def test_symlink_loop_is_reported(kb_dir: Path) -> None:
    (kb_dir / "a.yaml").symlink_to(kb_dir / "b.yaml")
    (kb_dir / "b.yaml").symlink_to(kb_dir / "a.yaml")
    found = problems(kb_dir)
    assert found == [
        "positions/a.yaml: is a broken or looping symbolic link; remove the link",
        "positions/b.yaml: is a broken or looping symbolic link; remove the link",
    ]


def test_fifo_does_not_hang_check(kb_dir: Path, tmp_path: Path) -> None:
    os.mkfifo(kb_dir / "x.yaml")
    result = run_process("check", cwd=tmp_path)
    assert result.returncode == 0
    assert "positions/x.yaml: warning: is a named pipe, not a file, so it is not read" in result.stderr


def test_linked_folder_is_named_not_silently_skipped(kb_dir: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    write(outside, "p.yaml", POSITION.format(id="p"))
    (kb_dir / "more").symlink_to(outside)
    assert problems(kb_dir) == [
        "positions/more: warning: is a link to a folder, which is not followed; move the files into the knowledge base"
    ]


def test_oversized_file_is_refused_quickly(kb_dir: Path) -> None:
    big = kb_dir / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(65 * 1024 * 1024)
    found = problems(kb_dir)
    assert found == [
        "positions/big.yaml: is 65 MB, more than policydesk reads (64 MB); check that this is the file you meant"
    ]


# 9. and 10. Bidirectional controls, control characters ---------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("\u202e", "U+202E, a text-direction control that can reverse how a line reads, at character 5"),
        ("&#x202E;", "'&#x202E;', which stands for U+202E, a text-direction control that can reverse how a line reads"),
        ("&#1;", "'&#1;', which stands for U+0001, a control character, at character 5"),
    ],
)
def test_bidi_and_control_references_are_refused(kb_dir: Path, written: str, why: str) -> None:
    write(kb_dir, "t.yaml", POSITION.format(id="t").replace("title: A test position", f"title: Our {written}view"))
    found = problems(kb_dir)
    assert len(found) == 1 and found[0].startswith("positions/t.yaml:2:8: 'title' contains ") and why in found[0]


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f", "\ufffe", "\x0b"])
def test_raw_control_character_even_in_a_comment_is_located(kb_dir: Path, char: str) -> None:
    write(kb_dir, "c.yaml", POSITION.format(id="c").replace("tier: A\n", f"tier: A  # odd{char}\n"))
    write(kb_dir, "broken.yaml", "id: broken\n")
    found = problems(kb_dir)
    assert (
        f"positions/c.yaml:5:15: the file contains U+{ord(char):04X}, a control character YAML does not allow; "
        "delete it (even in a comment); it is often pasted in by accident from another program"
    ) in found
    assert any(p.startswith("positions/broken.yaml") for p in found), "the other files are still checked"


# 11. Structures that used to raise ------------------------------------------------------------------------------


def test_deep_nesting_is_located(kb_dir: Path) -> None:
    write(kb_dir, "deep.yaml", "id: deep\ntopics: " + "[" * 400 + "]" * 400 + "\n")
    assert problems(kb_dir) == [
        "positions/deep.yaml:2:1: lists or mappings are nested more than 50 deep; a position or response needs only "
        "a few levels; remove the extra brackets or indentation"
    ]


def test_list_as_a_key_is_located(kb_dir: Path) -> None:
    write(kb_dir, "key.yaml", "id: key\n? [[1]]\n: x\n")
    assert problems(kb_dir) == ["positions/key.yaml:2:1: a mapping key is a list or mapping; write keys as plain words"]


def test_taxonomy_framework_as_a_list(kb_dir: Path) -> None:
    taxonomy = kb_dir / "taxonomy.yaml"
    text = taxonomy.read_text()
    first_pillar = next(line for line in text.splitlines() if "framework:" in line)
    taxonomy.write_text(text.replace(first_pillar, first_pillar.split("framework:")[0] + "framework: [a, b]}"))
    found = problems(kb_dir)
    assert len(found) == 1 and "'framework' must be text" in found[0]


# 18. and 20. Values read as written, dates, names ------------------------------------------------------------------


@pytest.mark.parametrize("written", ["0x10", "1e3", "true", "0o17"])
def test_values_are_reported_as_written(kb_dir: Path, written: str) -> None:
    write(kb_dir, "n.yaml", POSITION.format(id=written))
    assert problems(kb_dir)[0].startswith(f"positions/n.yaml:1:5: id '{written}' does not match the file name")


def test_tab_in_a_title_is_refused_by_check_as_by_adopt(kb_dir: Path) -> None:
    write(kb_dir, "t.yaml", POSITION.format(id="t").replace("A test position", "A test\tposition"))
    assert problems(kb_dir) == [
        "positions/t.yaml:2:14: a tab character is used for spacing; YAML needs spaces: replace the tab with spaces"
    ]


def test_duplicate_version_dates_are_refused(kb_dir: Path) -> None:
    text = POSITION.format(id="d")
    write(kb_dir, "d.yaml", text + text.split("versions:\n")[1])
    assert problems(kb_dir) == [
        "positions/d.yaml:14:11: versions 1 and 2 have the same date (2023-03-14); each version is one meeting or "
        "paper: merge the two, or correct one date"
    ]


def test_future_and_timed_dates(kb_dir: Path) -> None:
    write(kb_dir, "f.yaml", POSITION.format(id="f").replace("2023-03-14", "2999-01-01"))
    write(kb_dir, "z.yaml", POSITION.format(id="z").replace("2023-03-14", "2023-03-14T10:00:00+01:00"))
    assert problems(kb_dir) == [
        "positions/f.yaml:7:11: warning: version 1 is dated 2999-01-01, in the future; a version records what a "
        "paper already said: check the date",
        "positions/z.yaml:7:11: 'date' has a time of day (2023-03-14T10:00:00+01:00); write only the day, as "
        "YYYY-MM-DD",
    ]


@pytest.mark.parametrize("name", ["con", "nul", "aux", "com1", "lpt9"])
def test_windows_reserved_names_are_not_ids(kb_dir: Path, name: str) -> None:
    write(kb_dir, f"{name}.yaml", POSITION.format(id=name))
    assert f"id '{name}' is a name Windows reserves for a device" in problems(kb_dir)[0]


# 19. Which files are read ---------------------------------------------------------------------------------------


def test_which_files_are_read(kb_dir: Path) -> None:
    write(kb_dir, ".git/x.yaml", "not: a position\n")
    write(kb_dir, ".hidden.yaml", "not: a position\n")
    write(kb_dir, "notes.md", "# notes\n")
    write(kb_dir, "old.yml", POSITION.format(id="old"))
    write(kb_dir, "sub/taxonomy.yaml", "frameworks: {}\n")
    assert problems(kb_dir) == [
        "positions/old.yml: warning: ends in .yml, so it is not read; rename it to old.yaml",
        "positions/sub/taxonomy.yaml: warning: only the taxonomy.yaml at the top of the knowledge base is read; "
        "merge it into that file, or rename this one",
    ]
