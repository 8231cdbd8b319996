"""How many everyday news date expressions the date reader resolves, without any corpus.

    python bench/mentions/date_probe.py [--misses]

Each case is a neutral sentence with one date expression in brackets and the value a reader
gives it against a fixed document date (TimeML's conventions: a value at the granularity the
expression names; a finer predicted value counts when it starts with it, as score.py counts it).
The expressions are built from the calendar vocabulary (``patterns/date_words.yaml``) in the
forms news writes them: weekdays with and without "on", possessives ("Monday's vote"), parts of
a day ("late Monday", "Monday night"), day words, relative months and years, their possessives
and adjectives ("last year's", "year-earlier"), "N units ago", abbreviated months with a day,
days of a month written alone ("on the 3rd"), periods "ended" on a day, fiscal years. It measures
the mechanisms (the grammar and the resolution), not a data set.
"""

from __future__ import annotations

import calendar
import datetime as dt
import sys

from factlint.nlp.dates import date_words
from probe_tally import date_results, report

DOC_DATE = dt.date(1998, 3, 4)  # a Wednesday
"""The probe's document date: any day works; the expected values below are computed from it."""


def _day(offset: int) -> str:
    return (DOC_DATE + dt.timedelta(days=offset)).isoformat()


def _last_weekday(weekday: int) -> str:
    """The most recent such weekday before the document date (a past clause)."""
    back = (DOC_DATE.weekday() - weekday) % 7 or 7
    return _day(-back)


def _next_weekday(weekday: int) -> str:
    ahead = (weekday - DOC_DATE.weekday()) % 7 or 7
    return _day(ahead)


def _month(offset: int) -> str:
    index = DOC_DATE.year * 12 + DOC_DATE.month - 1 + offset
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _year(offset: int) -> str:
    return str(DOC_DATE.year + offset)


