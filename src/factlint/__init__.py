"""factlint: extract numeric and dated claims from articles and flag contradictions.

    >>> import factlint
    >>> result = factlint.check(["seeds/"])            # a CheckResult: documents, claims, findings
    >>> mentions = factlint.parse("Exports rose 30% to $240bn in 2023")

Both load the language model on first use only; importing factlint is cheap.
"""

__version__ = "0.1.0"

from factlint.api import check, parse

__all__ = ["__version__", "check", "parse"]
