"""Import a consultation's questions from its document (.docx, .odt, .doc, .html, .md, .txt, .pdf) as a new response."""

from policydesk.consultation.importer import ImportedConsultation, import_consultation, read_consultation

__all__ = ["ImportedConsultation", "import_consultation", "read_consultation"]
