"""Responses to Word: markdown, page layout, house template and the .docx writer. No UI."""
