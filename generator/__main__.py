"""`python -m generator` works like `policygen`."""

from generator.cli import run

run()
