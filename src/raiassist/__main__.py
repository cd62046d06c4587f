"""`python -m raiassist`."""

from raiassist.cli.main import run

run()
