"""The domain: positions, taxonomy, library and responses. Standard library only."""

from policydesk.model.library import Filters, Library
from policydesk.model.position import STATUSES, Position, Source, Version
from policydesk.model.problems import InputError, Problem
from policydesk.model.taxonomy import Framework, Pillar, Taxonomy

__all__ = [
    "STATUSES",
    "Filters",
    "Framework",
    "InputError",
    "Library",
    "Pillar",
    "Position",
    "Problem",
    "Source",
    "Taxonomy",
    "Version",
]
