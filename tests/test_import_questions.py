"""The question finder on blocks from any reader: numbering styles, follow-ups, answer types, limits and parts."""

from __future__ import annotations

from datetime import date

import pytest

from policydesk.consultation.blocks import BULLET, Block, Document
from policydesk.consultation.details import find_details
from policydesk.consultation.finder import find_questions
from policydesk.consultation.limits import find_limit, strip_limit
from policydesk.consultation.text_reader import text_blocks
from policydesk.model.rules import slug_from
from policydesk.model.scales import Limit


def questions(*blocks: Block | str, about_you: bool = False) -> list[tuple]:
    found = find_questions([b if isinstance(b, Block) else Block(b) for b in blocks], about_you)
    return [(q.number, q.text, q.scale, q.options, q.limit, q.chapter) for q in found.questions]


def numbers(*blocks: Block | str) -> list[str]:
    return [q[0] for q in questions(*blocks)]


@pytest.mark.parametrize(
    ("written", "number"),
    [
        ("Question 1: Do you agree?", "1"),
        ("Question 1. Do you agree?", "1"),
        ("Question 1 - Do you agree?", "1"),
        ("Question 1 Do you agree?", "1"),
        ("QUESTION 1: Do you agree?", "1"),
        ("Q1. Do you agree?", "1"),
        ("Q1: Do you agree?", "1"),
        ("Q 1) Do you agree?", "1"),
        ("Q.1 Do you agree?", "1"),
        ("1. Do you agree?", "1"),
        ("1) Do you agree?", "1"),
        ("(1) Do you agree?", "1"),
        ("1a) Do you agree?", "1a"),
        ("1a. Do you agree?", "1a"),
        ("Q2a) Do you agree?", "2a"),
        ("Question 3(b): Do you agree?", "3b"),
        ("Question 3 (b): Do you agree?", "3b"),
        ("2.1 Do you agree?", "2.1"),
        ("1A) Do you agree?", "1a"),
        ("Q4B. Do you agree?", "4b"),
    ],
)
def test_numbering_styles(written: str, number: str) -> None:
    assert questions(written) == [(number, "Do you agree?", "agree-disagree", (), None, None)]


def test_a_numbered_prompt_is_a_question() -> None:
    assert questions("12. Please describe the support you offer.") == [
        ("12", "Please describe the support you offer.", "free-text", (), None, None)
    ]


@pytest.mark.parametrize(
    "written",
    [
        "3. This consultation runs for twelve weeks.",
        "Q3 2024 figures show a rise in referrals.",
        "Question 3 asks about funding.",
        "11:59pm on 30 June 2025 is the deadline.",
        "2025. Will it be a year of change?",
        "2.5 million children live in kinship care.",
        "Please note that responses will be published.",
        "Why are we consulting?",
    ],
)
def test_text_that_is_not_a_question(written: str) -> None:
    assert numbers(written) == []


def test_a_list_label_from_the_reader_numbers_the_question() -> None:
    assert questions(Block("Should councils publish their offer?", label="7.")) == [
        ("7", "Should councils publish their offer?", "yes-no", (), None, None)
    ]


def test_a_question_heading_is_a_question_and_other_headings_are_not() -> None:
    assert numbers(Block("Question 4: What would help?", heading=3), Block("What we propose?", heading=3)) == ["4"]


def test_a_question_over_two_paragraphs_or_with_its_number_alone() -> None:
    assert questions(
        "Question 9: Do you agree that the allowance should",
        "match the fostering allowance?",
        "Question 10",
        "What should the allowance be?",
        "Question 11: Thinking about the allowance.",
        "Should it rise each year?",
    ) == [
        ("9", "Do you agree that the allowance should match the fostering allowance?", "agree-disagree", (), None,
         None),
        ("10", "What should the allowance be?", "free-text", (), None, None),
        ("11", "Thinking about the allowance. Should it rise each year?", "yes-no", (), None, None),
    ]  # fmt: skip


def test_follow_ups_stay_with_their_question_and_later_text_does_not() -> None:
    assert questions(
        "Q3. Should the duty apply to academies?",
        "Yes / No",
        "If not, why not?",
        "Please explain your answer.",
        "The duty would start in 2026.",
        "Q4. Why?",
    ) == [
        ("3", "Should the duty apply to academies? If not, why not? Please explain your answer.", "yes-no", (),
         None, None),
        ("4", "Why?", "free-text", (), None, None),
    ]  # fmt: skip


