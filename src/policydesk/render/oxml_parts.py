"""Raw XML for the template's package parts: content types, relationships, properties, settings, theme, pages.

Every part is written here from the house style, so nothing is inherited from another product's template.
"""

from __future__ import annotations

from lxml import etree

from policydesk.render.house_style import HouseStyle

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC, DCTERMS = "http://purl.org/dc/elements/1.1/", "http://purl.org/dc/terms/"
EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
STORY_NSMAP = {"w": W, "r": R, "wp": WP, "a": A, "pic": PIC}

WML_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PARTS = {
    # part name: (content type, relationship type from the main document, or None for package-level parts)
    "word/styles.xml": (f"{WML_TYPE}.styles+xml", f"{REL_TYPE}/styles"),
    "word/numbering.xml": (f"{WML_TYPE}.numbering+xml", f"{REL_TYPE}/numbering"),
    "word/settings.xml": (f"{WML_TYPE}.settings+xml", f"{REL_TYPE}/settings"),
    "word/fontTable.xml": (f"{WML_TYPE}.fontTable+xml", f"{REL_TYPE}/fontTable"),
    "word/theme/theme1.xml": ("application/vnd.openxmlformats-officedocument.theme+xml", f"{REL_TYPE}/theme"),
    "word/header1.xml": (f"{WML_TYPE}.header+xml", f"{REL_TYPE}/header"),
    "word/header2.xml": (f"{WML_TYPE}.header+xml", f"{REL_TYPE}/header"),
    "word/footer1.xml": (f"{WML_TYPE}.footer+xml", f"{REL_TYPE}/footer"),
    "word/footer2.xml": (f"{WML_TYPE}.footer+xml", f"{REL_TYPE}/footer"),
}
PAGES = (("header", "default", "word/header1.xml"), ("header", "first", "word/header2.xml"))
PAGES += (("footer", "default", "word/footer1.xml"), ("footer", "first", "word/footer2.xml"))


def w(tag: str, *children: etree._Element, text: str | None = None, **attrs: object) -> etree._Element:
    """A w: element with w: attributes (r_id becomes r:id); lxml escapes every value."""
    el = etree.Element(f"{{{W}}}{tag}")
    for key, value in attrs.items():
        if value is not None:
            el.set(f"{{{R}}}id" if key == "r_id" else f"{{{W}}}{key}", str(value))
    el.extend(children)
    if text is not None:
        el.text = text
    return el


def ns(uri: str, tag: str, *children: etree._Element, text: str | None = None, **attrs: object) -> etree._Element:
    """An element in namespace `uri` with unqualified attributes."""
    el = etree.Element(f"{{{uri}}}{tag}")
    for key, value in attrs.items():
        el.set(key, str(value))
    el.extend(children)
    if text is not None:
        el.text = text
    return el


