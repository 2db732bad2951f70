"""A returned document against the one that was sent: every change and comment, placed by our anchors."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from rapidfuzz import fuzz

from policydesk.diff import align, diff_words, is_word, tokenize
from policydesk.merge import merged_text
from policydesk.model.response import Response
from policydesk.model.review import Proposal, Reply, ReviewNote
from policydesk.render import anchors
from policydesk.render.oxml_review import word_date
from policydesk.review.docx_read import Comment, Piece, ReadDocument, Rev, WordPara
from policydesk.review.items import Item, Outcome, Place, ReviewResult
from policydesk.review.markdown_out import bullet_depth, markdown, same_text

Key = tuple[str, int, int]
INSERTS, DELETES = ("ins", "moveTo"), ("del", "moveFrom")


@dataclass
class Group:
    """The Word paragraphs of one place, and the new paragraphs a reviewer added after it."""

    key: Key
    paras: list[WordPara] = field(default_factory=list)
    added: list[list[WordPara]] = field(default_factory=list)


def _key(name: str) -> Key | None:
    found = anchors.parse(name)
    if found is None or found.part == "sent":
        return None
    if found.part == "paragraph":
        return "paragraph", found.section, found.paragraph
    return found.part, found.section, 0


def groups(doc: ReadDocument) -> tuple[dict[Key, Group], list[WordPara]]:
    """Word paragraphs by the place they belong to; paragraphs before any anchor are returned apart."""
    found: dict[Key, Group] = {}
    loose: list[WordPara] = []
    current: Group | None = None
    for para in doc.paragraphs:
        keys = [k for k in map(_key, para.anchors) if k is not None]
        if keys and keys[0] not in found:
            current = found[keys[0]] = Group(keys[0], [para])
            continue
        if keys and current is not None and keys[0] == current.key:
            current.paras.append(para)
            continue
        if current is None:
            loose.append(para)
        elif para.cell is not None or bullet_depth(para.style) or keys:
            (current.added[-1] if current.added else current.paras).append(para)
        else:
            current.added.append([para])
    return found, loose


def label(key: Key, response: Response) -> str:
    part, s, p = key
    if part == "key message":
        return f"key message {s}"
    if part == "document":
        return "the document's own text (title, about, contact)"
    section = response.sections[s - 1] if 0 < s <= len(response.sections) else None
    name = section.label if section else f"section {s}"
    if part == "paragraph":
        return f"{name}, paragraph {p}"
    return f"{name}, {'question text' if section and section.is_question and part == 'heading' else part}"


def proposal_authors(response: Response | None) -> set[str]:
    """Who made the proposals a response carried when it was sent: their changes in it are not ours."""
    if response is None:
        return set()
    found = {p.by for p in response.review.proposals}
    for section in response.sections:
        found |= {p.by for p in section.proposals}
        found |= {p.by for para in section.paragraphs for p in para.proposals}
    return found


class _Ours:
    """Tells our tracked changes (as sent) from the reviewers', by author and time.

    A document sent with earlier reviewers' proposals shows them as their tracked changes; those stay theirs.
    """

    def __init__(self, sent: ReadDocument, response: Response | None = None):
        others = proposal_authors(response)
        revs = [r for p in sent.paragraphs for piece in p.pieces for r in piece.revs]
        revs += [p.mark for p in sent.paragraphs if p.mark]
        self.stamps = {(r.author, word_date(r.date) or r.date) for r in revs if r.author not in others}

    def __call__(self, rev: Rev) -> bool:
        return (rev.author, word_date(rev.date) or rev.date) in self.stamps


def _shows(revs: tuple[Rev, ...], accepted: Callable[[Rev], bool]) -> bool:
    """Whether text inside these changes shows when each change is accepted (True) or rejected (False)."""
    for rev in revs:
        if rev.kind in INSERTS and not accepted(rev):
            return False
        if rev.kind in DELETES and accepted(rev):
            return False
    return True


class Views:
    """Views of one place's text: everything accepted, the reviewer's pending changes undone, one change taken."""

    def __init__(self, ours: _Ours):
        self.ours = ours

    def text(self, paras: list[WordPara], accepted: Callable[[Rev], bool], formatted: Callable[[Piece], bool]) -> str:
        def visible(piece: Piece) -> bool:
            return _shows(piece.revs, accepted)

        shown = [replace(p, pieces=[_formatted(x, formatted(x)) for x in p.pieces]) for p in paras]
        return markdown(shown, visible, lambda p: p.mark is None or _shows((p.mark,), accepted))

    def accepted(self, paras: list[WordPara]) -> str:
        return self.text(paras, lambda r: True, lambda p: True)

    def rejected(self, paras: list[WordPara]) -> str:
        return self.text(paras, lambda r: False, lambda p: False)

    def base(self, paras: list[WordPara]) -> str:
        """Our pending changes as the draft has them, the reviewer's pending changes undone."""
        return self.text(paras, self.ours, lambda p: p.format_change is None or self.ours(p.format_change))