def test_sub_questions_on_their_own_lines_take_the_lead_in() -> None:
    assert questions(
        "5. Thinking about the workforce:",
        "a) which roles are hardest to fill?",
        "b) what would help keep staff?",
        "6. Do you agree with the plan?",
        "a) If yes, what should come first?",
    ) == [
        ("5a", "Thinking about the workforce: which roles are hardest to fill?", "free-text", (), None, None),
        ("5b", "Thinking about the workforce: what would help keep staff?", "free-text", (), None, None),
        ("6", "Do you agree with the plan?", "agree-disagree", (), None, None),
        ("6a", "If yes, what should come first?", "free-text", (), None, None),
    ]


def test_sub_questions_in_one_paragraph() -> None:
    assert questions("Question 12: On kinship care: (a) do you agree with the duty? (b) what would it cost?") == [
        ("12a", "On kinship care: do you agree with the duty?", "agree-disagree", (), None, None),
        ("12b", "On kinship care: what would it cost?", "free-text", (), None, None),
    ]


def test_roman_numbered_parts_stay_in_their_question_and_i_follows_h_as_a_letter() -> None:
    assert questions("Q6. Do you agree with the plan?", "(i) If yes, what should come first?", "(ii) If not, why?") == [
        ("6", "Do you agree with the plan? (i) If yes, what should come first? (ii) If not, why?", "agree-disagree",
         (), None, None),
    ]  # fmt: skip
    lettered = [f"{letter}) what about area {n}?" for n, letter in enumerate("abcdefghi")]
    assert numbers("7. Thinking about areas:", *lettered) == [f"7{letter}" for letter in "abcdefghi"]


def test_lettered_answers_are_options_not_sub_questions() -> None:
    assert questions("Q8. Which model do you prefer?", "a) A national scheme", "b) Local schemes") == [
        ("8", "Which model do you prefer?", None, ("A national scheme", "Local schemes"), None, None)
    ]


@pytest.mark.parametrize(
    ("options", "scale", "own"),
    [
        (["Strongly agree", "Agree", "Neither agree nor disagree", "Disagree", "Strongly disagree", "Don't know"],
         "agreement", ()),
        (["Strongly agree", "Agree", "Neither agree or disagree", "Disagree", "Strongly disagree"], "agreement", ()),
        (["Strongly support", "Support", "Neither support nor oppose", "Oppose", "Strongly oppose"],
         "support-oppose", ()),
        (["Agree", "Disagree", "Partly"], "agree-disagree", ()),
        (["Yes", "No", "Not sure"], "yes-no", ()),
        (["Yes", "No", "Unsure"], "yes-no", ()),
        (["Yes", "No", "It depends"], None, ("Yes", "No", "It depends")),
        (["Agree", "Tend to agree", "Disagree"], None, ("Agree", "Tend to agree", "Disagree")),
        (["Councils", "Schools", "Health services"], None, ("Councils", "Schools", "Health services")),
    ],
)  # fmt: skip
def test_listed_options_give_the_answer_type(options: list[str], scale: str | None, own: tuple) -> None:
    bullets = [Block(o, label=BULLET) for o in options]
    assert questions("Q1. Which suits you best?", *bullets)[0][2:4] == (scale, own)


@pytest.mark.parametrize(
    ("line", "scale", "text"),
    [
        ("Q1. Do you agree? ☐ Yes ☐ No ☐ Don't know", "yes-no", "Do you agree?"),
        ("Q1. Do you agree? Yes / No / Not sure", "yes-no", "Do you agree?"),
        ("Q1. Do you agree? (Agree/Disagree)", "agree-disagree", "Do you agree?"),
    ],
)
def test_options_written_after_the_question(line: str, scale: str, text: str) -> None:
    assert questions(line)[0][1:4] == (text, scale, ())


def test_long_listed_items_are_prompts_kept_in_the_question() -> None:
    prompt = "the cost of running family hubs in rural areas, where travel times are long and staff are few"
    found = questions("Q2. What should the guidance cover?", Block(prompt, label=BULLET), Block("staff", label=BULLET))
    assert found[0][1:4] == (f"What should the guidance cover? {prompt}; staff", "free-text", ())


@pytest.mark.parametrize(
    ("wording", "scale"),
    [
        ("To what extent do you agree that councils should lead?", "agreement"),
        ("How strongly do you agree with the aim?", "agreement"),
        ("Do you agree or disagree with the aim?", "agreement"),
        ("To what extent do you support the proposal?", "support-oppose"),
        ("Do you support or oppose the proposal?", "support-oppose"),
        ("Do you agree with the proposal?", "agree-disagree"),
        ("Overall, do you agree with the proposal?", "agree-disagree"),
        ("Should the duty apply to academies?", "yes-no"),
        ("Thinking about academies: should the duty apply to them?", "yes-no"),
        ("Should the duty apply to councils or to schools?", "free-text"),
        ("Are there any other barriers?", "free-text"),
        ("Do you have any further comments?", "free-text"),
        ("What would help most?", "free-text"),
        ("Please describe your approach.", "free-text"),
    ],
)
def test_wording_gives_the_answer_type(wording: str, scale: str) -> None:
    assert questions(f"Q1. {wording}")[0][2] == scale


