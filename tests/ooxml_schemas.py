"""Validate every XML part of a .docx against the ISO/IEC 29500 transitional and ECMA-376 OPC schemas.

The schemas are the copies in ../shared/ooxml-schemas. One wrapper schema imports each namespace from a local
file, so nothing is fetched from the network: the XML namespace from the ISO folder's xml.xsd (wml.xsd imports
it without a location), and Dublin Core from our stand-ins in tests/data/schemas (opc-coreProperties.xsd
imports those from dublincore.org). libxml2 keeps the first import of a namespace, so the later imports of the
same namespaces inside the published schemas reuse these. The compiled schema is built once per test session.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache

from lxml import etree

from conftest import DATA, REPO, need

SCHEMAS = REPO.parent / "shared" / "ooxml-schemas"
ISO = SCHEMAS / "ISO-IEC29500-4_2016"
OPC = SCHEMAS / "ecma" / "fouth-edition"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
CATALOGUE = {
    # namespace: schema file, in import order (the XML namespace and Dublin Core first)
    "http://www.w3.org/XML/1998/namespace": ISO / "xml.xsd",
    "http://purl.org/dc/elements/1.1/": DATA / "schemas" / "dc.xsd",
    "http://purl.org/dc/terms/": DATA / "schemas" / "dcterms.xsd",
    MC: SCHEMAS / "mce" / "mc.xsd",
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": ISO / "wml.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/main": ISO / "dml-main.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing": ISO / "dml-wordprocessingDrawing.xsd",
    "http://schemas.openxmlformats.org/drawingml/2006/picture": ISO / "dml-picture.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": (
        ISO / "shared-documentPropertiesExtended.xsd"
    ),
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties": (
        ISO / "shared-documentPropertiesCustom.xsd"
    ),
    "http://schemas.microsoft.com/office/word/2012/wordml": SCHEMAS / "microsoft" / "wml-2012.xsd",  # threads
    "http://schemas.openxmlformats.org/package/2006/content-types": OPC / "opc-contentTypes.xsd",
    "http://schemas.openxmlformats.org/package/2006/relationships": OPC / "opc-relationships.xsd",
    "http://schemas.openxmlformats.org/package/2006/metadata/core-properties": OPC / "opc-coreProperties.xsd",
}
ROOTS = {ns for ns in CATALOGUE if ns not in ("http://www.w3.org/XML/1998/namespace", MC)}


def need_schemas() -> None:
    need((ISO / "wml.xsd").is_file() and (OPC / "opc-coreProperties.xsd").is_file(), "../shared/ooxml-schemas")


@cache
def schema() -> etree.XMLSchema:
    """The compiled schema set (about two seconds to build, so once per session)."""
    need_schemas()
    xsd = "http://www.w3.org/2001/XMLSchema"
    wrapper = etree.Element(f"{{{xsd}}}schema", nsmap={"xsd": xsd})
    for namespace, path in CATALOGUE.items():
        etree.SubElement(wrapper, f"{{{xsd}}}import", namespace=namespace, schemaLocation=path.resolve().as_uri())
    return etree.XMLSchema(etree.ElementTree(wrapper))


def strip_ignorable(root: etree._Element) -> etree._Element:
    """Remove what mc:Ignorable says a consumer may ignore, as Word does before it reads a part."""
    prefixes = (root.get(f"{{{MC}}}Ignorable") or "").split()
    ignored = {root.nsmap[p] for p in prefixes if p in root.nsmap}
    if not ignored:
        return root
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if etree.QName(el).namespace in ignored:
            el.getparent().remove(el)
            continue
        for attr in list(el.attrib):
            if etree.QName(attr).namespace in ignored:
                del el.attrib[attr]
    del root.attrib[f"{{{MC}}}Ignorable"]
    return root


def xml_parts(source: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(source)) as package:
        return {n: package.read(n) for n in package.namelist() if n.endswith((".xml", ".rels"))}


def schema_errors(source: bytes) -> list[str]:
    """Every schema error in every XML part, as 'part:line: message'; an empty list means valid."""
    checker = schema()
    errors = []
    for name, data in xml_parts(source).items():
        root = strip_ignorable(etree.fromstring(data))
        namespace = etree.QName(root).namespace
        if namespace not in ROOTS:
            errors.append(f"{name}: no schema for a root element in {namespace}")
            continue
        if not checker.validate(etree.ElementTree(root)):
            errors.extend(f"{name}:{e.line}: {e.message}" for e in checker.error_log)
    return errors


def parts_checked(source: bytes) -> list[str]:
    return sorted(xml_parts(source))
