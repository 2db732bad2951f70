"""Typed, located reading of YAML mappings: every problem names its line, column and fix."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from datetime import date, datetime
from typing import Any

from rapidfuzz import process
from ruamel.yaml.comments import TaggedScalar

from policydesk.model.position import Precision
from policydesk.model.problems import Problem, Severity
from policydesk.model.rules import SLUG_HINT, slug_problem
from policydesk.model.text import first_unsafe
from policydesk.store.yaml_io import InvalidDate

YEAR = re.compile(r"^\d{4}$")
MONTH = re.compile(r"^\d{4}-\d{2}$")


def suggest(value: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or '' when nothing is close."""
    found = process.extractOne(str(value), list(choices), score_cutoff=60)
    return f" (did you mean '{found[0]}'?)" if found else ""


def _as_text(value: Any) -> str:
    """A scalar as the user wrote it: YAML may have read it as a date, number or boolean."""
    if isinstance(value, InvalidDate):
        return value.text
    if isinstance(value, TaggedScalar):
        return str(value.value)
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class FieldReader:
    """Reads fields out of one file's YAML, collecting problems instead of stopping at the first."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)

    def report(
        self,
        where: tuple[int | None, int | None],
        message: str,
        hint: str = "",
        severity: Severity = "error",
    ) -> None:
        self.problems.append(Problem(self.file, where[0], where[1], message, hint, severity))

    @staticmethod
    def at(node: Any, key: Any = None) -> tuple[int | None, int | None]:
        """1-based line and column of `node[key]` (or of `node` itself when key is None)."""
        try:
            if key is None:
                return node.lc.line + 1, node.lc.col + 1
            if isinstance(node, dict):
                if key in node:
                    line, col = node.lc.value(key)
                    return line + 1, col + 1
                return node.lc.line + 1, node.lc.col + 1
            if isinstance(node, list):
                line, col = node.lc.item(key)
                return line + 1, col + 1
        except (AttributeError, KeyError, IndexError, TypeError):
            pass
        return None, None

    def key_at(self, node: dict, key: str) -> tuple[int | None, int | None]:
        try:
            line, col = node.lc.key(key)
            return line + 1, col + 1
        except (AttributeError, KeyError, TypeError):
            return self.at(node)

    def unknown_keys(self, node: dict, allowed: Iterable[str], what: str) -> None:
        allowed = list(allowed)
        for key in node:
            if key not in allowed:
                self.report(
                    self.key_at(node, key),
                    f"unknown field '{key}' in {what}{suggest(str(key), allowed)}",
                    f"allowed fields are: {', '.join(allowed)}",
                )

    def mapping(self, node: Any, key: str, what: str, required: bool = True) -> dict | None:
        value = node.get(key) if isinstance(node, dict) else None
        if value is None:
            if required:
                self.missing(node, key, what)
            return None
        if not isinstance(value, dict):
            self.report(self.at(node, key), f"'{key}' must be a mapping of fields", "indent its fields under it")
            return None
        return value

    def seq(self, node: dict, key: str, what: str, required: bool = True) -> list | None:
        value = node.get(key)
        if value is None:
            if required:
                self.missing(node, key, what)
            return None
        if not isinstance(value, list):
            self.report(self.at(node, key), f"'{key}' must be a list", "start each item with '- '")
            return None
        return value

    def missing(self, node: Any, key: str, what: str) -> None:
        self.report(self.at(node), f"{what} has no '{key}'", f"add a '{key}:' field")

    def text(self, node: dict, key: str, what: str, required: bool = True, empty_ok: bool = False) -> str | None:
        """A string field, checked for characters that a Word document cannot hold."""
        value = node.get(key)
        if value is None:
            if required:
                self.missing(node, key, what)
            return None
        if isinstance(value, (dict, list)):
            self.report(self.at(node, key), f"'{key}' must be text", "write it on one line, or as a '|' block")
            return None
        value = _as_text(value)
        if not value.strip() and not empty_ok:
            self.report(self.at(node, key), f"'{key}' is empty", f"write the {key} or remove the field")
            return None
        self.check_characters(value, node, key)
        return value

    def check_characters(self, value: str, node: Any, key: Any) -> None:
        bad = first_unsafe(value)
        if bad:
            self.report(
                self.at(node, key),
                f"'{key}' contains {bad}",
                "delete it; such characters are often pasted in by accident from another program",
            )

    def date(self, node: dict, key: str, what: str, required: bool = True) -> date | None:
        value = node.get(key)
        if value is None:
            if required:
                self.missing(node, key, what)
            return None
        where = self.at(node, key)
        if isinstance(value, InvalidDate):
            self.report(where, f"'{key}' is not a real date: {value.text}", "write an existing day as YYYY-MM-DD")
            return None
        if isinstance(value, datetime):
            self.report(where, f"'{key}' has a time of day ({value.isoformat()})", "write only the day, as YYYY-MM-DD")
            return None
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            self.report(
                where, f"'{key}' must be a date, got '{value}'", "write it as YYYY-MM-DD, for example 2023-03-14"
            )
            return None

    def period(self, node: dict, key: str, what: str) -> tuple[date, Precision] | None:
        """A day (2023-03-14), a month (2023-03) or a year (2023), for papers that give no full date."""
        value = node.get(key)
        if isinstance(value, (date, InvalidDate)) or value is None:
            day = self.date(node, key, what)
            return (day, "day") if day else None
        written = _as_text(value).strip()
        if YEAR.match(written):
            return date(int(written), 1, 1), "year"
        if MONTH.match(written) and 1 <= int(written[5:]) <= 12:
            return date(int(written[:4]), int(written[5:]), 1), "month"
        self.report(
            self.at(node, key),
            f"'{key}' must be a date, got '{written}'",
            "write YYYY-MM-DD, or YYYY-MM or YYYY when the paper gives no day",
        )
        return None

    def flag(self, node: dict, key: str, what: str) -> bool:
        """An optional true/false field."""
        value = node.get(key)
        if value is None:
            return False
        written = _as_text(value).strip().lower()
        if written not in ("true", "false"):
            self.report(self.at(node, key), f"'{key}' must be true or false, not '{written}'", f"write {key}: true")
            return False
        return written == "true"

    def choice(self, node: dict, key: str, choices: Collection[str], what: str, required: bool = True) -> str | None:
        value = self.text(node, key, what, required)
        if value is None or value in choices:
            return value
        choices = list(choices)
        self.report(
            self.at(node, key),
            f"unknown {key} '{value}'{suggest(value, choices)}",
            f"use one of: {', '.join(choices)}" if len(choices) <= 12 else f"use a {key} defined in taxonomy.yaml",
        )
        return None

    def slug(self, node: dict, key: str, what: str) -> str | None:
        value = self.text(node, key, what)
        if value is None:
            return None
        why = slug_problem(value)
        if why:
            self.report(self.at(node, key), f"{key} '{value}' {why}", SLUG_HINT)
            return None
        return value

    def string_list(self, node: dict, key: str, what: str) -> list[tuple[str, tuple[int | None, int | None]]]:
        """Items of a list of strings, each with its location."""
        items = self.seq(node, key, what, required=False)
        if items is None:
            return []
        found = []
        for i, item in enumerate(items):
            if not isinstance(item, str) or not item.strip():
                self.report(self.at(items, i), f"item {i + 1} of '{key}' must be text", "write it as a plain word")
                continue
            found.append((item, self.at(items, i)))
        return found