@pytest.mark.parametrize(
    ("said", "limit"),
    [
        ("Please explain (max 250 words).", Limit(250, "words")),
        ("Please answer in no more than 500 characters.", Limit(500, "characters")),
        ("Give reasons (250 word limit)", Limit(250, "words")),
        ("Word limit: 150", Limit(150, "words")),
        ("Answer in up to 1,000 characters", Limit(1000, "characters")),
        ("Maximum 300 words", Limit(300, "words")),
        ("(200 words)", Limit(200, "words")),
        ("Please keep to a maximum of 400 words.", Limit(400, "words")),
        ("We received 250 responses last year.", None),
    ],
)
def test_limits(said: str, limit: Limit | None) -> None:
    assert find_limit(said) == limit


def test_a_limit_in_brackets_leaves_the_question_text_and_a_limit_sentence_stays() -> None:
    assert strip_limit("Why? (max 250 words)") == "Why?"
    assert strip_limit("Why (in 2024)?") == "Why (in 2024)?"
    assert questions("Q1. Why? (max 250 words)", "Q2. How?", "Maximum 100 characters") == [
        ("1", "Why?", "free-text", (), Limit(250, "words"), None),
        ("2", "How?", "free-text", (), Limit(100, "characters"), None),
    ]


def test_introductions_and_privacy_notices_are_never_imported() -> None:
    blocks = [
        Block("Introduction", heading=2),
        "1. How will responses be used?",
        Block("Privacy notice", heading=2),
        "2. Who will see my response?",
        Block("Chapter 1: Funding", heading=2),
        "3. Should funding rise?",
    ]
    assert numbers(*blocks) == ["3"]
    assert [q[0] for q in questions(*blocks, about_you=True)] == ["3"]


def test_about_you_questions_are_left_out_unless_asked_for() -> None:
    blocks = [
        Block("About you", heading=2),
        "1. Which of the following best describes you?",
        Block("Your organisation", heading=3),
        "2. Are you responding on behalf of an organisation?",
        Block("Chapter 1: Funding", heading=2),
        "3. Should funding rise?",
        "4. What is your email address?",
    ]
    found = find_questions([b if isinstance(b, Block) else Block(b) for b in blocks])
    assert [q.number for q in found.questions] == ["3"]
    assert [q.number for q in found.about_you] == ["1", "2", "4"]
    assert [(q[0], q[5]) for q in questions(*blocks, about_you=True)] == [
        ("1", "About you"),
        ("2", "About you"),
        ("3", "Chapter 1: Funding"),
        ("4", "Chapter 1: Funding"),
    ]


def test_a_summary_of_questions_is_not_imported_twice_but_restarted_numbers_are_kept() -> None:
    assert [(q[0], q[1], q[5]) for q in questions(
        Block("Part 1: Funding", heading=2),
        "Question 1: Should funding rise?",
        Block("Part 2: Staff", heading=2),
        "Question 1: Should pay rise?",
        Block("Annex A: Summary of questions", heading=2),
        "Question 1: Should funding rise?",
        "Question 2: Is anything missing?",
    )] == [
        ("1", "Should funding rise?", "Part 1: Funding"),
        ("1", "Should pay rise?", "Part 2: Staff"),
        ("2", "Is anything missing?", "Annex A: Summary of questions"),
    ]  # fmt: skip


def test_chapters_are_the_shallowest_headings_that_divide_the_questions() -> None:
    one_chapter = [Block("Consultation questions", heading=2), "1. Should funding rise?", "2. Why?"]
    assert {q[5] for q in questions(*one_chapter)} == {None}
    nested = [
        Block("Chapter 1", heading=2),
        Block("Funding", heading=3),
        "1. Should funding rise?",
        Block("Staff", heading=3),
        "2. Should pay rise?",
        Block("Chapter 2", heading=2),
        "3. Why?",
    ]
    assert [q[5] for q in questions(*nested)] == ["Chapter 1", "Chapter 1", "Chapter 2"]


def test_plain_text_paragraphs_and_headings_are_inferred_from_shape() -> None:
    text = (
        "Funding children's services\n\n"
        "Chapter 1: Money\n"
        "This chapter sets out how councils are funded and what we propose to change over the\n"
        "next three years.\n\n"
        "1. Do you agree that the grant should be paid to councils for five years at a\n"
        "   time rather than one?\n"
        "•  Agree\n"
        "•  Disagree\n\n"
        "Staffing\n\n"
        "2. What would help councils recruit social workers?\n"
    )
    blocks = text_blocks(text)
    assert [(b.text, b.heading) for b in blocks if b.heading] == [
        ("Funding children's services", 1),
        ("Chapter 1: Money", 2),
        ("Staffing", 3),
    ]
    assert questions(*blocks) == [
        ("1", "Do you agree that the grant should be paid to councils for five years at a time rather than one?",
         "agree-disagree", (), None, None),
        ("2", "What would help councils recruit social workers?", "free-text", (), None, None),
    ]  # fmt: skip


