"""The load cache is a speed-up only: every command says the same with it off, cold and warm, and no change to a
file is missed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import REPO, run_process
from policydesk.store.knowledge_base import load_knowledge_base
from policydesk.store.load_cache import LoadCache, cache_file, file_key

COMMANDS = [
    ("check",),
    ("check", "--json"),
    ("list", "--json"),
    ("show", "kinship-carer-support"),
    ("show", "high-needs-deficits", "--json"),
    ("search", "kinship carers"),
    ("search", "dsg", "--json"),
    ("history", "high-needs-deficits"),
    ("diff", "high-needs-deficits"),
    ("check", "responses/stable-homes-built-on-love.yaml"),
    ("drift", "responses/send-ap-improvement-plan.yaml"),
    ("suggest", "responses/stable-homes-built-on-love.yaml", "--question", "3"),
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the bundled knowledge base and example responses, in a folder of its own."""
    shutil.copytree(REPO / "positions", tmp_path / "positions")
    shutil.copytree(REPO / "responses", tmp_path / "responses", ignore=shutil.ignore_patterns(".*", "*.docx"))
    return tmp_path


def said(folder: Path, cache: str, *args: str) -> tuple[int, str, str]:
    done = run_process(*args, cwd=folder, env={"POLICYDESK_CACHE": cache})
    return done.returncode, done.stdout, done.stderr