def _formatted(piece: Piece, new: bool) -> Piece:
    if new or piece.was is None:
        return piece
    return replace(piece, bold=piece.was[0], italic=piece.was[1])


@dataclass
class Change:
    """One of the reviewer's pending changes: consecutive pieces in their changes, by one author."""

    author: str
    date: str
    kind: str
    pieces: set[int] = field(default_factory=set)
    formats: set[int] = field(default_factory=set)


def changes(paras: list[WordPara], ours: _Ours) -> list[Change]:
    found: list[Change] = []
    current: Change | None = None
    for para in paras:
        for piece in para.pieces:
            theirs = [r for r in piece.revs if r.kind != "format" and not ours(r)]
            fmt = piece.format_change if piece.format_change and not ours(piece.format_change) else None
            if not theirs and not fmt:
                if piece.text.strip():
                    current = None
                continue
            rev = theirs[-1] if theirs else fmt
            assert rev is not None
            kind = "move" if rev.kind in ("moveFrom", "moveTo") else ("format" if not theirs else "change")
            if current is None or current.author != rev.author or current.kind != kind:
                current = Change(rev.author, rev.date, kind)
                found.append(current)
            (current.pieces if theirs else current.formats).add(id(piece))
        if para.mark and not ours(para.mark) and current is not None:
            current = None
    return found


def _hunks(a: str, b: str) -> list[tuple[int, int, str]]:
    x, y = tokenize(a), tokenize(b)
    return [(h.a0, h.a1, "".join(y[h.b0 : h.b1])) for h in align(x, y, is_word) if h.changed]


def _apply_hunks(text: str, hunks: list[tuple[int, int, str]]) -> str:
    tokens = tokenize(text)
    out, at = [], 0
    for start, end, new in sorted(hunks):
        out.append("".join(tokens[at:start]))
        out.append(new)
        at = end
    out.append("".join(tokens[at:]))
    return "".join(out)


