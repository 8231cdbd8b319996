"""Mention layer: quantities, dates, entities and ordinals as spaCy components."""
