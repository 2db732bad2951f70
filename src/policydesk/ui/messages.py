"""Messages that cross screens, named for what happened."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from policydesk.model.library import Library
from policydesk.model.problems import Problem
from policydesk.search import SearchIndex


@dataclass
class KnowledgeBaseLoaded(Message):
    """The knowledge base finished loading in its worker."""

    library: Library
    index: SearchIndex
    problems: list[Problem]


@dataclass
class KnowledgeBaseFailed(Message):
    """The knowledge base has errors, so nothing can be shown."""

    problems: list[Problem]
