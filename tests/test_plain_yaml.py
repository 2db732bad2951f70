"""The plain-shape YAML reader returns exactly what the libyaml loader returns, or gives the text back to it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from policydesk.store.knowledge_base import bundled_root
from policydesk.store.plain_yaml import UNSURE, read_plain
from policydesk.store.yaml_io import fast_loader


def libyaml_reads(text: str) -> Any:
    """What the libyaml loader behind fast_parse makes of `text`, or the exception it raises."""
    try:
        return yaml.load(text, Loader=fast_loader())
    except Exception as exc:  # noqa: BLE001 - any refusal counts: the plain reader must then have given up too
        return exc


def same(a: Any, b: Any) -> bool:
    """Equal, with the same types all the way down (a date is not its text, a list not a tuple)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def agrees(text: str) -> bool:
    plain = read_plain(text)
    return plain is UNSURE or same(plain, libyaml_reads(text))


def test_every_bundled_position_file_is_read_by_the_plain_reader_exactly():
    files = [f for f in sorted(bundled_root().rglob("*.yaml")) if f.name != "taxonomy.yaml"]
    assert len(files) > 150
    for path in files:
        text = path.read_text(encoding="utf-8")
        plain = read_plain(text)
        assert plain is not UNSURE, f"{path.name} fell back to libyaml"
        assert same(plain, libyaml_reads(text)), path.name


READ = {
    "nulls and days": "a: null\nb: ~\nc:\nd: 2024-03-01\ne: '2024-03-01'\n",
    "numbers and booleans stay text": 'a: 41\nb: yes\nc: "1"\nd: 3.5\n',
    "quotes": 'a: \'it\'\'s\'\nb: "say \\"no\\" \\u00a3 \\u2019"\nc: The "best" plan, [draft]\n',
    "flow": "t: [a, b c, 'd, e', \"f\"]\ns: {document: 'A, B', paragraph: \"1\", seed: x.txt}\ne: []\n",
    "sequence at the key's indent": "v:\n- date: 2020-01-02\n  text: x\n- date: 2021-01-02\nafter: y\n",
    "literal, clipped": "t: |\n  one\n\n    two\n  # not a comment\n\n\nn: 1\n",
    "literal, stripped": "t: |-\n  one\n  two\n\n",
    "literal at the end with no newline": "t: |\n  one",
    "comments and blank lines": "# heading\n\na: b  \n  # indented comment\nc: d\n",
    "url and colon without a space": "a: https://example.org/x?y=1\nb: 10:30am\n",
    "keys with hyphens": "agreed-by: x\nok_2: y\n",
}


@pytest.mark.parametrize("name", READ)
def test_the_plain_shape_is_read_as_libyaml_reads_it(name):
    text = READ[name]
    plain = read_plain(text)
    assert plain is not UNSURE, name
    assert same(plain, libyaml_reads(text))


GIVEN_BACK = {
    "duplicate key": "a: 1\na: 2\n",
    "null key": "null: x\n",
    "impossible day": "d: 2020-02-30\n",
    "timestamp": "d: 2020-01-02 10:00:00\n",
    "trailing comment": "a: b # c\n",
    "folded block": "t: >\n  one\n",
    "plain over two lines": "t: one\n  two\n",
    "tab": "a:\tb\n",
    "carriage return": "a: b\r\n",
    "nested flow": "a: [b, [c]]\n",
    "not a mapping": "- a\n- b\n",
    "unclosed quote": "a: 'b\n",
    "escape YAML and JSON read apart": 'a: "\\x41"\n',
    "surrogate half": 'a: "\\ud83d"\n',
    "dash without space": "a: -b\n",
    "key longer than libyaml takes": "a" * 1025 + ": b\n",
    "flow key longer than libyaml takes": "x: {" + "a" * 1025 + ": b}\n",
    "nested past libyaml's recursion": "".join(" " * i + "a:\n" for i in range(248)) + " " * 248 + "a: b\n",
    "lists and maps as deep": "a:\n" + "".join(" " * (2 * i) + "- a:\n" for i in range(124)) + " " * 248 + "- b\n",
    "text after a long quoted scalar (the reader must not backtrack through it)": 'a: "' + "word " * 60 + '" x\n',
}


