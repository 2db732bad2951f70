"""Messages that cross screens, named for what happened."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from textual.message import Message

from policydesk.model.library import Library
from policydesk.model.problems import Problem
from policydesk.search import SearchIndex


@dataclass
class KnowledgeBaseLoaded(Message):
    """The knowledge base finished loading in its worker: enough to show it, before search is ready."""

    library: Library
    facets: dict[str, Counter[str]]
    recent_first: list[str]
    problems: list[Problem]


@dataclass
class SearchReady(Message):
    """The search index is built (or read from the cache), after the library is on screen."""

    index: SearchIndex


@dataclass
class KnowledgeBaseFailed(Message):
    """The knowledge base has errors, so nothing can be shown."""

    problems: list[Problem]
