"""diplomacy_events: typed, evidence-backed records of diplomatic meetings from news prose.

>>> import datetime
>>> import diplomacy_events as de
>>> result = de.parse("Vladimir Putin had a telephone conversation with President of "
...                   "France Emmanuel Macron.", published=datetime.date(2022, 2, 21))
>>> meeting = result.meetings[0]
>>> [p.code for p in meeting.parties], meeting.mode.value, meeting.date.iso
(['FRA', 'RUS'], 'remote', '2022-02-21')
"""

from __future__ import annotations

from diplomacy_events.batch import ArticleInput, BadInput, Failure, parse_many, read_articles
from diplomacy_events.exceptions import (
    ArgumentTypeError,
    DiplomacyEventsError,
    DocumentError,
    GoldFormatError,
    InputError,
    ParseTimeout,
)
from diplomacy_events.model import (
    Article,
    Commitment,
    Concern,
    Delegation,
    Determination,
    Duration,
    DurationUnit,
    Evidence,
    FollowUp,
    Granularity,
    Meeting,
    Mode,
    Party,
    PartyKind,
    PartyMention,
    Person,
    Place,
    Qualifier,
    Rank,
    Request,
    Result,
    Source,
    Status,
    Strength,
    TimeExpression,
)
from diplomacy_events.parser import Parser, parse
from diplomacy_events.tables import to_dataframes


def __getattr__(name: str) -> str:
    """``__version__``, read from the installed package's metadata when first asked for.

    Reading metadata costs a tenth of the import's time, so it is not done
    on ``import diplomacy_events``.
    """
    if name != "__version__":
        raise AttributeError(f"module 'diplomacy_events' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("diplomacy-events")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "0.0.0"


__all__ = [
    "ArgumentTypeError",
    "Article",
    "ArticleInput",
    "BadInput",
    "Commitment",
    "Concern",
    "Delegation",
    "Determination",
    "DiplomacyEventsError",
    "DocumentError",
    "Duration",
    "DurationUnit",
    "Evidence",
    "Failure",
    "FollowUp",
    "GoldFormatError",
    "Granularity",
    "InputError",
    "Meeting",
    "Mode",
    "ParseTimeout",
    "Parser",
    "Party",
    "PartyKind",
    "PartyMention",
    "Person",
    "Place",
    "Qualifier",
    "Rank",
    "Request",
    "Result",
    "Source",
    "Status",
    "Strength",
    "TimeExpression",
    "__version__",
    "parse",
    "parse_many",
    "read_articles",
    "to_dataframes",
]
