"""Renderers: plain functions from records to text. No analysis happens here."""