def test_a_short_line_after_a_question_is_an_answer_not_a_heading() -> None:
    text = "Title\n\nChapter 1: Money\n\n1. Should the grant rise?\n\nYes\n\nNo\n\n2. Why?\n"
    assert [(q[0], q[2]) for q in questions(*text_blocks(text))] == [("1", "yes-no"), ("2", "free-text")]


@pytest.mark.parametrize(
    ("said", "closes"),
    [
        ("This consultation closes at 11:59pm on 11 May 2023", date(2023, 5, 11)),
        ("Closing date: Thursday 11 May 2023", date(2023, 5, 11)),
        ("Respond by 11th May 2023", date(2023, 5, 11)),
        ("This consultation ran from 2 February 2023 to 11 May 2023", date(2023, 5, 11)),
        ("The consultation closes on May 11, 2023.", date(2023, 5, 11)),
        ("Responses should be sent by 2023-05-11.", date(2023, 5, 11)),
        ("Published 2 February 2023", None),
    ],
)
def test_closing_dates(said: str, closes: date | None) -> None:
    assert find_details(Document((Block("Title", heading=1), Block(said)))).closes == closes


def test_department_title_and_link() -> None:
    document = Document(
        (
            Block("Funding reform", heading=1),
            Block("We worked with the Department for Culture, Media and Sport."),
            Block("From: Ministry of Housing, Communities and Local Government"),
            Block("See https://example.org/about and https://www.gov.uk/government/consultations/funding-reform."),
        )
    )
    details = find_details(document)
    assert details.title == "Funding reform"
    assert details.department == "Ministry of Housing, Communities and Local Government"
    assert details.link == "https://www.gov.uk/government/consultations/funding-reform"
    assert find_details(Document((Block("A paper from the Department for Widgets and Gadgets."),))).department == (
        "Department for Widgets and Gadgets"
    )
    both = Block("From: Department of Health and Social Care and Department for Education")
    assert find_details(Document((both,))).department == "Department of Health and Social Care"


def test_slugs_from_titles() -> None:
    assert slug_from("Children's social care: Stable Homes, Built on Love") == (
        "childrens-social-care-stable-homes-built-on-love"
    )
    assert slug_from("Café – réforme 2025") == "cafe-reforme-2025"
    long = slug_from("A very long consultation title that goes on and on about many different things at once")
    assert len(long) <= 60 and not long.endswith("-") and long.startswith("a-very-long")


def test_a_saved_page_with_an_xml_declaration_and_no_main(tmp_path) -> None:
    from policydesk.consultation.read import read_document

    page = tmp_path / "page.html"
    page.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<html><head><title>T</title>'
        '<meta name="govuk:primary-publishing-organisation" content="HM Treasury"></head><body>'
        "<nav><p>1. Is this the menu?</p></nav><h1>Fees consultation</h1><p>Published by the Cabinet Office</p>"
        "<p><strong>Question 1</strong></p><p>Should fees rise by 2 per cent?</p><ol start='2'>"
        "<li><p>What would the change cost?</p><p>Please explain.</p></li></ol></body></html>",
        encoding="utf-8",
    )
    document = read_document(page)
    assert [(b.text, b.heading, b.label) for b in document.blocks] == [
        ("Fees consultation", 1, ""),
        ("Published by the Cabinet Office", 0, ""),
        ("Question 1", 0, ""),
        ("Should fees rise by 2 per cent?", 0, ""),
        ("What would the change cost?", 0, "2."),
        ("Please explain.", 0, ""),
    ]
    assert [(q[0], q[1], q[2]) for q in questions(*document.blocks)] == [
        ("1", "Should fees rise by 2 per cent?", "yes-no"),
        ("2", "What would the change cost? Please explain.", "free-text"),
    ]
    assert find_details(document).department == "HM Treasury"


def test_running_headers_and_page_numbers_of_a_laid_out_page_are_dropped() -> None:
    page = "Kinship consultation\n\n{body}\n\n                Page {n} of 3\n"
    bodies = ["Question 1: Should carers be paid?", "Question 2: What would help?", "Question 3: Why?"]
    text = "\f".join(page.format(body=body, n=n) for n, body in enumerate(bodies, 1))
    assert [b.text for b in text_blocks(text)] == bodies
