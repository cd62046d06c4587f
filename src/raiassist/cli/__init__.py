"""The `raiassist` command: one small module per verb, registered in `VERBS`."""

from raiassist.cli.main import main

__all__ = ["main"]
