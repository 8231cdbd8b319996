"""`python -m factlint` runs the command line."""

from factlint.cli import app

app(prog_name="factlint")