class Comparison:
    """Builds the items and outcomes of one review."""

    def __init__(self, returned: ReadDocument, sent: ReadDocument, response: Response):
        self.returned, self.sent, self.response = returned, sent, response
        self.ours = _Ours(sent, response)
        self.views = Views(self.ours)
        self.items: list[Item] = []
        self.outcomes: dict[Key, Outcome] = {}
        authors = Counter(
            r.author for p in returned.paragraphs for x in p.pieces for r in x.revs if not self.ours(r)
        ) + Counter(c.author for c in returned.comments if c.author and not self._our_comment(c))
        self.reviewer = authors.most_common(1)[0][0] if authors else returned.last_modified_by or "reviewer"

    def _our_comment(self, comment: Comment) -> bool:
        return any(
            c.author == comment.author and c.text == comment.text and c.date == comment.date for c in self.sent.comments
        )

    def place(self, key: Key) -> Place:
        part = key[0] if key[0] != "document" else "document"
        return Place(part, key[1], key[2], label(key, self.response))

    def add(self, kind: str, place: Place, **fields) -> Item:
        item = Item(str(len(self.items) + 1), kind, place, **fields)
        self.items.append(item)
        return item

    def outcome(self, key: Key) -> Outcome:
        if key not in self.outcomes:
            self.outcomes[key] = Outcome(self.place(key))
        return self.outcomes[key]

    def run(self) -> ReviewResult:
        sent_groups, _ = groups(self.sent)
        returned_groups, loose = groups(self.returned)
        for key, sent_group in sent_groups.items():
            found = returned_groups.get(key)
            if found is None:
                self.gone(key, sent_group)
            else:
                self.compare(key, sent_group, found)
        for key, found in returned_groups.items():
            if key not in sent_groups:
                text = self.views.accepted(found.paras)
                self.add("inserted", Place("not placed", label=f"a paragraph marked {key}"), text=text)
        if loose:
            text = self.views.accepted(loose)
            if text.strip():
                self.add("inserted", Place("not placed", label="before the title"), text=text)
        self.comments()
        self.moves()
        deleted = self.deleted_questions(sent_groups)
        self.items.sort(key=lambda i: _order(i.place))
        self.items = [replace(item, id=str(n)) for n, item in enumerate(self.items, 1)]
        return ReviewResult(
            self.returned.name,
            self.returned.sent_id,
            self.reviewer,
            self.items,
            self.outcomes,
            dict(self.returned.unread),
            deleted,
        )

    def gone(self, key: Key, sent_group: Group) -> None:
        """A place whose anchor is no longer in the document: deleted without Track Changes (or accepted)."""
        text = self.views.base(sent_group.paras)
        proposal = Proposal(self.reviewer, "", "delete", untracked=True)
        outcome = self.outcome(key)
        outcome.sent_text = text
        outcome.decided = text
        outcome.deleted = proposal
        self.add("deleted", self.place(key), author=self.reviewer, text=text, proposal=proposal)

    def compare(self, key: Key, sent_group: Group, group: Group) -> None:
        views, outcome = self.views, self.outcome(key)
        sent_acc, sent_rej = views.base(sent_group.paras), views.rejected(sent_group.paras)
        base = views.base(group.paras)
        outcome.sent_text = sent_acc
        decided = self.our_changes(key, sent_acc, sent_rej, base, sent_group, group)
        outcome.decided = decided
        place = self.place(key)
        if not same_text(decided, base):
            proposal = Proposal(self.reviewer, "", "edit", base, untracked=True)
            outcome.proposals.append(proposal)
            self.add(
                "untracked",
                place,
                author=self.reviewer,
                chunks=tuple(diff_words(decided, base)),
                text=base,
                proposal=proposal,
            )
        found = changes(group.paras, self.ours)
        accepted_all = views.accepted(group.paras)
        if not base.strip() and accepted_all.strip() and found:
            first = found[0]
            proposal = Proposal(first.author, first.date, "insert", accepted_all, moved=first.kind == "move")
            outcome.inserted.append(proposal)
            self.add("inserted", place, author=first.author, date=first.date, text=accepted_all, proposal=proposal)
        elif not accepted_all.strip() and base.strip() and found:
            first = found[0]
            proposal = Proposal(first.author, first.date, "delete", moved=first.kind == "move")
            outcome.deleted = proposal
            self.add("deleted", place, author=first.author, date=first.date, text=base, proposal=proposal)
        else:
            for change in found:
                self.pending(key, group, change, base, decided)
        for para in group.paras:
            change = para.format_change
            if change is not None and not self.ours(change):
                self.add(
                    "format",
                    place,
                    author=change.author,
                    date=change.date,
                    text="paragraph formatting (style, numbering or layout) changed; the new look is in Word only",
                )
        for added in group.added:
            self.added(key, added)

    def our_changes(self, key: Key, sent_acc: str, sent_rej: str, base: str, sent_group: Group, group: Group) -> str:
        """Which of our changes the reviewer accepted or rejected; returns the text their decisions leave."""
        ours = _hunks(sent_acc, sent_rej)
        theirs = _hunks(sent_acc, base)
        rejected = [h for h in theirs if h in ours]
        still = {x.text for p in group.paras for x in p.pieces if any(self.ours(r) for r in x.revs)}
        if not rejected and self._our_pieces(group) == self._our_pieces(sent_group):
            return sent_acc
        place = self.place(key)
        acc_tokens = tokenize(sent_acc)
        for hunk in ours:
            start, end, agreed = hunk
            draft = "".join(acc_tokens[start:end])
            chunks = tuple(diff_words(agreed, draft)) if draft or agreed else ()
            if not (draft.strip() or agreed.strip()):
                continue
            if hunk in rejected:
                self.add("rejected", place, author=self.reviewer, chunks=chunks, text=agreed)
            elif not any(draft.strip() and draft.strip() in s for s in still) and not self._deleted_pending(
                agreed, group
            ):
                self.add("accepted", place, author=self.reviewer, chunks=chunks, text=draft)
        return _apply_hunks(sent_acc, rejected) if rejected else sent_acc

    def _our_pieces(self, group: Group) -> list[tuple[str, str]]:
        """Our tracked changes still in a place, as (kind, words)."""
        found: list[tuple[str, str]] = []
        for para in group.paras:
            for piece in para.pieces:
                kinds = [r.kind for r in piece.revs if self.ours(r)]
                kind = kinds[0] if kinds else ""
                if found and found[-1][0] == kind:
                    found[-1] = (kind, found[-1][1] + piece.text)
                else:
                    found.append((kind, piece.text))
        return [(k, " ".join(t.split())) for k, t in found if k and t.strip()]

    def _deleted_pending(self, agreed: str, group: Group) -> bool:
        """Our deletion still shown as a deletion (pending) in the returned document."""
        text = agreed.strip()
        return bool(text) and any(
            text in x.text or x.text.strip() in text
            for p in group.paras
            for x in p.pieces
            if x.text.strip() and any(self.ours(r) and r.kind in DELETES for r in x.revs)
        )

    def pending(self, key: Key, group: Group, change: Change, base: str, decided: str) -> None:
        paras = group.paras
        text = self._with_change(paras, change)
        rebased = merged_text(base, decided, text) if not same_text(base, decided) else text
        proposal = Proposal(change.author, change.date, "edit", rebased or text, moved=change.kind == "move")
        self.outcome(key).proposals.append(proposal)
        self.add(
            change.kind,
            self.place(key),
            author=change.author,
            date=change.date,
            chunks=tuple(diff_words(base, text)),
            text=text,
            proposal=proposal,
        )

    def _with_change(self, paras: list[WordPara], change: Change) -> str:
        """The place's text with only this one of the reviewer's changes taken."""
        ids = change.pieces

        def mine(rev: Rev) -> bool:
            return self.ours(rev)

        shown = []
        for para in paras:
            pieces = []
            for piece in para.pieces:
                if id(piece) in ids:
                    kept = tuple(r for r in piece.revs if mine(r))
                    gone = any(r.kind in DELETES and not mine(r) for r in piece.revs)
                    pieces.append(replace(piece, revs=kept + ((Rev("del", "", ""),) if gone else ())))
                else:
                    pieces.append(piece)
            shown.append(replace(para, pieces=pieces))
        return self.views.text(
            shown,
            lambda r: (r.author == "" and r.kind == "del") or mine(r),
            lambda p: p.format_change is None or mine(p.format_change) or id(p) in change.formats,
        )

    def added(self, key: Key, paras: list[WordPara]) -> None:
        """New paragraphs after a place: the reviewer's tracked insertion, or text added with tracking off."""
        text = self.views.accepted(paras)
        if not text.strip():
            return
        revs = [r for p in paras for x in p.pieces for r in x.revs if r.kind in INSERTS and not self.ours(r)]
        tracked = bool(revs) and all(
            any(r.kind in INSERTS and not self.ours(r) for r in x.revs) for p in paras for x in p.pieces
        )
        author, date = (revs[0].author, revs[0].date) if tracked else (self.reviewer, "")
        moved = tracked and revs[0].kind == "moveTo"
        proposal = Proposal(author, date, "insert", text, untracked=not tracked, moved=moved)
        self.outcome(key).inserted.append(proposal)
        self.add("inserted", self.place(key), author=author, date=date, text=text, proposal=proposal)

    def comments(self) -> None:
        by_para = {p.index: p for p in self.returned.paragraphs}
        owner: dict[int, Key] = {}
        current: Key | None = None
        for para in self.returned.paragraphs:
            keys = [k for k in map(_key, para.anchors) if k is not None]
            if keys:
                current = keys[0]
            if current is not None:
                owner[para.index] = current
        by_id = {c.para_id: c for c in self.returned.comments if c.para_id}
        for comment in self.returned.comments:
            if self._our_comment(comment) or comment.parent:
                continue
            replies = tuple(
                Reply(r.author, r.date, r.text)
                for r in self.returned.comments
                if r.parent and r.parent == comment.para_id and by_id.get(r.parent) is comment
            )
            anchor = self._anchored(comment, by_para)
            note = ReviewNote(comment.author, comment.date, comment.text, anchor, comment.done, replies)
            key = owner.get(comment.start[0]) if comment.start else None
            if key is None:
                place = Place("not placed", label="a comment whose place in the document was not found")
            else:
                place = self.place(key)
                self.outcome(key).notes.append(note if place.placed else replace(note, place=place.label))
            if not place.placed:
                note = replace(note, place=place.label)
            self.add(
                "comment",
                place,
                author=comment.author,
                date=comment.date,
                text=comment.text,
                anchor=anchor,
                replies=replies,
                resolved=comment.done,
                note=note,
            )
        orphans = [c for c in self.returned.comments if c.parent and c.parent not in by_id]
        for reply in orphans:
            place = Place("not placed", label="a reply to a comment that is not in the document")
            note = ReviewNote(reply.author, reply.date, reply.text, place=place.label)
            self.add("comment", place, author=reply.author, date=reply.date, text=reply.text, note=note)

    def _anchored(self, comment: Comment, by_para: dict[int, WordPara]) -> str:
        if comment.start is None or comment.end is None:
            return ""
        (p0, i0), (p1, i1) = comment.start, comment.end
        words = []
        for index in range(p0, p1 + 1):
            para = by_para.get(index)
            if para is None:
                continue
            lo = i0 if index == p0 else 0
            hi = i1 if index == p1 else len(para.pieces)
            words.append("".join(x.text for x in para.pieces[lo:hi] if _shows(x.revs, lambda r: True)))
        return " ".join(w.strip() for w in words if w.strip())

    def moves(self) -> None:
        """A paragraph deleted in one place and inserted in another, with the same words, moved."""
        deleted = [i for i in self.items if i.kind == "deleted"]
        inserted = [i for i in self.items if i.kind == "inserted" and i.place.placed]
        for gone in deleted:
            for new in inserted:
                if fuzz.ratio(" ".join(gone.text.split()), " ".join(new.text.split())) >= 90:
                    index = self.items.index(gone)
                    self.items[index] = replace(gone, kind="moved", target=new.place)
                    inserted.remove(new)
                    self.items.remove(new)
                    for outcome in (self.outcomes.get(gone.place.key), self.outcomes.get(new.place.key)):
                        if outcome is None:
                            continue
                        if outcome.deleted is not None:
                            outcome.deleted = replace(outcome.deleted, moved=True)
                        outcome.inserted = [
                            replace(p, moved=True) if p.text == new.text else p for p in outcome.inserted
                        ]
                    break

    def deleted_questions(self, sent_groups: dict[Key, Group]) -> list[int]:
        """Sections every one of whose places was deleted."""
        found = []
        for s in sorted({k[1] for k in sent_groups if k[0] in ("heading", "answer", "paragraph")}):
            keys = [k for k in sent_groups if k[1] == s and k[0] in ("heading", "answer", "paragraph")]
            if keys and all(self.outcomes.get(k) and self.outcomes[k].deleted for k in keys):
                found.append(s)
                section = self.response.sections[s - 1] if s <= len(self.response.sections) else None
                text = section.heading if section else f"section {s}"
                self.add("question deleted", self.place(("heading", s, 0)), author=self.reviewer, text=text)
        return found


def _order(place: Place) -> tuple:
    """Document order: key messages, then each section's question, answer and paragraphs, then the rest."""
    parts = {"key message": 0, "heading": 1, "answer": 1, "paragraph": 1, "document": 2, "not placed": 3}
    within = {"heading": 0, "answer": 1, "paragraph": 2}.get(place.part, 0)
    return parts.get(place.part, 3), place.section, within, place.paragraph


def compare(returned: ReadDocument, sent: ReadDocument, response: Response) -> ReviewResult:
    """Every change and comment in `returned`, against `sent` (rendered from `response`)."""
    return Comparison(returned, sent, response).run()
