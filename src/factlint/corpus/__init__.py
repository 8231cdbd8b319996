"""Corpus: files on disk -> Documents (id = path under the corpus folder without extension, sha256,
publication date) and their text; which files are articles is ``factlint.corpus.scope``."""

from factlint.corpus.reader import SourceText, decode_article, find_article_files, read_corpus, read_document
from factlint.corpus.scope import ArticleFile, document_id, find_articles

__all__ = ["ArticleFile", "SourceText", "decode_article", "document_id", "find_article_files", "find_articles",
           "read_corpus", "read_document"]
