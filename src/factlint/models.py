"""The records that flow between stages: mentions, claims, clusters, findings.

Every record is a frozen pydantic model so that stages cannot mutate each other's output and
so that JSON round-trips (the claims store) are exact.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict


class Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# ---------------------------------------------------------------- mentions


class Quantity(Record):
    """A number with what it counts or measures, as the text commits to it.

    ``value`` is in base units ("$146.87 billion" -> 146.87e9). ``low``/``high`` is the interval the
    wording commits to: "over 200" -> low=200, high=None; "up to 38" -> low=None, high=38; "16 to 17"
    -> 16, 17; "about 16.5" -> a tolerance band (see ``factlint.nlp.quantities``). An exact value has
    low == high == value.
    """

    text: str
    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str = ""
    """Canonical unit name: singular plain English ("dollar", "cubic metre per year", "warship")."""
    dimension: str = "number"
    """currency, volume, mass, length, area, energy, power, percentage, percentage-point, count,
    duration, speed, temperature, number, ... (rates append "/time": "volume/time")."""
    qualifier: str | None = None
    """over, under, about, up to, at least, at most, between, ... as written, lower-cased."""
    currency: str | None = None
    """ISO 4217 code for money ("USD", "EUR")."""
    change: Literal["up", "down"] | None = None
    """Set when the number is a change ("rose 3%", "fell by $2bn"), not a level."""
    role: Literal["from", "to"] | None = None
    """The two levels of a change: "rose from 61% (from) to 78% (to)", "78% (to), up from 61%
    (from)". Both are levels at different times, not a range."""
    change_from: float | None = None
    """On the "to" level of a change: the value (same base units) it moved from; the change is
    ``value - change_from``."""
    tolerance: float | None = None
    """Half a unit of the last significant digit as written, in base units ("4.5 million" ->
    50,000; "4 million" -> 500,000; "4,000,000" -> 0.5): how far a rounded figure may be from the
    truth. Its rounding interval is [value - tolerance, value + tolerance), open at the edges."""


class DateRef(Record):
    """A date or period at the granularity the text gives.

    ``value`` is ISO-like: "2019", "2019-12", "2019-12-02", "2024-05-16/2024-05-17", "1960s",
    "2016/2020"; None when a relative expression cannot be resolved (no document date).
    ``first``/``last`` are the inclusive day interval the value covers ("2019" -> 2019-01-01 ..
    2019-12-31), used for granularity-aware comparison.
    """

    text: str
    start: int
    end: int
    value: str | None
    kind: Literal["point", "range", "since", "by", "until", "relative"] = "point"
    granularity: Literal["day", "month", "season", "quarter", "year", "decade", "century", "range"] = "year"
    first: str | None = None
    last: str | None = None
    relative: str | None = None
    """For relative expressions: the offset as written, normalised ("-1 year", "0 year", "-1 month",
    "weekday monday"); kept even when resolved."""


class EntityMention(Record):
    """A named thing: a country (ISO 3166 alpha-3 id), organisation, project, facility, weapon..."""

    text: str
    start: int
    end: int
    id: str
    """"RUS" for countries; a slug ("power-of-siberia-2", "european-investment-bank") otherwise."""
    type: Literal["country", "org", "project", "facility", "weapon", "person", "place", "other"]
    label: str | None = None
    """The spaCy NER label behind it, if any (GPE, ORG, NORP, FAC, PRODUCT, ...)."""


class Ordinal(Record):
    """An ordinal ("70th anniversary", "fourth year", "third visit"): never a quantity."""

    text: str
    start: int
    end: int
    value: int
    head: str | None = None
    """Lemma of the noun it qualifies ("anniversary", "year", "visit")."""


class Mentions(Record):
    quantities: list[Quantity] = []
    dates: list[DateRef] = []
    entities: list[EntityMention] = []
    ordinals: list[Ordinal] = []


# ---------------------------------------------------------------- corpus and claims


