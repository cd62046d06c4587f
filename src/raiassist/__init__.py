"""raiassist: a Responsible AI Standard in the editor, the notebook and the commit."""

__version__ = "0.1.0"