def test_every_command_says_the_same_with_the_cache_off_cold_and_warm(folder: Path, tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    for args in COMMANDS:
        off = said(folder, "off", *args)
        shutil.rmtree(cache, ignore_errors=True)
        cold = said(folder, cache, *args)
        warm = said(folder, cache, *args)
        assert off == cold == warm, args
    assert list((tmp_path / "cache" / "knowledge-bases").glob("*.marshal"))
    render = ("render", "responses/stable-homes-built-on-love.yaml", "--clean", "--out")
    assert said(folder, "off", *render, "off.docx")[0] == 0
    assert said(folder, cache, *render, "warm.docx")[0] == 0
    assert word_parts(folder / "off.docx") == word_parts(folder / "warm.docx")


def word_parts(path: Path) -> dict[str, bytes]:
    """Every part of a Word file but its properties, which record when it was written, with the record of
    what was sent (unique to each render) named the same."""
    with zipfile.ZipFile(path) as docx:
        return {
            name: re.sub(rb"_pd_sent_[0-9T_]+", b"_pd_sent_", docx.read(name))
            for name in docx.namelist()
            if not name.startswith("docProps/")
        }


def shown_title(folder: Path, cache: str, pid: str) -> str:
    code, out, err = said(folder, cache, "show", pid, "--json")
    assert code == 0, err
    return out.split('"title": "', 1)[1].split('"', 1)[0]


def test_a_change_of_the_same_size_and_time_is_seen(folder: Path, tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    path = folder / "positions" / "children" / "kinship-care-support.yaml"
    if not path.exists():
        path = next(p for p in (folder / "positions").rglob("*.yaml") if p.name != "taxonomy.yaml")
    pid = path.stem
    before = shown_title(folder, cache, pid)
    text = path.read_text()
    title_line = next(line for line in text.splitlines() if line.startswith("title:"))
    swapped = title_line[:7] + title_line[7:].swapcase()
    assert len(swapped) == len(title_line) and swapped != title_line
    stat = path.stat()
    path.write_text(text.replace(title_line, swapped, 1))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert shown_title(folder, cache, pid) != before
    assert shown_title(folder, "off", pid) == shown_title(folder, cache, pid)


def test_added_removed_and_renamed_files_are_seen(folder: Path, tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    positions = folder / "positions"
    first = said(folder, cache, "list")[1]
    source = next(p for p in positions.rglob("*.yaml") if p.name != "taxonomy.yaml")
    copy = source.with_name("a-new-position.yaml")
    copy.write_text(source.read_text().replace(f"id: {source.stem}", "id: a-new-position", 1))
    assert "a-new-position" in said(folder, cache, "list")[1]
    copy.rename(copy.with_name("renamed-position.yaml"))
    renamed = said(folder, cache, "check")
    assert renamed[0] == 2 and "renamed-position" in renamed[2]  # the id no longer matches the file name
    (positions / source.parent / "renamed-position.yaml").unlink()
    assert said(folder, cache, "list")[1] == first


def test_a_taxonomy_change_sets_the_cache_aside(folder: Path, tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    assert said(folder, cache, "check")[0] == 0
    taxonomy = folder / "positions" / "taxonomy.yaml"
    taxonomy.write_text(taxonomy.read_text().replace("  kinship-care:", "  kinship-caring:", 1))
    code, _, err = said(folder, cache, "check")
    assert code == 2 and "kinship-care" in err
    assert said(folder, "off", "check")[1:] == said(folder, cache, "check")[1:]


def test_a_file_with_errors_is_read_again_every_time(folder: Path, tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    path = next(p for p in (folder / "positions").rglob("*.yaml") if p.name != "taxonomy.yaml")
    path.write_text(path.read_text().replace("pillar:", "pilar:", 1))
    first = said(folder, cache, "check")
    assert first[0] == 2 and "pilar" in first[2]
    assert said(folder, cache, "check") == first


@pytest.mark.parametrize("damage", ["garbage", "empty", "truncated", "folder", "unwritable"])
def test_a_damaged_or_unwritable_cache_is_ignored(folder: Path, tmp_path: Path, damage: str) -> None:
    cache = tmp_path / "cache"
    expected = said(folder, "off", "check")
    assert said(folder, str(cache), "check") == expected
    stored = next((cache / "knowledge-bases").glob("*.marshal"))
    if damage == "garbage":
        stored.write_bytes(os.urandom(5000))
    elif damage == "empty":
        stored.write_bytes(b"")
    elif damage == "truncated":
        stored.write_bytes(stored.read_bytes()[: stored.stat().st_size // 2])
    elif damage == "folder":
        stored.unlink()
        stored.mkdir()
    else:
        for path in cache.rglob("*"):
            path.unlink() if path.is_file() else None
        (cache / "knowledge-bases").chmod(0o500)
    try:
        assert said(folder, str(cache), "check") == expected
        assert said(folder, str(cache), "check") == expected
    finally:
        (cache / "knowledge-bases").chmod(0o700)


def test_an_entry_written_in_the_same_instant_is_checked_by_content(tmp_path: Path, monkeypatch) -> None:
    """A file changed within one tick of the clock can keep its size and times: such entries are not trusted."""
    root = tmp_path / "positions"
    shutil.copytree(REPO / "tests" / "data" / "kb-small", root)
    monkeypatch.setenv("POLICYDESK_CACHE", str(tmp_path / "cache"))
    load_knowledge_base(root)
    path = root / "agency-social-workers.yaml"
    key = file_key(str(path))
    cache = LoadCache.open(root, next(iter([cache_taxonomy(root)])))
    name = "agency-social-workers.yaml"
    assert cache.entries[name].key == key
    cache.written_ns = time.time_ns()  # as if written in the same instant as the file
    read: list[bool] = []
    assert cache.usable(name, key, date.today().toordinal(), lambda: read.append(True) or "another digest") is None
    assert read == [True]
    cache.written_ns = max(key[1], key[2]) + 10_000_000_000  # written well after: the stat is trusted
    assert cache.usable(name, key, date.today().toordinal(), lambda: read.append(True) or "") is not None
    assert read == [True]


def cache_taxonomy(root: Path) -> str:
    from policydesk.store.atomic import Stamp

    return Stamp.of_file(root / "taxonomy.yaml").digest or ""


def kb_with_a_version_on(day: date, tmp_path: Path, monkeypatch) -> Path:
    """The small knowledge base, cached, with one position's first version moved to `day`."""
    root = tmp_path / "positions"
    shutil.copytree(REPO / "tests" / "data" / "kb-small", root)
    monkeypatch.setenv("POLICYDESK_CACHE", str(tmp_path / "cache"))
    path = root / "agency-social-workers.yaml"
    path.write_text(path.read_text().replace("date: 2023-03-14", f"date: {day.isoformat()}", 1))
    return root


def test_a_version_dated_ahead_is_checked_again_the_next_day(tmp_path: Path, monkeypatch) -> None:
    today = date.today()
    ahead = today + timedelta(days=1)
    root = kb_with_a_version_on(ahead, tmp_path, monkeypatch)
    future = [str(p) for p in load_knowledge_base(root, today=today).problems if "in the future" in str(p)]
    assert future and future == [
        str(p) for p in load_knowledge_base(root, today=today).problems if "in the future" in str(p)
    ]
    later = [str(p) for p in load_knowledge_base(root, today=ahead + timedelta(days=1)).problems]
    assert not any("in the future" in p for p in later)
    assert cache_file(root) is not None


def test_a_file_the_round_trip_reader_reads_is_cached_and_read_back_the_same(folder: Path, tmp_path: Path) -> None:
    """A file with a document marker is read by the round-trip reader, whose strings are not plain str."""
    path = next(p for p in (folder / "positions").rglob("*.yaml") if "topics: [" in p.read_text())
    text = path.read_text()
    line = next(x for x in text.splitlines() if x.startswith("topics: ["))
    first = line[len("topics: [") :].split(",")[0].rstrip("]")
    path.write_text("---\n" + text.replace(line, line.replace(first, f'"{first}"', 1), 1))
    cache = str(tmp_path / "cache")
    expected = said(folder, "off", "show", path.stem, "--json")
    assert expected[0] == 0, expected[2]
    assert said(folder, cache, "show", path.stem, "--json") == expected
    assert said(folder, cache, "show", path.stem, "--json") == expected


def test_a_flipped_byte_in_the_cache_sets_it_aside(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    pid = next(p for p in (folder / "positions").rglob("*.yaml") if p.name != "taxonomy.yaml").stem
    expected = said(folder, "off", "show", pid)
    assert said(folder, str(cache), "show", pid) == expected
    stored = next((cache / "knowledge-bases").glob("*.marshal"))
    data = bytearray(stored.read_bytes())
    data[len(data) // 2] ^= 0x20
    stored.write_bytes(bytes(data))
    assert said(folder, str(cache), "show", pid) == expected


def test_a_link_pointed_elsewhere_is_read_again(folder: Path, tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    path = next(p for p in (folder / "positions").rglob("*.yaml") if p.name != "taxonomy.yaml")
    store, outside = folder / "positions" / "store", tmp_path / "outside"
    store.mkdir()
    outside.mkdir()
    kept = store / f"{path.stem}.txt"
    path.rename(kept)
    path.symlink_to(os.path.relpath(kept, path.parent))
    os.link(kept, outside / kept.name)  # the same file, outside the knowledge base
    assert said(folder, cache, "check")[0] == 0
    path.unlink()
    path.symlink_to(outside / kept.name)
    refused = said(folder, cache, "check")
    assert refused[0] == 2 and "outside the knowledge base" in refused[2]
    assert refused == said(folder, "off", "check")


def test_off_writes_no_folder_called_off_and_a_deleted_working_folder_is_no_error(folder: Path, tmp_path: Path) -> None:
    assert said(folder, "off", "list")[0] == 0
    assert not (folder / "off").exists()
    gone = tmp_path / "gone"
    gone.mkdir()
    script = (
        "import os, sys, policydesk.cli as cli; os.chdir(sys.argv[1]); os.rmdir(sys.argv[1]); "
        "raise SystemExit(cli.run(['--kb', sys.argv[2], 'list']))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(gone), str(folder / "positions")],
        capture_output=True,
        text=True,
        env={**os.environ, "POLICYDESK_CACHE": str(tmp_path / "cache")},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def test_a_clock_set_back_checks_dates_again(tmp_path: Path, monkeypatch) -> None:
    day = date.today()
    root = kb_with_a_version_on(day, tmp_path, monkeypatch)

    def future(on: date) -> list[str]:
        return [str(p) for p in load_knowledge_base(root, today=on).problems if "in the future" in str(p)]

    assert future(day) == [] and future(day) == []  # cold, then warm: dated today is not the future
    assert future(day - timedelta(days=1)) != []  # the clock set back a day: now it is
