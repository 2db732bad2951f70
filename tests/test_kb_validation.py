"""Every bad input a knowledge-base keeper can write is reported as file:line:column: problem; fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run_process
from policydesk.store.knowledge_base import load_knowledge_base

VALID = """\
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


def problems_for(kb_dir: Path, name: str, content: str | bytes) -> list[str]:
    path = kb_dir / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return [str(p) for p in load_knowledge_base(kb_dir).problems]


def valid(pid: str = "test-position", **changes: str) -> str:
    text = VALID.format(id=pid)
    for old, new in changes.items():
        text = text.replace(old.replace("_", " "), new)
    return text


def test_the_small_knowledge_base_is_clean(kb_dir: Path) -> None:
    kb = load_knowledge_base(kb_dir)
    assert kb.problems == []
    assert sorted(kb.library.ids) == ["agency-social-workers", "high-needs-deficits", "kinship-carer-support"]


def test_yaml_syntax_error(kb_dir: Path) -> None:
    found = problems_for(kb_dir, "broken.yaml", "id: broken\ntitle: [unclosed\npillar: shbl-p3\n")
    assert found == [
        "positions/broken.yaml:3:7: YAML syntax error: expected ',' or ']', but got ':'; "
        "check the indentation, colons and quotes on this line or the one before"
    ]


def test_empty_file(kb_dir: Path) -> None:
    assert problems_for(kb_dir, "empty.yaml", "") == [
        "positions/empty.yaml:1:1: the file is empty; write a position (see docs/formats.md) or delete the file"
    ]


def test_top_level_list(kb_dir: Path) -> None:
    assert problems_for(kb_dir, "listed.yaml", "- id: listed\n- title: x\n") == [
        "positions/listed.yaml:1:1: a position file must be a mapping, not a list; "
        "start with 'id:', 'title:', 'pillar:' and 'versions:' at the left margin"
    ]


@pytest.mark.parametrize("field", ["id", "title", "pillar", "versions"])
def test_missing_required_field(kb_dir: Path, field: str) -> None:
    lines = [line for line in valid().splitlines(keepends=True) if not line.startswith(f"{field}:")]
    if field == "versions":
        lines = lines[: lines.index("tier: A\n") + 1]
    found = problems_for(kb_dir, "test-position.yaml", "".join(lines))
    assert f"positions/test-position.yaml:1:1: the position has no '{field}'; add a '{field}:' field" in found


def test_id_must_match_file_name(kb_dir: Path) -> None:
    assert problems_for(kb_dir, "other-name.yaml", valid()) == [
        "positions/other-name.yaml:1:5: id 'test-position' does not match the file name 'other-name.yaml'; "
        "rename the file to test-position.yaml or set id: other-name"
    ]


def test_duplicate_id_names_both_files(kb_dir: Path) -> None:
    (kb_dir / "elsewhere").mkdir()
    found = problems_for(kb_dir, "elsewhere/kinship-carer-support.yaml", valid("kinship-carer-support"))
    assert found == [
        "positions/elsewhere/kinship-carer-support.yaml:1:1: duplicate id 'kinship-carer-support', also used by "
        "positions/children/kinship-carer-support.yaml; ids must be unique across the knowledge base: "
        "rename one of the files and its id"
    ]


@pytest.mark.parametrize("bad", ["../x", "Kinship_Care", "a--b"])
def test_id_must_be_a_slug(kb_dir: Path, bad: str) -> None:
    found = problems_for(kb_dir, "x.yaml", valid(f'"{bad}"'))
    assert found == [
        f"positions/x.yaml:1:5: id '{bad}' is not a lower-case slug; use only a-z, 0-9 and single hyphens "
        "(for example kinship-carer-support); it cannot name a path"
    ]


def test_unknown_tags_suggest_the_nearest(kb_dir: Path) -> None:
    text = valid(
        **{
            "pillar: shbl-p3": "pillar: shbl-p33",
            "[kinship-care]": "[kinship-cares]",
            "stance: welcome": "stance: welcom",
            "tier: A": "tier: Z",
        }
    )
    assert problems_for(kb_dir, "test-position.yaml", text) == [
        "positions/test-position.yaml:3:9: unknown pillar 'shbl-p33' (did you mean 'shbl-p3'?); "
        "use one of: shbl-p3, shbl-p5, send-gen",
        "positions/test-position.yaml:4:10: unknown topic 'kinship-cares' (did you mean 'kinship-care'?); "
        "use a topic defined in taxonomy.yaml, or add it there with a definition",
        "positions/test-position.yaml:5:7: unknown tier 'Z'; use one of: A, B",
        "positions/test-position.yaml:10:13: unknown stance 'welcom' (did you mean 'welcome'?); "
        "use one of: welcome, concern, call",
    ]


