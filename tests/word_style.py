"""Returned documents written the way Word writes them, built from a document we rendered.

Word splits text into many runs carrying w:rsid revision-session ids, credits each change to its reviewer,
keeps comment threads and their resolved state in commentsExtended.xml (w15), lists people in people.xml, and
writes moved text as w:moveFrom / w:moveTo between named range markers. The edits here go through the same XML.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from itertools import count

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
PR = "http://schemas.openxmlformats.org/package/2006/relationships"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


class WordEdit:
    """Open a rendered .docx, edit it as Word would, and save it."""

    def __init__(self, data: bytes):
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            self.files = {n: z.read(n) for n in z.namelist()}
        self.doc = etree.fromstring(self.files["word/document.xml"])
        self.comments = etree.fromstring(self.files["word/comments.xml"])
        self.ids = count(9000)
        self.rsids = (f"00{n:06X}" for n in count(0xA1B2C3))
        self.threads: list[tuple[str, str | None, bool]] = []
        self.people: set[str] = set()

    def paragraph(self, containing: str) -> etree._Element:
        for p in self.doc.iter(w("p")):
            if containing in "".join(t.text or "" for t in p.iter(w("t"))):
                return p
        raise AssertionError(f"no paragraph holds {containing!r}")

    def _split_at(self, p: etree._Element, words: str) -> list[etree._Element]:
        """The runs that hold exactly `words`, splitting runs at its edges (as Word does when you select)."""
        for r in list(p.iter(w("r"))):
            t = r.find(w("t"))
            if t is None or words not in (t.text or ""):
                continue
            before, _, after = (t.text or "").partition(words)
            parts = []
            for text in (before, words, after):
                if not text:
                    continue
                clone = copy.deepcopy(r)
                clone.set(w("rsidR"), next(self.rsids))
                clone.find(w("t")).text = text
                clone.find(w("t")).set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                parts.append(clone)
            parent = r.getparent()
            at = parent.index(r)
            parent.remove(r)
            for offset, part in enumerate(parts):
                parent.insert(at + offset, part)
            return [part for part in parts if part.find(w("t")).text == words]
        raise AssertionError(f"no run holds {words!r}")

    def _rev(self, kind: str, author: str, date: str) -> etree._Element:
        self.people.add(author)
        el = etree.Element(w(kind))
        el.set(w("id"), str(next(self.ids)))
        el.set(w("author"), author)
        el.set(w("date"), date)
        return el

    def replace(self, containing: str, old: str, new: str, author: str, date: str) -> None:
        """A tracked replacement: old words deleted, new ones inserted, by `author`."""
        p = self.paragraph(containing)
        (run,) = self._split_at(p, old)
        deletion = self._rev("del", author, date)
        run.addprevious(deletion)
        deletion.append(run)
        t = run.find(w("t"))
        t.tag = w("delText")
        inserted = copy.deepcopy(run)
        inserted.find(w("delText")).tag = w("t")
        inserted.find(w("t")).text = new
        insertion = self._rev("ins", author, date)
        insertion.append(inserted)
        deletion.addnext(insertion)

    def delete_paragraph(self, containing: str, author: str, date: str) -> None:
        """Delete a whole paragraph with Track Changes on: each run in a w:del where it stands (inside our w:ins
        where the text was our insertion, as Word nests them), and the paragraph mark."""
        p = self.paragraph(containing)
        for r in [r for r in p.iter(w("r")) if r.find(w("t")) is not None]:
            deletion = self._rev("del", author, date)
            r.addprevious(deletion)
            deletion.append(r)
            for t in r.iter(w("t")):
                t.tag = w("delText")
        ppr = p.find(w("pPr"))
        rpr = ppr.find(w("rPr"))
        if rpr is None:
            rpr = etree.SubElement(ppr, w("rPr"))
        rpr.append(self._rev("del", author, date))

    def bold(self, containing: str, words: str, author: str, date: str) -> None:
        """Tracked formatting: the words made bold, the old properties kept in w:rPrChange."""
        (run,) = self._split_at(self.paragraph(containing), words)
        rpr = run.find(w("rPr"))
        if rpr is None:
            rpr = etree.Element(w("rPr"))
            run.insert(0, rpr)
        old = etree.Element(w("rPr"))
        rpr.insert(0, etree.Element(w("b")))
        change = self._rev("rPrChange", author, date)
        change.append(old)
        rpr.append(change)

    def restyle(self, containing: str, style_id: str, author: str, date: str) -> None:
        """A tracked paragraph style change: the old properties kept in w:pPrChange."""
        ppr = self.paragraph(containing).find(w("pPr"))
        old = copy.deepcopy(ppr)
        for child in list(old):
            if child.tag != w("pStyle"):
                old.remove(child)
        ppr.find(w("pStyle")).set(w("val"), style_id)
        change = self._rev("pPrChange", author, date)
        change.append(old)
        ppr.append(change)

    def settle_ours(self, words: str, accept: bool) -> None:
        """Accept or reject one of our tracked insertions, as Word's Accept / Reject buttons do."""
        for ins in self.doc.iter(w("ins")):
            if words in "".join(t.text or "" for t in ins.iter(w("t"))):
                parent = ins.getparent()
                if accept:
                    for child in list(ins):
                        ins.addprevious(child)
                parent.remove(ins)
                return
        raise AssertionError(f"no insertion of {words!r}")

    def move(self, containing: str, after: str, author: str, date: str, name: str = "move1") -> None:
        """Move a whole paragraph, tracked: w:moveFrom here, w:moveTo after another paragraph."""
        source = self.paragraph(containing)
        target = self.paragraph(after)
        copy_p = copy.deepcopy(source)
        for bookmark in list(copy_p.iter(w("bookmarkStart"))) + list(copy_p.iter(w("bookmarkEnd"))):
            bookmark.getparent().remove(bookmark)
        for el in list(copy_p.iter(w("commentRangeStart"), w("commentRangeEnd"))):
            el.getparent().remove(el)
        for r in list(copy_p.iter(w("r"))):
            if r.find(w("commentReference")) is not None:
                r.getparent().remove(r)
        self._wrap(source, "moveFrom", author, date, name)
        target.addnext(copy_p)
        self._wrap(copy_p, "moveTo", author, date, name)

    def _wrap(self, p: etree._Element, kind: str, author: str, date: str, name: str) -> None:
        runs = [c for c in p if c.tag == w("r")]
        wrapper = self._rev(kind, author, date)
        runs[0].addprevious(wrapper)
        for r in runs:
            wrapper.append(r)
            if kind == "moveFrom":
                for t in r.iter(w("t")):
                    t.tag = w("delText")
        start = etree.Element(w(f"{kind}RangeStart"))
        start.set(w("id"), str(next(self.ids)))
        start.set(w("author"), author)
        start.set(w("date"), date)
        start.set(w("name"), name)
        wrapper.addprevious(start)
        end = etree.Element(w(f"{kind}RangeEnd"))
        end.set(w("id"), start.get(w("id")))
        wrapper.addnext(end)
        ppr = p.find(w("pPr"))
        rpr = ppr.find(w("rPr")) if ppr is not None else None
        if ppr is not None and rpr is None:
            rpr = etree.SubElement(ppr, w("rPr"))
        if rpr is not None:
            rpr.append(self._rev(kind, author, date))

    def comment(
        self,
        containing: str,
        words: str,
        author: str,
        date: str,
        text: str,
        replies: tuple[tuple[str, str, str], ...] = (),
        done: bool = False,
    ) -> None:
        """A comment on `words`, with replies threaded in commentsExtended.xml."""
        (run,) = self._split_at(self.paragraph(containing), words)
        parent_para = None
        for author_, date_, text_ in ((author, date, text), *replies):
            cid = str(len(self.comments))
            start = etree.Element(w("commentRangeStart"))
            start.set(w("id"), cid)
            run.addprevious(start)
            end = etree.Element(w("commentRangeEnd"))
            end.set(w("id"), cid)
            run.addnext(end)
            reference = etree.Element(w("r"))
            etree.SubElement(reference, w("commentReference")).set(w("id"), cid)
            end.addnext(reference)
            el = etree.SubElement(self.comments, w("comment"))
            el.set(w("id"), cid)
            el.set(w("author"), author_)
            el.set(w("date"), date_)
            el.set(w("initials"), "".join(x[0] for x in author_.split()))
            para = etree.SubElement(el, w("p"))
            para_id = f"{0x1A2B3C00 + int(cid):08X}"
            para.set(f"{{{W14}}}paraId", para_id)
            etree.SubElement(etree.SubElement(para, w("r")), w("t")).text = text_
            self.threads.append((para_id, parent_para, done))
            self.people.add(author_)
            parent_para = parent_para or para_id

    def save(self) -> bytes:
        files = dict(self.files)
        files["word/document.xml"] = etree.tostring(self.doc, xml_declaration=True, encoding="UTF-8", standalone=True)
        files["word/comments.xml"] = etree.tostring(self.comments, xml_declaration=True, encoding="UTF-8")
        if self.threads:
            root = etree.Element(f"{{{W15}}}commentsEx", nsmap={"w15": W15, "mc": MC})
            for para_id, parent, done in self.threads:
                entry = etree.SubElement(root, f"{{{W15}}}commentEx")
                entry.set(f"{{{W15}}}paraId", para_id)
                if parent:
                    entry.set(f"{{{W15}}}paraIdParent", parent)
                entry.set(f"{{{W15}}}done", "1" if done else "0")
            files["word/commentsExtended.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            people = etree.Element(f"{{{W15}}}people", nsmap={"w15": W15})
            for name in sorted(self.people):
                etree.SubElement(people, f"{{{W15}}}person").set(f"{{{W15}}}author", name)
            files["word/people.xml"] = etree.tostring(people, xml_declaration=True, encoding="UTF-8")
            types = etree.fromstring(files["[Content_Types].xml"])
            for part, kind in (("commentsExtended", "commentsExtended"), ("people", "people")):
                override = etree.SubElement(types, f"{{{CT}}}Override")
                override.set("PartName", f"/word/{part}.xml")
                kind_type = f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"
                override.set("ContentType", kind_type)
            files["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8")
            rels = etree.fromstring(files["word/_rels/document.xml.rels"])
            for n, (part, kind) in enumerate((("commentsExtended", "commentsExtended"), ("people", "people")), 90):
                rel = etree.SubElement(rels, f"{{{PR}}}Relationship")
                rel.set("Id", f"rId{n}")
                rel.set("Type", f"http://schemas.microsoft.com/office/2011/relationships/{kind}")
                rel.set("Target", f"{part}.xml")
            files["word/_rels/document.xml.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8")
        core = files["docProps/core.xml"].decode("utf-8")
        modified = "<cp:lastModifiedBy>Cllr Priya Patel</cp:lastModifiedBy></cp:coreProperties>"
        core = re.sub(r"</cp:coreProperties>", modified, core)
        files["docProps/core.xml"] = core.encode("utf-8")
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for name, blob in files.items():
                z.writestr(name, blob)
        return out.getvalue()
