"""Answers out: plain answer text and its counts, `check` on limits, and `export` as text, markdown, HTML and PDF."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from libreoffice import SOFFICE, pdf_text
from lxml import html
from markdown_it import MarkdownIt
from rendered import bundled_library, response, small_library

from conftest import DATA, REPO, need
from policydesk.answer_text import Count, answer_text, count_note, count_text, over_limit, response_count, section_count
from policydesk.model.response import Paragraph, Section
from policydesk.model.scales import Limit, count_words
from policydesk.render import document as d
from policydesk.render.assemble import RenderOptions, assemble
from policydesk.render.html_writer import write_html
from policydesk.render.markdown_writer import write_markdown
from policydesk.render.outline import outline
from policydesk.render.pdf import written_by_policydesk
from policydesk.response_checks import check_response
from policydesk.store.response_file import read_response

SHBL = REPO / "responses" / "stable-homes-built-on-love.yaml"
TABLES = DATA / "responses" / "tables.yaml"
BUNDLED_KB = ("--kb", str(REPO / "positions"))
HOSTILE = "<script>alert(1)</script> **not bold** [x](javascript:alert(1)) & &amp; `code` # 1. | a |"


def page_of(path: Path, library=None):
    return assemble(response(path), library or small_library(), RenderOptions(clean=True))


def test_answer_text_is_plain_paragraphs_with_bullets_and_no_numbers() -> None:
    library = small_library()
    section = response(DATA / "responses" / "sample.yaml").sections[0]
    text = answer_text(section, library)
    pinned = library.get("kinship-carer-support").version(section.paragraphs[0].version).text
    assert text.startswith(" ".join(pinned.split()[:6]))
    assert "We would add three points:\n\n- training for carers;\n- money that follows the child; and\n" in text
    assert "- advice from Kinship.\n\nA detailed point under the paragraph above." in text
    assert "**" not in text and "](" not in text and "1." not in text


def test_an_edited_quotation_counts_its_draft_wording() -> None:
    library = small_library()
    section = response(DATA / "responses" / "sample.yaml").sections[1]
    assert answer_text(section, library) == (
        "We are very pleased the Department is acting quickly on agency social work, and we want to keep working "
        "with it."
    )
    assert section_count(section, library) == Count(21, 112)


def test_tables_and_subheadings_become_lines() -> None:
    text = answer_text(response(TABLES).sections[0], small_library())
    assert "Region | Councils in deficit | Share\nNorth East | 9 | 75%\nLondon | 25 | 3 in 4" in text
    assert "- earlier help;\n  - in schools; and\n    - in early years settings;\n- a national plan." in text
    funding = response(DATA / "responses" / "sample.yaml").sections[2]
    assert answer_text(funding, small_library()).startswith("High needs\n\n")


def test_words_are_counted_as_a_form_counts_them() -> None:
    assert count_words("- make it permanent; and\n  - £1.6 billion – a year") == 8
    assert count_text("one two\r\nthree") == Count(3, 13)
    assert Limit(3).measure("a - b c d") == 4
    assert Limit(10, "characters").measure("ab\r\ncd") == 5


def test_limits_say_when_an_answer_is_over() -> None:
    section = Section("Q?", (Paragraph("one two three four five"),), number="1", limit=Limit(3))
    count = count_text("one two three four five")
    assert over_limit(section, count) == 2
    assert count_note(section, count) == "5 words, 23 characters; limit 3 words, 2 words over"
    within = replace(section, limit=Limit(30, "characters"))
    assert over_limit(within, count) == 0
    assert count_note(within, count) == "5 words, 23 characters; limit 30 characters"
    assert count_note(replace(section, limit=None), Count(1, 1)) == "1 word, 1 character"


def test_the_whole_response_is_every_section_added_together() -> None:
    loaded = response(SHBL)
    library = bundled_library()
    total = response_count(loaded, library)
    assert total.words == sum(section_count(s, library).words for s in loaded.sections) > 1000
    assert total.characters == sum(section_count(s, library).characters for s in loaded.sections)


def test_check_warns_on_the_question_line_when_an_answer_is_over_its_limit(workspace: Path) -> None:
    path = workspace / "responses" / "sample.yaml"
    text = (DATA / "responses" / "sample.yaml").read_text()
    answer = "    answer: Neither agree nor disagree\n"
    path.write_text(text.replace(answer, "    answer: Partly\n    limit: {words: 12}\n"))
    loaded = read_response(path)
    found = [str(p) for p in check_response(loaded, small_library()) if "limit" in str(p)]
    line = text.splitlines().index('  - question: "2"') + 1
    assert found == [
        f"responses/sample.yaml:{line}:5: warning: question 2: the answer is 21 words, 9 over the question's limit "
        "of 12 words; shorten it; 'policydesk export RESPONSE --format text' shows every answer's length"
    ]
    path.write_text(text.replace(answer, "    limit: {characters: 112}\n"))
    assert not [p for p in check_response(read_response(path), small_library()) if "limit" in str(p)]


def test_text_export_gives_each_question_its_block_and_counts(workspace: Path, cli) -> None:
    path = workspace / "responses" / "sample.yaml"
    path.write_text(
        (DATA / "responses" / "sample.yaml")
        .read_text()
        .replace("    answer: Agree\n", "    answer: Agree\n    limit: {words: 40}\n", 1)
    )
    result = cli("export", str(path), "--format", "text")
    assert result.code == 0, result.err
    blocks = result.out.split("=" * 60 + "\n")
    assert blocks[0].startswith("LGA response to the Department for Education’s consultation on Stable Homes")
    first = blocks[1]
    assert first.startswith("Question 1: Do you agree with the proposals for kinship care?\nAnswer: Agree\n\n")
    count = section_count(response(path).sections[0], small_library())
    assert first.rstrip().endswith(
        f"[{count.words} words, {count.characters:,} characters; limit 40 words, {count.words - 40} words over]"
    )
    assert blocks[2].startswith(
        "Question 2: Do you agree with the plans for the social care workforce?\nAnswer: "
        "Neither agree nor disagree\n\nWe are very pleased"
    )
    assert "[21 words, 112 characters]" in blocks[2]
    assert blocks[3].startswith("Funding\n\nHigh needs\n\n")
    assert blocks[-1].startswith("The whole response: ")


def test_markdown_keeps_words_numbers_and_lists_of_the_word_file() -> None:
    page = page_of(TABLES)
    text = write_markdown(page)
    rendered = html.fromstring(MarkdownIt("commonmark").enable("table").render(text))
    numbered = [item for item in outline(page) if item.kind == "numbered"]
    assert [i.number for i in numbered][:3] == ["1.", "1.1.", "2."]
    top = rendered.xpath("//body/ol | /ol") or rendered.xpath("//ol[not(ancestor::ol)]")
    assert top, text
    first = top[0]
    assert first.get("start") in (None, "1")
    assert first.xpath("./li[1]//table//th/text()") == ["Region", "Councils in deficit", "Share"]
    nested = first.xpath("./li[1]/ol/li[1]")
    assert nested and "We would add:" in nested[0].text_content()
    assert nested[0].xpath("./ul/li/ul/li/ul/li")[0].text_content().strip() == "in early years settings;"
    words = " ".join(rendered.text_content().split())
    for item in outline(page):
        if isinstance(item.block, d.Para):
            assert " ".join(item.block.text.split()) in words


def test_markdown_escapes_everything_that_would_be_markup(workspace: Path) -> None:
    loaded = response(DATA / "responses" / "sample.yaml")
    hostile = replace(
        loaded,
        consultation=replace(loaded.consultation, title=HOSTILE),
        sections=(replace(loaded.sections[0], title="1. Is this # a list? - or > a quote"), *loaded.sections[1:]),
    )
    text = write_markdown(assemble(hostile, small_library(), RenderOptions(clean=True)))
    rendered = MarkdownIt("commonmark").enable("table").render(text)
    tree = html.fromstring(rendered)
    assert not tree.xpath("//script | //code | //table") and "javascript" not in "".join(tree.xpath("//a/@href"))
    assert HOSTILE in tree.xpath("string(//h1)")
    assert "Question 1: 1. Is this # a list? - or > a quote" in tree.xpath("//h2/text()")
    assert [a.get("href") for a in tree.xpath("//a")] == ["https://kinship.org.uk", "mailto:jane.smith@local.gov.uk"]


def test_html_is_semantic_and_in_the_word_files_order() -> None:
    page = page_of(TABLES)
    tree = html.fromstring(write_html(page))
    assert tree.get("lang") == "en-GB" and tree.xpath("//meta[@name='generator']/@content") == ["policydesk"]
    headings = [(e.tag, e.text_content()) for e in tree.xpath("//h1 | //h2 | //h3")]
    expected = [(f"h{item.level}", item.block.text) for item in outline(page) if item.kind == "heading"]
    assert headings == expected
    numbers = tree.xpath("//ol[@class='paras']/li/@data-number")
    assert numbers == [item.number for item in outline(page) if item.kind == "numbered"]
    first = tree.xpath("//article/ol[@class='paras']")[0]
    assert first.xpath("./li[1]/table/thead/tr/th/text()") == ["Region", "Councils in deficit", "Share"]
    assert first.xpath("./li[1]/table/tbody/tr[2]/td[2]/strong/text()") == ["25"]
    sub = first.xpath("./li[1]/ol[@class='paras']/li[1]")[0]
    assert sub.get("data-number") == "1.1." and sub.get("value") == "1"
    assert sub.xpath("./ul/li/ul/li/ul/li/text()") == ["in early years settings;"]
    assert tree.xpath("//p[@class='answer']/strong/text()")[0] == "Agree."


def test_html_shows_the_draft_wording_without_tracked_changes() -> None:
    page = assemble(response(SHBL), bundled_library(), RenderOptions(clean=True))
    text = html.fromstring(write_html(page)).text_content()
    assert "points most of the new money at pathfinder areas" in text
    assert "points much of the new money" not in text
    assert not [b for b in page.body if isinstance(b, d.Quote)]


def test_html_escapes_text_and_keeps_only_allowed_links() -> None:
    runs = (
        d.Run(HOSTILE),
        d.Run("bad link", href="javascript:alert(1)"),
        d.Run(" good link", href="https://example.org/?a=1&b=<2>"),
    )
    page = d.Page(
        "T <b>",
        "S",
        "A",
        "en-GB",
        (d.para(d.HEADING_1, HOSTILE), d.Para(d.BODY, runs)),
        datetime(2024, 1, 1, tzinfo=UTC),
    )
    written = write_html(page)
    assert "<script>" not in written and "&lt;script&gt;" in written and "<title>T &lt;b&gt;</title>" in written
    tree = html.fromstring(written)
    assert not tree.xpath("//script | //b")
    assert tree.xpath("//a/@href") == ["https://example.org/?a=1&b=<2>"]
    assert tree.xpath("string(//article/p)") == HOSTILE + "bad link good link"


def test_export_writes_html_beside_the_response_and_prints_markdown(workspace: Path, cli) -> None:
    path = Path(shutil.copy(SHBL, workspace / "responses"))
    shown = cli(*BUNDLED_KB, "export", str(path), "--format", "markdown")
    assert shown.code == 0 and shown.out.startswith("# LGA response to the Department for Education’s consultation")
    written = cli(*BUNDLED_KB, "export", str(path), "--format", "html")
    assert written.code == 0, written.err
    assert (
        written.out == "Wrote responses/stable-homes-built-on-love.html (web page, the draft wording without "
        "tracked changes).\n"
    )
    tree = html.parse(str(path.with_suffix(".html"))).getroot()
    assert tree.xpath("string((//h2)[4])").startswith("Question 1: Do you agree with the proposals in Pillar 1")
    assert cli(*BUNDLED_KB, "export", str(path), "--format", "html").code == 0, "an earlier export is replaced"
    assert cli(*BUNDLED_KB, "export", str(path), "--format", "markdown", "--out", "out/site.md").code == 0
    assert (workspace / "out" / "site.md").read_text() == shown.out


def test_export_out_follows_the_render_safety_rules(workspace: Path, cli) -> None:
    path = Path(shutil.copy(SHBL, workspace / "responses"))
    wrong = cli(*BUNDLED_KB, "export", str(path), "--format", "html", "--out", "page.txt")
    assert wrong.code == 2
    assert wrong.err == (
        "page.txt: the web page's name must end in .html; give --out a file name such as response.html\n"
    )
    notes = workspace / "notes.md"
    notes.write_text("# My own notes\n")
    kept = cli(*BUNDLED_KB, "export", str(path), "--format", "markdown", "--out", str(notes))
    assert kept.code == 2 and "policydesk did not write it, so it is not replaced" in kept.err
    assert notes.read_text() == "# My own notes\n"
    assert cli(*BUNDLED_KB, "export", str(path), "--format", "markdown", "--out", str(notes), "--force").code == 0
    assert notes.read_text().startswith("# LGA response")
    again = cli(*BUNDLED_KB, "export", str(path), "--format", "markdown", "--out", str(notes))
    assert again.code == 0, "now it is ours"
    (workspace / "page.html").write_text("<html><body>someone else's page</body></html>")
    assert cli(*BUNDLED_KB, "export", str(path), "--format", "html", "--out", "page.html").code == 2
    (workspace / "folder.txt").mkdir()
    assert cli(*BUNDLED_KB, "export", str(path), "--format", "text", "--out", "folder.txt").code == 2


def test_export_refuses_a_response_with_errors(workspace: Path, cli) -> None:
    path = workspace / "responses" / "sample.yaml"
    path.write_text((DATA / "responses" / "sample.yaml").read_text().replace("kinship-carer-support", "no-such-one"))
    result = cli("export", str(path), "--format", "text")
    assert result.code == 2 and "position 'no-such-one' is not in the knowledge base" in result.err
    assert result.out == ""


def test_pdf_without_libreoffice_says_what_to_install(workspace: Path, cli, monkeypatch: pytest.MonkeyPatch) -> None:
    path = Path(shutil.copy(SHBL, workspace / "responses"))
    empty = workspace / "no-programs"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = cli(*BUNDLED_KB, "export", str(path), "--format", "pdf")
    assert result.code == 2
    assert result.err.startswith(
        "responses/stable-homes-built-on-love.yaml: a PDF needs LibreOffice, which is not "
        "installed; install LibreOffice"
    )
    assert not path.with_suffix(".pdf").exists()


def test_pdf_is_the_clean_word_document_converted_by_libreoffice(workspace: Path, cli) -> None:
    need(SOFFICE is not None and shutil.which("pdftotext") is not None, "LibreOffice and pdftotext")
    path = Path(shutil.copy(SHBL, workspace / "responses"))
    result = cli(*BUNDLED_KB, "export", str(path), "--format", "pdf", "--out", "print/shbl.pdf")
    assert result.code == 0, result.err
    target = workspace / "print" / "shbl.pdf"
    assert target.read_bytes().startswith(b"%PDF") and written_by_policydesk(target.read_bytes())
    text = pdf_text(target)
    assert "Question 6: Do you agree with the proposals in Pillar 6" in text
    assert "points most of the new money at pathfinder" in " ".join(text.split())
    printed = re.findall(r"^\s*(\d+(?:\.\d+)*\.)\s", text, re.MULTILINE)
    page = assemble(response(path), bundled_library(), RenderOptions(clean=True))
    on_web = html.fromstring(write_html(page)).xpath("//ol[@class='paras']/li/@data-number")
    assert printed == on_web, "the web page numbers paragraphs as the word processor does"
    again = cli(*BUNDLED_KB, "export", str(path), "--format", "pdf", "--out", "print/shbl.pdf")
    assert again.code == 0, "its own PDF is replaced"
    tables = Path(shutil.copy(TABLES, workspace / "responses"))
    shutil.copy(DATA / "positions-extra" / "high-needs-figures.yaml", workspace / "positions")
    assert cli("export", str(tables), "--format", "pdf").code == 0
    printed = re.findall(r"^\s*(\d+(?:\.\d+)*\.)\s", pdf_text(tables.with_suffix(".pdf")), re.MULTILINE)
    on_web = html.fromstring(write_html(page_of(tables))).xpath("//ol[@class='paras']/li/@data-number")
    assert printed == on_web and "1.1." in printed
    other = workspace / "print" / "other.pdf"
    other.write_bytes(b"%PDF-1.4 someone else's")
    assert cli(*BUNDLED_KB, "export", str(path), "--format", "pdf", "--out", str(other)).code == 2