def test_version_without_date(kb_dir: Path) -> None:
    text = valid().replace("  - date: 2023-03-14\n    agreed_by", "  - agreed_by")
    assert problems_for(kb_dir, "test-position.yaml", text) == [
        "positions/test-position.yaml:7:5: version 1 has no 'date'; add a 'date:' field"
    ]


def test_impossible_date(kb_dir: Path) -> None:
    assert problems_for(kb_dir, "test-position.yaml", valid(**{"2023-03-14": "2023-02-30"})) == [
        "positions/test-position.yaml:7:11: 'date' is not a real date: 2023-02-30; write an existing day as YYYY-MM-DD"
    ]


def test_versions_out_of_order(kb_dir: Path) -> None:
    text = valid() + valid().split("versions:\n")[1].replace("2023-03-14", "2019-01-16")
    assert problems_for(kb_dir, "test-position.yaml", text) == [
        "positions/test-position.yaml:14:11: version 2 (2019-01-16) is older than the version before it "
        "(2023-03-14); list versions oldest first"
    ]


def test_empty_version_text(kb_dir: Path) -> None:
    text = valid().replace("text: |\n      We welcome this.\n", 'text: "  "\n')
    assert problems_for(kb_dir, "test-position.yaml", text) == [
        "positions/test-position.yaml:12:11: 'text' is empty; write the text or remove the field"
    ]


@pytest.mark.parametrize(("escape", "code"), [("\\x07", "U+0007"), ("\\ud800", "U+D800"), ("\\x1b", "U+001B")])
def test_characters_word_cannot_hold(kb_dir: Path, escape: str, code: str) -> None:
    text = valid().replace("text: |\n      We welcome this.\n", f'text: "We welcome{escape} this."\n')
    assert problems_for(kb_dir, "test-position.yaml", text) == [
        f"positions/test-position.yaml:12:11: 'text' contains {code}, a control character, at character 11; "
        "delete it; such characters are often pasted in by accident from another program"
    ]


def test_duplicate_keys(kb_dir: Path) -> None:
    text = valid().replace("tier: A\n", "tier: A\ntitle: Again\n")
    assert problems_for(kb_dir, "test-position.yaml", text) == [
        "positions/test-position.yaml:6:1: duplicate key 'title' in one mapping (the mapping starts on line 1); "
        "keep one of the two entries"
    ]


def test_unknown_field_suggests(kb_dir: Path) -> None:
    text = valid().replace("tier: A\n", "tier: A\nreview_bye: 2025-01-01\n")
    assert problems_for(kb_dir, "test-position.yaml", text) == [
        "positions/test-position.yaml:6:1: unknown field 'review_bye' in a position (did you mean 'review_by'?); "
        "allowed fields are: id, title, framework, pillar, topics, tier, owner, review_by, catalogue_ids, related, "
        "versions"
    ]


def test_non_utf8_file(kb_dir: Path) -> None:
    raw = valid().replace("We welcome this.", "We welcome caf\xe9s.").encode("latin-1")
    assert problems_for(kb_dir, "test-position.yaml", raw) == [
        "positions/test-position.yaml:13:21: the file is not UTF-8 (byte 0xe9); save it as UTF-8 in your editor"
    ]


def test_taxonomy_with_undefined_framework(kb_dir: Path) -> None:
    taxonomy = kb_dir / "taxonomy.yaml"
    taxonomy.write_text(taxonomy.read_text().replace("framework: shbl-2023}", "framework: shbl-2032}", 1))
    found = [str(p) for p in load_knowledge_base(kb_dir).problems]
    assert found == [
        "positions/taxonomy.yaml:6:60: pillar 'shbl-p3' refers to framework 'shbl-2032', which is not defined "
        "(did you mean 'shbl-2023'?); define it under 'frameworks:' or correct the name"
    ]


def test_all_problems_are_reported_in_one_run(kb_dir: Path) -> None:
    (kb_dir / "empty.yaml").write_text("")
    (kb_dir / "listed.yaml").write_text("- a\n")
    found = problems_for(kb_dir, "test-position.yaml", valid(**{"stance: welcome": "stance: wel"}))
    assert len(found) == 3


def test_cli_exits_2_without_a_traceback(kb_dir: Path) -> None:
    (kb_dir / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n")
    (kb_dir / "empty.yaml").write_text("")
    result = run_process("check", cwd=kb_dir.parent)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "positions/broken.yaml:3:1: YAML syntax error: expected ',' or ']', but got '<stream end>'; "
        "check the indentation, colons and quotes on this line or the one before",
        "positions/empty.yaml:1:1: the file is empty; write a position (see docs/formats.md) or delete the file",
    ]