def cases() -> list[tuple[str, str, str]]:
    """(kind, sentence with the expression in brackets, expected value prefix)."""
    out: list[tuple[str, str, str]] = []
    words = date_words()
    for name, number in words.weekdays.items():
        if number == DOC_DATE.weekday():
            continue
        past, future = _last_weekday(number), _next_weekday(number)
        out += [
            ("weekday", f"The board met [on {name}] to discuss the plan.", past),
            ("weekday", f"The board met [{name}] to discuss the plan.", past),
            ("weekday", f"The minister said [{name}] that talks had failed.", past),
            ("weekday", f"The ministers will meet again [on {name}].", future),
            ("weekday", f"[{name}]'s vote was close, officials said.", past),
            ("weekday", f"Officials counted the ballots after [{name}]'s vote.", past),
            ("weekday", f"Police said the attack happened [late {name}].", past),
            ("weekday", f"Police said the attack happened [early {name}].", past),
            ("weekday", f"Police said the attack happened [{name} night].", past),
            ("weekday", f"Police said the attack happened [{name} morning].", past),
            ("weekday", f"The company said [last {name}] that sales fell.", _day(-((DOC_DATE.weekday() - number) % 7 or 7))),
            ("weekday", f"[On {name}], the company said sales fell.", past),
            ("weekday", f"Shares have fallen 10% [since {name}].", past),
            ("weekday", f"[Later {name}], the company said sales fell.", past),
            ("weekday", f"[Earlier {name}], the company said sales fell.", past),
        ]
    out += [
        ("day word", "The company said [today] that sales fell.", _day(0)),
        ("day word", "The company said [yesterday] that sales fell.", _day(-1)),
        ("day word", "[Yesterday]'s announcement surprised analysts.", _day(-1)),
        ("day word", "[Today]'s announcement surprised analysts.", _day(0)),
        ("day word", "The talks resume [tomorrow].", _day(1)),
        ("day word", "Shares fell sharply [late yesterday].", _day(-1)),
        ("day word", "Shares fell sharply [earlier today].", _day(0)),
        ("day word", "Shares fell sharply [yesterday afternoon].", _day(-1)),
        ("day word", "Shares had fallen [the day before].", _day(-1)),
        ("anaphora", "Shares closed at $5 yesterday, down from $6 [the day before].", _day(-2)),
        ("anaphora", f"Talks began {calendar.month_name[DOC_DATE.month]} 1 and ended [on the 2nd].", f"{DOC_DATE.year:04d}-{DOC_DATE.month:02d}-02"),
        ("anaphora", "Talks resume on Friday. [Until then], the strike goes on.", _next_weekday(4)),
        ("anaphora", f"The plant opened in {DOC_DATE.year - 8}. [Since then], it has grown.", _year(-8)),
        ("anaphora", f"The plant opened in March {DOC_DATE.year - 8}. [By then], it had grown.", f"{DOC_DATE.year - 8}-03"),
    ]
    for name, number in words.months.items():
        year = DOC_DATE.year if number < DOC_DATE.month else DOC_DATE.year - 1
        past = f"{year:04d}-{number:02d}"
        abbreviation = next((a for a, n in words.month_abbreviations.items() if n == number), None)
        abbreviated = f"{abbreviation}." if abbreviation else name
        if number == DOC_DATE.month:
            continue  # the document's own month, or a day of it, could be either side of the date
        out += [
            ("month", f"The plant closed [in {name}] after the strike.", past),
            ("month", f"The plant closed [in early {name}] after the strike.", past),
            ("month", f"The plant closed [last {name}] after the strike.", f"{DOC_DATE.year - 1 if number >= DOC_DATE.month else DOC_DATE.year:04d}-{number:02d}"),
            ("month", f"The plant closed [{name} of last year].", f"{DOC_DATE.year - 1:04d}-{number:02d}"),
            ("month", f"The plant closed [in {name} {DOC_DATE.year - 2}].", f"{DOC_DATE.year - 2:04d}-{number:02d}"),
            ("day", f"The plant closed [{name} 12, {DOC_DATE.year - 2}].", f"{DOC_DATE.year - 2:04d}-{number:02d}-12"),
            ("day", f"The plant closed [on {abbreviated} 12] after the strike.", f"{year:04d}-{number:02d}-12"),
            ("day", f"In the week ended [{abbreviated} 7], output rose.", f"{year:04d}-{number:02d}-07"),
        ]
        if number != 2:
            out.append(("day", f"Profit rose in the quarter ended [{name} 30].", f"{year:04d}-{number:02d}-30"))
    out += [
        ("month", "Sales fell [last month], the company said.", _month(-1)),
        ("month", "Sales fell [earlier this month], the company said.", _month(0)),
        ("month", "Sales fell [late last month], the company said.", _month(-1)),
        ("month", "Sales will rise [next month], the company said.", _month(1)),
        ("month", "Sales fell [a month ago], the company said.", _month(-1)),
        ("month", "Sales fell [three months ago], the company said.", _month(-3)),
        ("month", "[Last month]'s figures were revised.", _month(-1)),
        ("month", "Sales fell [this month], the company said.", _month(0)),
        ("year", "Sales fell [last year], the company said.", _year(-1)),
        ("year", "Sales fell [earlier this year], the company said.", _year(0)),
        ("year", "Sales fell [late last year], the company said.", _year(-1)),
        ("year", "Sales will rise [next year], the company said.", _year(1)),
        ("year", "Sales fell [a year ago], the company said.", _year(-1)),
        ("year", "Sales fell [two years ago], the company said.", _year(-2)),
        ("year", "[Last year]'s figures were revised.", _year(-1)),
        ("year", "[This year]'s figures were revised.", _year(0)),
        ("year", f"[{DOC_DATE.year - 1}]'s figures were revised.", _year(-1)),
        ("year", "Profit rose from the [year-earlier] quarter.", _year(-1)),
        ("year", "Profit rose from the [year-ago] period.", _year(-1)),
        ("year", f"Profit rose in [fiscal {DOC_DATE.year - 1}].", _year(-1)),
        ("year", f"Profit rose in the [{DOC_DATE.year - 1} fiscal year].", _year(-1)),
        ("year", f"Profit rose in [fiscal year {DOC_DATE.year - 1}].", _year(-1)),
        ("year", f"Profit rose in [calendar {DOC_DATE.year - 1}].", _year(-1)),
        ("year", "Profit will rise in [the current fiscal year].", _year(0)),
        ("year", "Profit will rise [by the end of the year].", _year(0)),
        ("year", "Profit will rise [by year end].", _year(0)),
        ("year", f"Profit rose [in mid-{DOC_DATE.year - 1}].", _year(-1)),
        ("year", f"Profit rose [at the end of {DOC_DATE.year - 1}].", _year(-1)),
        ("year", f"The company was founded [in {DOC_DATE.year - 20}].", _year(-20)),
        ("year", f"The company has grown [since {DOC_DATE.year - 20}].", _year(-20)),
        ("year", f"The company has grown [since the {DOC_DATE.year // 10 * 10 - 20}s].", str(DOC_DATE.year // 10 * 10 - 20)),
        ("year", "The company was founded [the previous year].", _year(-1)),
        ("year", "Sales fell [this year] and will fall next year.", _year(0)),
    ]
    return out


def main(argv: list[str]) -> int:
    return report(date_results(cases(), DOC_DATE), "--misses" in argv)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
