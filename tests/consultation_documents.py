"""One consultation of 33 questions in mixed styles, written out as .docx, .html, .md and .txt by the tests."""

from __future__ import annotations

import html
import re
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

TITLE = "Supporting kinship families"
DEPARTMENT = "Department for Education"
LINK = "https://www.gov.uk/government/consultations/supporting-kinship-families"
CLOSES = "This consultation closes at 11:59pm on 30 June 2025."
AGREEMENT = ["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree"]

# Items: (kind, value). Kinds: title, h1, h2, p (a paragraph written as is), bullets, boxes (tick boxes on
# one line), styled (a list numbered by the List Number style), numbered ([(level, text)], first number).
CONSULTATION: list[tuple[str, object]] = [
    ("title", TITLE),
    ("p", "Consultation document"),
    ("p", DEPARTMENT),
    ("p", CLOSES),
    ("h1", "Contents"),
    ("p", "Introduction"),
    ("p", "About you"),
    ("p", "Chapter 1: Recognising kinship care"),
    ("p", "Chapter 5: Putting the changes in place"),
    ("h1", "Introduction"),
    (
        "p",
        "This consultation asks for views on how councils, schools and health services could do more for "
        "children raised by relatives and family friends, and for the adults who care for them.",
    ),
    ("p", f"You can respond online at {LINK} or by email to kinship.consultation@education.gov.uk."),
    ("h2", "Why we are consulting"),
    ("p", "3. How will the responses be used?"),
    ("p", "We will publish a summary of what we heard within twelve weeks of the closing date."),
    ("h1", "Privacy notice"),
    ("p", "We will use your answers only to develop this policy, and we will keep them for two years."),
    ("h1", "About you"),
    (
        "styled",
        [
            "What is your name?",
            "What is your email address?",
            "Are you responding as an individual or on behalf of an organisation?",
        ],
    ),
    ("bullets", ["Individual", "Organisation"]),
    ("styled", ["Would you like your response to be kept confidential?"]),
    ("boxes", ["Yes", "No"]),
    ("h1", "Chapter 1: Recognising kinship care"),
    (
        "p",
        "Many thousands of children in England grow up with a grandparent, an aunt or an older brother or "
        "sister because their parents cannot care for them.",
    ),
    ("p", "Question 5: To what extent do you agree that every council should use the same definition of kinship care?"),
    ("bullets", [*AGREEMENT, "Don't know"]),
    ("p", "Please explain your answer (max 250 words)."),
    ("p", "Question 6: Should the definition cover children living with family friends as well as relatives?"),
    ("p", "Yes / No / Don't know"),
    ("p", "Q7. Which of the following should be the main way families learn about the support they can get?"),
    ("bullets", ["A national website", "Their council's family hub", "Their child's school", "Other (please specify)"]),
    (
        "p",
        "8. What should councils publish about the support they offer to kinship families? Please answer in "
        "no more than 500 characters.",
    ),
    ("h2", "Financial support"),
    ("p", "Question 9: Do you agree that the allowance paid to kinship carers should"),
    ("p", "match the national minimum allowance for foster carers?"),
    ("boxes", ["Agree", "Disagree", "Don't know"]),
    ("p", "Q10: If you disagree, what level should the allowance be set at?"),
    ("h1", "Chapter 2: Family help"),
    ("p", "Family help brings together early help and child protection work in one local service."),
    ("numbered", ([(0, "How could family help teams work more closely with kinship carers?")], 11)),
    ("p", "Please give examples where you can."),
    ("p", "(Maximum 300 words)"),
    (
        "numbered",
        (
            [
                (0, "Do you think family help should be offered without a referral from another service?"),
            ],
            12,
        ),
    ),
    ("p", "Please explain your answer."),
    (
        "numbered",
        (
            [
                (0, "Thinking about the family help workforce:"),
                (1, "which roles are hardest to recruit to?"),
                (1, "what would help councils keep experienced staff?"),
                (0, "To what extent do you support funding family help through a ring-fenced grant?"),
                (0, "Are there any other barriers to joining up family help and kinship support?"),
            ],
            13,
        ),
    ),
    ("h1", "Chapter 3: Legal and practical help"),
    ("p", "16a) Should kinship carers have a right to free legal advice before a child moves in with them?"),
    ("p", "16b) Should that right continue after a special guardianship order is made?"),
    ("p", "Question 17"),
    ("p", "What practical help do new kinship carers need most in their first month?"),
    ("p", "Q18. Do you agree or disagree that councils should give every kinship carer a named contact?"),
    ("bullets", AGREEMENT),
    (
        "p",
        "Question 19: Please describe any training for kinship carers that has worked well in your area "
        "(up to 1,000 characters).",
    ),
    (
        "p",
        "Question 20: Do you agree with the proposed duty on schools to name a kinship lead? a) If yes, which "
        "member of staff should take the role? b) If not, who should take it instead?",
    ),
    ("h1", "Chapter 4: Education and health"),
    ("h2", "Virtual school heads"),
    ("p", "21. How should virtual school heads support children in kinship care?"),
    ("p", "Please give your reasons (250 word limit)."),
    ("p", "22. Should pupil premium plus be extended to every child in kinship care?"),
    ("boxes", ["Yes", "No", "Not sure"]),
    ("h2", "Health"),
    ("p", "Question 23 - What part should health visitors play in supporting kinship families?"),
    ("p", "Q24a) Do you agree that kinship carers should be offered a health check of their own?"),
    ("p", "Q24b) Who should carry out the health check?"),
    ("h1", "Chapter 5: Putting the changes in place"),
    ("p", "Question 25: How long would councils need to prepare for the new duties?"),
    ("bullets", ["Less than 6 months", "6 to 12 months", "More than 12 months"]),
    (
        "p",
        "Question 26: What would meeting the new duties cost your council? Please give figures where you "
        "can (max 400 words)",
    ),
    (
        "p",
        "Question 27: Is there anything in these proposals that could affect people with protected "
        "characteristics? If so, please tell us how.",
    ),
    ("p", "Question 28: Do you have any other comments on the proposals?"),
    ("h1", "Annex A: Summary of questions"),
    ("p", "Question 5: To what extent do you agree that every council should use the same definition of kinship care?"),
    ("p", "Question 6: Should the definition cover children living with family friends as well as relatives?"),
]