@pytest.mark.parametrize("name", GIVEN_BACK)
def test_anything_outside_the_plain_shape_goes_back_to_libyaml(name):
    assert read_plain(GIVEN_BACK[name]) is UNSURE


# Generated documents: plain, quoted and broken scalars in every place a position file puts them ------------------

PIECES = list("aZ é£-:#'\",[]{}|>~\\0912") + [": ", " #", "null", "Null", "2020-01-02", "\u2019", "\\u00a3", "  "]
CLEAN = ["Funding", "more money", "Children's plan", "2020-01-02", "null", "£5m", "", "A, B", "x.txt", "U5"]
words = st.one_of(st.sampled_from(CLEAN), st.lists(st.sampled_from(PIECES), max_size=8).map("".join))
keys = st.sampled_from(["id", "title", "a-b", "x_1", "on", "Title", "k", "text", "date"] * 4 + ["null", "2020-01-01"])


@st.composite
def scalars(draw) -> str:
    text = draw(words)
    style = draw(st.sampled_from(["plain", "single", "double", "ascii"]))
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style in ("double", "ascii"):
        return json.dumps(text, ensure_ascii=style == "ascii")
    return text


@st.composite
def values(draw, indent: int, depth: int) -> list[str]:
    """The text after 'key:' and the lines below it."""
    kind = draw(st.sampled_from(["scalar", "list", "map", "literal", "mapping", "sequence"][: 4 + (depth < 2) * 2]))
    pad = " " * (indent + draw(st.sampled_from([2, 2, 2, 1, 0])))
    if kind == "scalar":
        return [" " + draw(scalars())]
    if kind == "list":
        return [" [" + ", ".join(draw(st.lists(scalars(), max_size=4))) + "]"]
    if kind == "map":
        pairs = draw(st.lists(st.tuples(keys, scalars()), max_size=3))
        return [" {" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"]
    if kind == "literal":
        body = draw(st.lists(st.sampled_from(["one", "", "  deeper", "# hash", "x: y", " "]), min_size=1, max_size=4))
        header = draw(st.sampled_from(["|", "|-", "|", "|-", "|+", "| "]))
        return [" " + header] + [pad + line if line else "" for line in body]
    if kind == "mapping":
        return [""] + draw(mappings(len(pad), depth + 1))
    lines = [""]
    for _ in range(draw(st.integers(1, 3))):
        item = draw(mappings(len(pad) + 2, depth + 1))
        lines.append(pad + "- " + item[0].lstrip(" "))
        lines += item[1:]
    return lines


@st.composite
def mappings(draw, indent: int = 0, depth: int = 0) -> list[str]:
    lines = []
    for key in draw(st.lists(keys, min_size=1, max_size=4, unique=draw(st.integers(0, 9)) > 0)):
        first, *rest = draw(values(indent, depth))
        lines.append(" " * indent + key + ":" + first)
        lines += rest
        if draw(st.integers(0, 5)) == 0:
            lines.append(draw(st.sampled_from(["", "# note", " " * indent + "  # note"])))
    return lines


@settings(max_examples=600, deadline=None)
@given(mappings(), st.booleans())
def test_a_generated_document_is_read_as_libyaml_reads_it_or_given_back(lines, final_newline):
    text = "\n".join(lines) + ("\n" if final_newline else "")
    assert agrees(text), text


def test_generated_documents_are_mostly_in_the_plain_shape():
    """Without this the property above could pass by the reader giving every document back."""
    found = []

    @settings(max_examples=300, deadline=None, derandomize=True)
    @given(mappings())
    def read(lines):
        found.append(read_plain("\n".join(lines) + "\n") is not UNSURE)

    read()
    assert sum(found) > len(found) // 5


def test_the_bench_shape_of_position_is_read(tmp_path: Path):
    text = (
        'id: synthetic-00001\ntitle: "Children\\u2019s \\u00a3 funding"\npillar: early-years\n'
        "topics: [send, workforce]\nversions:\n  - date: 2020-01-02\n    stance: support\n"
        '    source: {document: Synthetic board paper, paragraph: "1"}\n    text: "One line \\"quoted\\"."\n'
    )
    plain = read_plain(text)
    assert plain["versions"][0]["date"] == date(2020, 1, 2)
    assert plain["title"] == "Children\u2019s \u00a3 funding"
    assert same(plain, libyaml_reads(text))
