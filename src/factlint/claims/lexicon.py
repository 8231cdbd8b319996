"""The claim layer's vocabulary (``lexicon.yaml``), loaded once."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class EventClass:
    name: str
    one_off: bool
    lemmas: frozenset[str]
    phrases: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Lexicon:
    concept_of: dict[str, str]
    light_verbs: frozenset[str]
    partitive_nouns: frozenset[str]
    modality_aux: dict[str, str]
    modality_verbs: dict[str, str]
    modality_nouns: dict[str, str]
    modality_adverbs: dict[str, str]
    modality_verbs_with_at: dict[str, str]
    capability_aux: frozenset[str]
    events: tuple[EventClass, ...]
    to_recipient: frozenset[str]
    by_buyer: frozenset[str]
    bilateral_cues: tuple[str, ...]
    not_measures: frozenset[str] = frozenset()
    reporting_verbs: frozenset[str] = frozenset()
    running_cues: tuple[str, ...] = ()
    revision_cues: frozenset[str] = frozenset()
    locative_preps: frozenset[str] = frozenset()
    route_preps: frozenset[str] = frozenset()
    route_start_preps: frozenset[str] = frozenset()
    route_end_preps: frozenset[str] = frozenset()
    generic_count_nouns: frozenset[str] = frozenset()
    """Every counted noun that says nothing of what is counted, the person nouns among them."""
    person_count_nouns: frozenset[str] = frozenset()
    set_apart_words: frozenset[str] = frozenset()
    change_verbs: frozenset[str] = frozenset()
    attribution_verbs: frozenset[str] = frozenset()
    presupposing_determiners: frozenset[str] = frozenset()
    presupposing_markers: frozenset[str] = frozenset()
    whole_cues: tuple[str, ...] = ()
    partial_cues: tuple[str, ...] = ()
    derivation_cues: tuple[str, ...] = ()
    contrast_cues: tuple[str, ...] = ()
    event_date_preps: frozenset[str] = frozenset()
    causing_verbs: frozenset[str] = frozenset()
    past_markers: frozenset[str] = frozenset()
    referring_pronouns: frozenset[str] = frozenset()
    ranking_nouns: frozenset[str] = frozenset()

    def concept(self, lemma: str) -> str:
        return self.concept_of.get(lemma.lower(), lemma.lower())


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = yaml.safe_load(resources.files("factlint.claims").joinpath("lexicon.yaml").read_text(encoding="utf-8"))
    concept_of: dict[str, str] = {}
    for concept, words in raw["concepts"].items():
        for word in words:
            concept_of.setdefault(word, concept)
    by_kind: dict[str, dict[str, str]] = {"aux": {}, "verbs": {}, "nouns": {}, "adverbs": {}, "verbs_with_at": {}}
    for modality, cues in raw["modality"].items():
        for kind, words in cues.items():
            for word in words:
                by_kind[kind].setdefault(word, modality)
    events = tuple(
        EventClass(
            name=name,
            one_off=bool(spec.get("one_off")),
            lemmas=frozenset(spec.get("lemmas", [])),
            phrases=tuple(tuple(p) for p in spec.get("phrases", [])),
        )
        for name, spec in raw["events"].items()
    )
    return Lexicon(
        concept_of=concept_of,
        light_verbs=frozenset(raw["light_verbs"]),
        partitive_nouns=frozenset(raw["partitive_nouns"]),
        modality_aux=by_kind["aux"],
        modality_verbs=by_kind["verbs"],
        modality_nouns=by_kind["nouns"],
        modality_adverbs=by_kind["adverbs"],
        modality_verbs_with_at=by_kind["verbs_with_at"],
        capability_aux=frozenset(raw["capability_aux"]),
        events=events,
        to_recipient=frozenset(raw["transfer"]["to_recipient"]),
        by_buyer=frozenset(raw["transfer"]["by_buyer"]),
        bilateral_cues=tuple(raw["bilateral_cues"]),
        not_measures=frozenset(raw["frames"]["not_measures"]),
        reporting_verbs=frozenset(raw["frames"]["reporting_verbs"]),
        running_cues=tuple(raw["frames"]["running_cues"]),
        revision_cues=frozenset(raw["frames"]["revision_cues"]),
        locative_preps=frozenset(raw["frames"]["locative_preps"]),
        route_preps=frozenset(raw["frames"]["route_preps"]),
        route_start_preps=frozenset(raw["frames"]["route_start_preps"]),
        route_end_preps=frozenset(raw["frames"]["route_end_preps"]),
        generic_count_nouns=frozenset(raw["frames"]["generic_count_nouns"]) | frozenset(raw["frames"]["person_count_nouns"]),
        person_count_nouns=frozenset(raw["frames"]["person_count_nouns"]),
        set_apart_words=frozenset(raw["frames"]["set_apart_words"]),
        change_verbs=frozenset(raw["frames"]["change_verbs"]),
        attribution_verbs=frozenset(raw["frames"]["attribution_verbs"]),
        presupposing_determiners=frozenset(raw["frames"]["presupposing_determiners"]),
        presupposing_markers=frozenset(raw["frames"]["presupposing_markers"]),
        whole_cues=tuple(raw["arithmetic"]["whole_cues"]),
        partial_cues=tuple(raw["arithmetic"]["partial_cues"]),
        derivation_cues=tuple(raw["arithmetic"]["derivation_cues"]),
        contrast_cues=tuple(raw["arithmetic"]["contrast_cues"]),
        event_date_preps=frozenset(raw["frames"]["event_date_preps"]),
        causing_verbs=frozenset(raw["frames"]["causing_verbs"]),
        past_markers=frozenset(raw["frames"]["past_markers"]),
        referring_pronouns=frozenset(raw["frames"]["referring_pronouns"]),
        ranking_nouns=frozenset(raw["ranking_nouns"]),
    )