# (number, text, scale, options, limit, chapter) for every question the document asks, in order.
FAMILY_HELP = "Thinking about the family help workforce:"
ABOUT_YOU = [
    ("1", "What is your name?", "free-text", (), None, "About you"),
    ("2", "What is your email address?", "free-text", (), None, "About you"),
    (
        "3",
        "Are you responding as an individual or on behalf of an organisation?",
        None,
        ("Individual", "Organisation"),
        None,
        "About you",
    ),
    ("4", "Would you like your response to be kept confidential?", "yes-no", (), None, "About you"),
]
C1, C2, C3 = "Chapter 1: Recognising kinship care", "Chapter 2: Family help", "Chapter 3: Legal and practical help"
C4, C5 = "Chapter 4: Education and health", "Chapter 5: Putting the changes in place"
QUESTIONS = [
    (
        "5",
        "To what extent do you agree that every council should use the same definition of kinship care? "
        "Please explain your answer.",
        "agreement",
        (),
        ("words", 250),
        C1,
    ),
    (
        "6",
        "Should the definition cover children living with family friends as well as relatives?",
        "yes-no",
        (),
        None,
        C1,
    ),
    (
        "7",
        "Which of the following should be the main way families learn about the support they can get?",
        None,
        ("A national website", "Their council's family hub", "Their child's school", "Other (please specify)"),
        None,
        C1,
    ),
    (
        "8",
        "What should councils publish about the support they offer to kinship families? Please answer in no "
        "more than 500 characters.",
        "free-text",
        (),
        ("characters", 500),
        C1,
    ),
    (
        "9",
        "Do you agree that the allowance paid to kinship carers should match the national minimum allowance "
        "for foster carers?",
        "agree-disagree",
        (),
        None,
        C1,
    ),
    ("10", "If you disagree, what level should the allowance be set at?", "free-text", (), None, C1),
    (
        "11",
        "How could family help teams work more closely with kinship carers? Please give examples where you can.",
        "free-text",
        (),
        ("words", 300),
        C2,
    ),
    (
        "12",
        "Do you think family help should be offered without a referral from another service? Please explain "
        "your answer.",
        "yes-no",
        (),
        None,
        C2,
    ),
    ("13a", f"{FAMILY_HELP} which roles are hardest to recruit to?", "free-text", (), None, C2),
    ("13b", f"{FAMILY_HELP} what would help councils keep experienced staff?", "free-text", (), None, C2),
    (
        "14",
        "To what extent do you support funding family help through a ring-fenced grant?",
        "support-oppose",
        (),
        None,
        C2,
    ),
    ("15", "Are there any other barriers to joining up family help and kinship support?", "free-text", (), None, C2),
    (
        "16a",
        "Should kinship carers have a right to free legal advice before a child moves in with them?",
        "yes-no",
        (),
        None,
        C3,
    ),
    ("16b", "Should that right continue after a special guardianship order is made?", "yes-no", (), None, C3),
    ("17", "What practical help do new kinship carers need most in their first month?", "free-text", (), None, C3),
    (
        "18",
        "Do you agree or disagree that councils should give every kinship carer a named contact?",
        "agreement",
        (),
        None,
        C3,
    ),
    (
        "19",
        "Please describe any training for kinship carers that has worked well in your area.",
        "free-text",
        (),
        ("characters", 1000),
        C3,
    ),
    ("20", "Do you agree with the proposed duty on schools to name a kinship lead?", "agree-disagree", (), None, C3),
    ("20a", "If yes, which member of staff should take the role?", "free-text", (), None, C3),
    ("20b", "If not, who should take it instead?", "free-text", (), None, C3),
    (
        "21",
        "How should virtual school heads support children in kinship care? Please give your reasons.",
        "free-text",
        (),
        ("words", 250),
        C4,
    ),
    ("22", "Should pupil premium plus be extended to every child in kinship care?", "yes-no", (), None, C4),
    ("23", "What part should health visitors play in supporting kinship families?", "free-text", (), None, C4),
    (
        "24a",
        "Do you agree that kinship carers should be offered a health check of their own?",
        "agree-disagree",
        (),
        None,
        C4,
    ),
    ("24b", "Who should carry out the health check?", "free-text", (), None, C4),
    (
        "25",
        "How long would councils need to prepare for the new duties?",
        None,
        ("Less than 6 months", "6 to 12 months", "More than 12 months"),
        None,
        C5,
    ),
    (
        "26",
        "What would meeting the new duties cost your council? Please give figures where you can",
        "free-text",
        (),
        ("words", 400),
        C5,
    ),
    (
        "27",
        "Is there anything in these proposals that could affect people with protected characteristics? If "
        "so, please tell us how.",
        "free-text",
        (),
        None,
        C5,
    ),
    ("28", "Do you have any other comments on the proposals?", "free-text", (), None, C5),
]


