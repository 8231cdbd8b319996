"""factlint: extract numeric and dated claims from articles and flag contradictions."""

__version__ = "0.1.0"
