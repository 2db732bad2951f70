"""The command line for papers: `paper new`, and `check` and `render` telling a paper from a response."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from docx_reader import DocxXml

from conftest import REPO, run_process
from policydesk.store.paper_file import read_paper

KB = str(REPO / "positions")
BUNDLED = REPO / "papers" / "stable-homes-initial-view.yaml"


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def new_paper(cli, *extra: str):
    return cli(
        "--kb",
        KB,
        "paper",
        "new",
        "kinship-view",
        "--board",
        "Children and Young People Board",
        "--meeting",
        "12 March 2024",
        "--title",
        "Kinship care: LGA view",
        "--purpose",
        "direction",
        *extra,
    )


def test_paper_new_writes_a_paper_that_checks_and_renders(cli, here: Path) -> None:
    made = new_paper(cli)
    assert made.code == 0, made.err
    assert made.out.startswith("Wrote papers/kinship-view.yaml.")
    paper = read_paper(here / "papers" / "kinship-view.yaml").paper
    assert (paper.purpose, str(paper.meeting), paper.contact.phone) == ("For direction", "2024-03-12", "020 7664 3000")
    checked = cli("--kb", KB, "check", "papers/kinship-view.yaml")
    assert checked.code == 2 and "still holds placeholder text from a new response" in checked.err
    rendered = cli("--kb", KB, "render", "papers/kinship-view.yaml", "--draft")
    assert rendered.code == 0, rendered.err
    assert rendered.out == (
        "Wrote papers/kinship-view.docx (with tracked changes against the agreed text; a draft: it is not finished "
        "yet).\n"
    )
    doc = DocxXml(here / "papers" / "kinship-view.docx")
    assert doc.paragraphs[0].accepted == "Kinship care: LGA view"
    again = new_paper(cli)
    assert again.code == 2 and "a paper with this name already exists" in again.err


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("--purpose", "for sale"), "'for sale' is not a purpose; use one of: For information, For discussion"),
        (("--meeting", "31 February 2024"), "'31 February 2024' is not a date: February 2024 has no day 31"),
        (("--meeting", "next Tuesday"), "'next Tuesday' is not a date: write it as 1 June 2023"),
        (("--contact-email", "nobody"), "--contact-email 'nobody' is not an email address"),
        (("--title", "  "), "--title is empty"),
    ],
)
def test_paper_new_refuses_what_the_reader_would(here: Path, change: tuple[str, str], message: str) -> None:
    args = [
        "--kb",
        KB,
        "paper",
        "new",
        "p",
        "--board",
        "Children and Young People Board",
        "--meeting",
        "2024-03-12",
        "--title",
        "T",
        "--purpose",
        "For decision",
        *change,
    ]
    result = run_process(*args, cwd=here)
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and not (here / "papers" / "p.yaml").exists()


def test_paper_new_refuses_a_bad_name_and_warns_on_an_unknown_board(cli, here: Path) -> None:
    bad = cli(
        "--kb",
        KB,
        "paper",
        "new",
        "../up",
        "--board",
        "B",
        "--meeting",
        "2024-03-12",
        "--title",
        "T",
        "--purpose",
        "information",
    )
    assert bad.code == 2 and "the paper name is not a lower-case slug" in bad.err
    odd = cli(
        "--kb",
        KB,
        "paper",
        "new",
        "odd",
        "--board",
        "Children and Young Peoples Board",
        "--meeting",
        "2024-03-12",
        "--title",
        "T",
        "--purpose",
        "For information.",
    )
    assert odd.code == 0
    assert "warning: 'Children and Young Peoples Board' is not a body in taxonomy.yaml" in odd.err


def test_render_knows_a_paper_by_its_fields_outside_papers(cli, here: Path) -> None:
    copy = here / "drafts" / "stable.yaml"
    copy.parent.mkdir()
    shutil.copy(BUNDLED, copy)
    result = cli("--kb", KB, "render", "drafts/stable.yaml", "--clean")
    assert result.code == 0, result.err
    doc = DocxXml(here / "drafts" / "stable.docx")
    assert doc.paragraphs[0].accepted == "Stable Homes, Built on Love: initial LGA view"
    assert doc.document.find(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}ins") is None


def test_render_keeps_its_out_rules_for_papers(cli, here: Path) -> None:
    shutil.copytree(REPO / "papers", here / "papers")
    paper = "papers/stable-homes-initial-view.yaml"
    wrong = cli("--kb", KB, "render", paper, "--out", "paper.pdf")
    assert wrong.code == 2 and "the Word document's name must end in .docx" in wrong.err
    (here / "theirs.docx").write_bytes(b"someone else's file")
    foreign = cli("--kb", KB, "render", paper, "--out", "theirs.docx")
    assert foreign.code == 2 and "policydesk did not write it, so it is not replaced" in foreign.err
    assert (here / "theirs.docx").read_bytes() == b"someone else's file"
    assert cli("--kb", KB, "render", paper, "--out", "theirs.docx", "--force").code == 0
    assert cli("--kb", KB, "render", paper, "--out", "theirs.docx").code == 0, "policydesk wrote it, so it may"
    with zipfile.ZipFile(here / "theirs.docx") as package:
        assert b"policydesk</ep:Application>" in package.read("docProps/app.xml")


def test_render_and_check_refuse_a_paper_with_errors(cli, here: Path) -> None:
    path = here / "papers" / "broken.yaml"
    path.parent.mkdir()
    path.write_text(BUNDLED.read_text().replace("purpose: For direction", "purpose: For lunch"))
    checked = cli("--kb", KB, "check", "papers/broken.yaml")
    assert checked.code == 2
    assert "papers/broken.yaml:7:10: unknown purpose 'For lunch'" in checked.err
    rendered = cli("--kb", KB, "render", "papers/broken.yaml")
    assert rendered.code == 2 and not (here / "papers" / "broken.docx").exists()
    missing = cli("--kb", KB, "render", "papers/missing.yaml")
    assert missing.code == 2 and "no such paper file" in missing.err


def test_check_takes_responses_and_papers_together(cli, here: Path) -> None:
    response = REPO / "responses" / "stable-homes-built-on-love.yaml"
    result = cli("--kb", KB, "check", str(BUNDLED), str(response))
    assert f"{BUNDLED}: 0 errors, 0 warnings" in result.out
    assert f"{response}: 0 errors" in result.out


def test_a_paper_option_given_to_a_response_is_refused(cli, here: Path) -> None:
    response = REPO / "responses" / "stable-homes-built-on-love.yaml"
    result = cli("--kb", KB, "adopt", str(response), "--decided", "2023-05-10")
    assert result.code == 2
    assert "--decided is for board papers" in result.err and "sign_off record" in result.err


def test_drift_measures_a_papers_views(cli, here: Path) -> None:
    result = cli("--kb", KB, "drift", str(BUNDLED))
    assert result.code == 0, result.err
    assert "csc-p6-regional-improvement-commissioner 2023-03-14\tedited\t" in result.out
    assert "{+ If the pilot goes ahead, it should be evaluated independently" in result.out
    assert result.out.rstrip().endswith("paragraphs: 1 edited, 0 must be fixed before sign-off")
