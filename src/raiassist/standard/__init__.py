"""The Responsible AI Standard as validated, frozen data (packs under `guidance/`)."""

from raiassist.standard.loading import DEFAULT_PACKS, load_standard
from raiassist.standard.model import Goal, Principle, Requirement, Standard

__all__ = ["DEFAULT_PACKS", "Goal", "Principle", "Requirement", "Standard", "load_standard"]