def _two_level_list(document: docx.document.Document, start: int, ident: int) -> int:
    """Add a list numbered from `start` (1. then a) below it) and return its numId."""
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ident}"><w:multiLevelType w:val="multilevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
    )
    numbering.find(f"{{{numbering.nsmap['w']}}}num").addprevious(abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{ident}"><w:abstractNumId w:val="{ident}"/></w:num>'))
    return ident


def _numbered_paragraph(document, text: str, level: int, num_id: int) -> None:
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def write_docx(path: Path, items=CONSULTATION) -> Path:
    """The consultation as Word writes it: styles for headings, real numbered and bulleted lists, a page footer."""
    document = docx.Document()
    footer = document.sections[0].footer.paragraphs[0]
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    num_id, counted = 0, -1
    for kind, value in items:
        if kind == "title":
            document.add_paragraph(value, style="Title")
        elif kind in ("h1", "h2"):
            document.add_heading(value, level=int(kind[1]))
        elif kind == "p":
            document.add_paragraph(value)
        elif kind == "bullets":
            for item in value:
                document.add_paragraph(item, style="List Bullet")
        elif kind == "boxes":
            document.add_paragraph(" ".join(f"☐ {item}" for item in value))
        elif kind == "styled":
            for item in value:
                document.add_paragraph(item, style="List Number")
        elif kind == "numbered":
            entries, start = value
            if start != counted + 1:
                num_id = _two_level_list(document, start, 90 + start)
                counted = start - 1
            for level, text in entries:
                _numbered_paragraph(document, text, level, num_id)
                counted += level == 0
    document.save(str(path))
    return path


def _typed(items, numbered_item, styled_start: int = 1) -> list[tuple[str, object]]:
    """The items with list numbers typed out, for formats without Word's numbering."""
    out: list[tuple[str, object]] = []
    counter = styled_start
    for kind, value in items:
        if kind == "styled":
            for item in value:
                out.append(("item", (f"{counter}.", item)))
                counter += 1
        elif kind == "numbered":
            entries, start = value
            number = start - 1
            letter = 0
            for level, text in entries:
                if level == 0:
                    number, letter = number + 1, 0
                    out.append(("item", (f"{number}.", text)))
                else:
                    out.append(("sub", (chr(ord("a") + letter), text)))
                    letter += 1
        else:
            out.append((kind, value))
    return out


def write_markdown(path: Path) -> Path:
    lines: list[str] = []
    for kind, value in _typed(CONSULTATION, None):
        if kind == "title":
            lines += [f"# {value}", ""]
        elif kind in ("h1", "h2"):
            lines += [f"{'#' * (int(kind[1]) + 1)} {value}", ""]
        elif kind == "p":
            lines += [str(value), ""]
        elif kind == "bullets":
            lines += [f"- {item}" for item in value] + [""]
        elif kind == "boxes":
            lines += [" ".join(f"☐ {item}" for item in value), ""]
        elif kind == "item":
            number, text = value
            lines += [f"{number} {text}", ""]
        elif kind == "sub":
            letter, text = value
            if lines and lines[-1] == "":
                lines.pop()
            lines += [f"    {letter}) {text}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_text(path: Path) -> Path:
    """Plain text as a person would type it: blank lines between paragraphs, typed numbers and bullets."""
    lines: list[str] = []
    for kind, value in _typed(CONSULTATION, None):
        if kind in ("title", "h1", "h2", "p"):
            lines += [str(value), ""]
        elif kind == "bullets":
            lines += [f"- {item}" for item in value] + [""]
        elif kind == "boxes":
            lines += [" ".join(f"☐ {item}" for item in value), ""]
        elif kind == "item":
            lines += [" ".join(value), ""]
        elif kind == "sub":
            lines += [f"{value[0]}) {value[1]}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def write_html(path: Path) -> Path:
    """A gov.uk consultation page as a browser saves it: site chrome around the document in <main>."""
    e = html.escape
    body: list[str] = []
    open_list: list[str] = []

    def close_lists() -> None:
        while open_list:
            body.append(open_list.pop())

    for kind, value in _typed(CONSULTATION, None):
        if kind not in ("item", "sub"):
            close_lists()
        if kind == "title":
            continue
        if kind in ("h1", "h2"):
            tag = "h2" if kind == "h1" else "h3"
            body.append(f'<{tag} id="h-{len(body)}">{e(value)}</{tag}>')
        elif kind == "p":
            text = str(value)
            label = re.match(r"^(Question \d+[a-z]?:?|Q\d+[a-z]?[.:)])(?:\s|$)(.*)$", text)
            if label:
                body.append(f"<p><strong>{e(label.group(1))}</strong> {e(label.group(2))}</p>")
            else:
                body.append(f"<p>{e(text)}</p>")
        elif kind == "bullets":
            body.append("<ul>" + "".join(f"<li>{e(i)}</li>" for i in value) + "</ul>")
        elif kind == "boxes":
            body.append("<p>" + " ".join(f"☐ {e(i)}" for i in value) + "</p>")
        elif kind == "item":
            number, text = value
            while len(open_list) > 1:
                body.append(open_list.pop())
            if not open_list:
                body.append(f'<ol class="govuk-list govuk-list--number" start="{number.rstrip(".")}">')
                open_list.append("</ol>")
            body.append(f"<li>{e(text)}")
            open_list.append("</li>")
        elif kind == "sub":
            if len(open_list) == 2:
                body.append('<ol type="a">')
                open_list.append("</ol>")
            body.append(f"<li>{e(value[1])}</li>")
    close_lists()
    page = f"""<!DOCTYPE html>
<html lang="en" class="govuk-template">
<head>
  <meta charset="utf-8">
  <title>{e(TITLE)} - GOV.UK</title>
  <link rel="canonical" href="{LINK}">
  <meta property="og:title" content="{e(TITLE)}">
</head>
<body class="govuk-template__body">
  <div id="global-cookie-message" class="gem-c-cookie-banner"><p>Cookies on GOV.UK. Do you accept analytics
    cookies?</p><button>Accept</button></div>
  <a href="#main-content" class="govuk-skip-link">Skip to main content</a>
  <header class="gem-c-layout-header"><a href="/">GOV.UK</a><nav><ul><li>Menu</li><li>Search</li></ul></nav></header>
  <div class="govuk-width-container">
    <nav class="gem-c-breadcrumbs govuk-breadcrumbs"><ol><li><a href="/">Home</a></li>
      <li><a href="/education">Education, training and skills</a></li></ol></nav>
    <main class="govuk-main-wrapper" id="main-content" role="main">
      <div class="gem-c-heading">
        <span class="govuk-caption-xl gem-c-heading__context">Open consultation</span>
        <h1 class="gem-c-heading__text govuk-heading-l">{e(TITLE)}</h1>
      </div>
      <div class="gem-c-metadata"><dl class="gem-c-metadata__list">
        <dt class="gem-c-metadata__term">From:</dt>
        <dd class="gem-c-metadata__definition"><a href="/government/organisations/department-for-education"
          class="govuk-link">{e(DEPARTMENT)}</a></dd>
        <dt class="gem-c-metadata__term">Published</dt><dd class="gem-c-metadata__definition">3 March 2025</dd>
      </dl></div>
      <div class="gem-c-summary-banner"><p class="gem-c-summary-banner__text">{e(CLOSES)}</p></div>
      <nav class="gem-c-contents-list" aria-label="Contents"><h2>Contents</h2><ol>
        <li><a href="#h-1">Introduction</a></li><li><a href="#h-2">About you</a></li></ol></nav>
      <div class="govuk-govspeak">
        {chr(10).join(body)}
      </div>
      <div class="gem-c-print-link"><button>Print this page</button></div>
    </main>
    <div class="gem-c-feedback"><h2>Is this page useful?</h2><p>Maybe</p></div>
  </div>
  <footer class="govuk-footer"><p>All content is available under the Open Government Licence v3.0</p></footer>
  <script>window.GOVUK = {{}};</script>
</body>
</html>
"""
    path.write_text(page, encoding="utf-8")
    return path