def serialise(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def rooted(tag: str, nsmap: dict[str, str], *children: etree._Element) -> etree._Element:
    """A part's root element with its namespace declarations, so children inherit the prefixes."""
    prefix, name = tag.split(":")
    root = etree.Element(f"{{{nsmap[prefix]}}}{name}", nsmap=nsmap)
    root.extend(children)
    return root


def content_types() -> etree._Element:
    root = etree.Element(f"{{{CONTENT_TYPES}}}Types", nsmap={None: CONTENT_TYPES})
    defaults = {
        "rels": "application/vnd.openxmlformats-package.relationships+xml",
        "xml": "application/xml",
        "png": "image/png",
        "jpeg": "image/jpeg",
        "jpg": "image/jpeg",
    }
    for extension, kind in defaults.items():
        root.append(ns(CONTENT_TYPES, "Default", Extension=extension, ContentType=kind))
    overrides = {
        "word/document.xml": f"{WML_TYPE}.document.main+xml",
        **{name: kind for name, (kind, _) in PARTS.items()},
        "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    }
    for name, kind in overrides.items():
        root.append(ns(CONTENT_TYPES, "Override", PartName=f"/{name}", ContentType=kind))
    return root


def _relationships(rows: list[tuple[str, str, str]]) -> etree._Element:
    root = etree.Element(f"{{{PKG_RELS}}}Relationships", nsmap={None: PKG_RELS})
    for rel_id, kind, target in rows:
        root.append(ns(PKG_RELS, "Relationship", Id=rel_id, Type=kind, Target=target))
    return root


def package_relationships() -> etree._Element:
    return _relationships(
        [
            ("rId1", f"{REL_TYPE}/officeDocument", "word/document.xml"),
            (
                "rId2",
                "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                "docProps/core.xml",
            ),
            ("rId3", f"{REL_TYPE}/extended-properties", "docProps/app.xml"),
        ]
    )


def document_relationships() -> etree._Element:
    rows = [(_rel_id(name), rel, name.removeprefix("word/")) for name, (_, rel) in PARTS.items()]
    return _relationships(rows)


def _rel_id(part: str) -> str:
    return f"rId{list(PARTS).index(part) + 1}"


def core_properties(style: HouseStyle) -> etree._Element:
    nsmap = {"cp": CORE, "dc": DC, "dcterms": DCTERMS, "xsi": "http://www.w3.org/2001/XMLSchema-instance"}
    author = style.label("author")
    return rooted(
        "cp:coreProperties",
        nsmap,
        ns(DC, "title", text=""),
        ns(DC, "creator", text=author),
        ns(CORE, "lastModifiedBy", text=author),
        ns(CORE, "revision", text="1"),
        ns(DC, "language", text=style.fonts["language"]),
    )


def app_properties(style: HouseStyle) -> etree._Element:
    """Extended properties that say what wrote the file, and claim no page or word counts it did not make."""
    return rooted(
        "ep:Properties",
        {"ep": EXTENDED, "vt": VT},
        ns(EXTENDED, "Company", text=style.label("author")),
        ns(EXTENDED, "Application", text="policydesk"),
        ns(EXTENDED, "DocSecurity", text="0"),
    )


def document(style: HouseStyle) -> etree._Element:
    """An empty body whose one section is A4 with the house margins, its own first page, headers and footers."""
    page = style.page
    margin = page["margin_twips"]
    references = [w(f"{kind}Reference", type=which, r_id=_rel_id(name)) for kind, which, name in PAGES]
    section = w(
        "sectPr",
        *references,
        w("pgSz", w=page["width_twips"], h=page["height_twips"]),
        w("pgMar", top=margin, right=margin, bottom=margin, left=margin, header=708, footer=708, gutter=0),
        w("cols", space=708),
        w("titlePg"),
    )
    return rooted("w:document", STORY_NSMAP, w("body", section))


def settings(style: HouseStyle) -> etree._Element:
    language = style.fonts["language"]
    return rooted(
        "w:settings",
        {"w": W},
        w("zoom", percent=100),
        w("defaultTabStop", val=720),
        w("characterSpacingControl", val="doNotCompress"),
        w(
            "compat",
            w("compatSetting", name="compatibilityMode", uri="http://schemas.microsoft.com/office/word", val=15),
        ),
        w("themeFontLang", val=language, eastAsia=language, bidi=language),
        w("decimalSymbol", val="."),
        w("listSeparator", val=","),
    )


def font_table(style: HouseStyle) -> etree._Element:
    font = style.fonts["body"]
    return rooted("w:fonts", {"w": W}, w("font", w("family", val="swiss"), w("pitch", val="variable"), name=font))


def theme(style: HouseStyle) -> etree._Element:
    """A theme whose fonts are the house font, so styles Word adds later also use it."""
    font = style.fonts["body"]

    def a(tag: str, *children: etree._Element, **attrs: object) -> etree._Element:
        return ns(A, tag, *children, **attrs)

    def colour(name: str, value: str) -> etree._Element:
        return a(name, a("srgbClr", val=value))

    colours = [("dk1", "000000"), ("lt1", "FFFFFF"), ("dk2", "1F2937"), ("lt2", "F3F4F6")]
    colours += [(f"accent{i}", style.colours["hyperlink"]) for i in range(1, 7)]
    colours += [("hlink", style.colours["hyperlink"]), ("folHlink", style.colours["hyperlink"])]
    fonts = [a("latin", typeface=font), a("ea", typeface=""), a("cs", typeface="")]
    fill = [a("solidFill", a("schemeClr", val="phClr")) for _ in range(3)]
    lines = [a("ln", a("solidFill", a("schemeClr", val="phClr")), w=6350) for _ in range(3)]
    effects = [a("effectStyle", a("effectLst")) for _ in range(3)]
    backgrounds = [a("solidFill", a("schemeClr", val="phClr")) for _ in range(3)]
    root = rooted(
        "a:theme",
        {"a": A},
        a(
            "themeElements",
            a("clrScheme", *(colour(name, value) for name, value in colours), name="policydesk"),
            a("fontScheme", a("majorFont", *fonts), a("minorFont", *_copies(fonts)), name="policydesk"),
            a(
                "fmtScheme",
                a("fillStyleLst", *fill),
                a("lnStyleLst", *lines),
                a("effectStyleLst", *effects),
                a("bgFillStyleLst", *backgrounds),
                name="policydesk",
            ),
        ),
    )
    root.set("name", "policydesk")
    return root


def _copies(elements: list[etree._Element]) -> list[etree._Element]:
    return [etree.fromstring(etree.tostring(el)) for el in elements]


def field_runs(instruction: str, shown: str) -> list[etree._Element]:
    """A complex field (such as PAGE) as Word writes it: begin, instruction, separator, cached result, end."""
    instr = w("instrText", text=f" {instruction} ")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return [
        w("r", w("fldChar", fldCharType="begin")),
        w("r", instr),
        w("r", w("fldChar", fldCharType="separate")),
        w("r", w("t", text=shown)),
        w("r", w("fldChar", fldCharType="end")),
    ]


def _text_run(text: str) -> etree._Element:
    t = w("t", text=text)
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return w("r", t)


def footer(style: HouseStyle, footer_style_id: str) -> etree._Element:
    """A footer paragraph from text.footer, with {page} replaced by a PAGE field."""
    before, _, after = style.label("footer", page="\0").partition("\0")
    runs = ([_text_run(before)] if before else []) + field_runs("PAGE", "1") + ([_text_run(after)] if after else [])
    paragraph = w("p", w("pPr", w("pStyle", val=footer_style_id)), *runs)
    return rooted("w:ftr", STORY_NSMAP, paragraph)


def header(paragraph_style_id: str, text: str = "") -> etree._Element:
    """A header with one paragraph, holding `text` when given."""
    paragraph = w("p", w("pPr", w("pStyle", val=paragraph_style_id)))
    if text:
        paragraph.append(_text_run(text))
    return rooted("w:hdr", STORY_NSMAP, paragraph)