class Document(Record):
    id: str
    """The path under the corpus folder without the extension ("sub/index"); the file stem in a
    flat folder."""
    path: str
    sha256: str
    date: str | None = None
    """Publication date (YYYY-MM-DD): a Markdown front matter's ``date``, else the first line's."""
    title: str | None = None
    """A Markdown front matter's ``title``."""


class ClaimEntity(Record):
    id: str
    text: str
    type: str
    role: str | None = None
    """subject, partner, buyer, seller, recipient, lender, location, ... where the sentence says."""
    implied: bool = False
    """True when the entity comes from the document's topic ("the two countries"), not the clause."""
    start: int | None = None
    end: int | None = None
    """Where the name stands in the document, when the clause names it (None when implied)."""


class Frame(Record):
    """The descriptors that decide whether two claims state the same fact (see ``factlint.cluster.sameness``).

    Each is read off the claim's own words; none is a single head word picked by one rule."""

    measure: list[str] = []
    """Lemmas naming what is measured or counted together with the predicate that applies to it
    ("dose", "deliver"; "capacity", "annual"); never a pronoun, a reporting verb or a unit word."""
    context: list[str] = []
    """Content lemmas of the claim's clause (what else the sentence says about the figure)."""
    places: list[str] = []
    """Ids of the places the figure is scoped to ("in Lusaka", "at the second site")."""
    as_of: str | None = None
    """The day (YYYY-MM-DD) a running total or estimate holds at: a day-level date in the clause,
    else the byline date; None when neither is known."""
    running: bool = False
    """A running total or estimate ("has risen to", "so far", "the toll"): it may move between reports."""
    revised: bool = False
    """The sentence says the figure was revised or corrected."""
    moving: bool = False
    """A level or change that moves from day to day ("closed 1.4% higher", "slid to $64.10"): values
    reported on different days are a timeline, in either direction."""
    owners: list[str] = []
    """Names the figure belongs to: possessors ("Castellani's 34 percent"), name compounds ("Guinness
    shares") and the names in its subject ("the HSLS had won 12.24 percent")."""
    attribution: str | None = None
    """Who the sentence attributes the figure to ("according to the ministry", "officials said")."""
    partitive: bool = False
    """The figure counts part of a set it names ("13 of the 30 men", "71 of the hostages"): a part,
    never the size of the set."""
    presupposed: bool = False
    """The figure sits in a noun phrase that refers back to a known set ("the 10,480 graduates",
    "all 24 affected districts", "each of the 86 turbines"): it restates a fact rather than reports one."""
    noun_clause: bool = False
    """The figure sits in a clause that describes a noun: a relative clause ("Argentina, which holds a
    60% stake, ...", "the bombing that killed 22") or a noun's content ("the plan to cut 850 jobs").
    Background to the sentence, not what it asserts."""


RELATION_METRICS = frozenset({"transfer", "affiliation", "ranking-place", "party-named"})
"""Metrics of event claims that relate parties (who received named goods, who holds a post where,
whose ranking gives a place, where a figure's party is named: ``checks.base.party_named``):
each is read by its own check and never paired with another claim as one fact."""

COUNTED_THINGS = "things:counted"
"""The modifier of an event that happened to things counted in the plural ("870 clinics closed")."""
PAST_THING = "time:past"
"""The modifier of a figure for what its thing was, not what it is ("the then 15-member bloc")."""
PARTITIVE_WHOLE = "set:whole"
"""The modifier of a figure that is the whole a partitive takes its part from ("870" in "230 of the
870 schools"): the size of a set, not a count of what the clause says happened."""
BOUND_OF_A_CLASS = "set:class"
"""The modifier of a bound that describes a kind of thing, not a thing ("ships of up to 180
metres", "loans of more than $5 million"): every thing of the kind, none in particular."""
WINDOW = "window:"
"""The prefix of a figure's modifier naming the stretch of time it is counted over ("71% graduated
within six years" -> "window:6 year"): figures for two windows are two facts."""
RATE = "per:"
"""The prefix of a figure's modifier naming how often its verb recurs ("60 refugees die every day"
-> "per:day"): a figure per day is neither a total nor a figure per week."""


