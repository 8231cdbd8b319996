"""Corpus: files on disk -> Documents (id = file stem, sha256, publication date) and their text."""

from factlint.corpus.reader import SourceText, find_article_files, read_corpus

__all__ = ["SourceText", "find_article_files", "read_corpus"]