class Claim(Record):
    id: str
    doc: str
    start: int
    end: int
    line: int
    text: str
    """The claim span as written (``document text[start:end]``)."""
    sentence: str
    kind: Literal["quantity", "event"]
    metric: str
    """Normalised head phrase: "bilateral trade", "annual capacity", "begin operation"."""
    entities: list[ClaimEntity] = []
    subject: str | None = None
    """Slug of the named thing the figure or event is about, when it is not a country
    ("biscay-gas-link", "phase-i")."""
    quantity: Quantity | None = None
    date: DateRef | None = None
    period: DateRef | None = None
    """The time the value is about ("in 2023"), not the event date."""
    modality: Literal["actual", "forecast", "plan", "target", "estimate"] = "actual"
    modifiers: list[str] = []
    """Distinguishing words that must agree for two claims to be the same thing
    (numbered variants, "offshore", "two-way", "phase ii")."""
    items: list[str] | None = None
    """For a count announcing a list ("three workstreams: A and B"), the items listed after it."""
    frame: Frame | None = None
    """The sameness descriptors (measure, context, places, as-of, running, attribution)."""


class TimelinePoint(Record):
    """One report of a moving figure: the claim, the day it holds at, its value as written."""

    claim: str
    as_of: str | None
    value: str


class Cluster(Record):
    id: str
    claims: list[str]
    metric: str
    key: str
    """The blocking key the cluster was built in (entities | dimension | period | modality)."""
    consensus: str | None = None
    timeline: list[TimelinePoint] = []
    """For a running total or estimate that moves between reports: its values by as-of date."""


Status = Literal["new", "source-error", "false-alarm", "accepted"]


class Finding(Record):
    id: str
    rule: str
    kind: str
    severity: Literal["error", "warning", "info"] = "warning"
    message: str
    claims: list[str]
    status: Status = "new"
    pairs: list[str] = []
    """For a finding made of pairs (``claims[0]`` against each of ``claims[1:1 + len(pairs)]``), the
    identity of each pair in that order; verdicts are kept per pair. Empty when the finding is one
    identity. Claims after the pairs' point at where the finding's words stand (where an entity
    conflict's parties are named) and are no pair."""
    sameness: list[str] = []
    """Why the claims were taken as the same fact: the descriptors that agree, with the score."""

    def pointers_of(self, stated: list[str]) -> list[str]:
        """The pointer claims (those past the pairs') made for one of ``stated``."""
        return [p for p in self.claims[1 + len(self.pairs):] if self.pairs and pointed_from(p) in stated]

    def stated(self) -> list[str]:
        """The claims the finding is made of, the wrong one first: without those past its pairs',
        which only point at where its words stand."""
        return self.claims[:1 + len(self.pairs)] if self.pairs else list(self.claims)


POINTER_MARK = ":named:"
"""What a pointer claim's id holds between the id of the claim it was made for and its offset."""


def pointed_from(claim_id: str) -> str | None:
    """The claim a pointer claim was made for, from its id (None for a claim that is no pointer)."""
    return claim_id.rsplit(POINTER_MARK, 1)[0] if POINTER_MARK in claim_id else None


class InputError(Record):
    """A file that could not be checked (empty, binary, not UTF-8, unreadable)."""

    path: str
    reason: str
    doc: str | None = None
    """The document id the file would have had, when it was found as an article."""
    stage: str = "read"
    """Where it failed: read (the file cannot be read as an article), parse (the language
    pipeline), claims (building claims), extract (elsewhere in extraction) or store (the claims
    store could not save it)."""


class CheckResult(Record):
    """Everything `factlint check` found: the JSON report is this record, serialised."""

    version: int = 1
    documents: list[Document] = []
    claims: list[Claim] = []
    clusters: list[Cluster] = []
    findings: list[Finding] = []
    errors: list[InputError] = []
