"""The five ways of extending the parsers, each as the docs' extending guide shows it.

1. teach a new phrasing by overriding one hook of the commitment extractor;
2. bring your own officials and organisations in a lexicon;
3. add a kind of event of your own, which reaches the result and its JSON;
4. change a policy (how dates are resolved, how mentions merge) by overriding one method;
5. compose a parser with one extractor replaced and one added, with no global registry.
"""

from __future__ import annotations

import datetime
import pickle
from collections.abc import Mapping, Sequence

import attrs

import diplomacy_events as de
from diplomacy_events import serialize
from diplomacy_events.assembly import Assembler, MeetingGroup
from diplomacy_events.base import EventExtractor, TriggerExtractor
from diplomacy_events.commitments import CommitmentExtractor
from diplomacy_events.lexicon import Official, PartyName, default_lexicon
from diplomacy_events.meetings import MeetingDraft
from diplomacy_events.mentions import Mentions
from diplomacy_events.model import Evidence, Party, PartyKind, Rank, TimeExpression
from diplomacy_events.testing import assert_evidence_consistent
from diplomacy_events.text import Sentence
from diplomacy_events.times import Direction, resolve

PUBLISHED = datetime.date(2024, 3, 14)


# 1. A new phrasing -----------------------------------------------------------------


class AssurancesExtractor(CommitmentExtractor):
    """Also takes "gave assurances that" and "signed off on" as commitments."""

    def phrases(self) -> Mapping[str, str]:
        return {**super().phrases(), "gave assurances that": "pledged", "signed off on": "agreed"}


def test_a_new_phrasing_gives_commitments_with_evidence() -> None:
    text = (
        "Qatar's foreign minister met Iranian Foreign Minister Hossein Amir-Abdollahian in Doha. "
        "Iran gave assurances that it would release the detained sailors. "
        "Qatar signed off on the humanitarian channel."
    )
    default = de.parse(text, published=PUBLISHED)
    taught = de.Parser(commitments=AssurancesExtractor()).parse(text, published=PUBLISHED)
    assert not any("assurances" in c.evidence.text for c in default.commitments)
    found = {c.evidence.text.split()[1]: c for c in taught.commitments}
    assert [p.code for p in found["gave"].parties] == ["IRN"]
    assert found["gave"].strength is de.Strength.PLEDGED
    assert [p.code for p in found["signed"].parties] == ["QAT"]
    assert_evidence_consistent(taught)


# 2. Your own people and organisations -----------------------------------------------


def test_own_officials_and_organisations_resolve() -> None:
    lexicon = default_lexicon().extend(
        parties=[Party(code="GMF", name="Gulf Maritime Forum", kind=PartyKind.ORGANISATION)],
        party_names=[
            PartyName(surface="Gulf Maritime Forum", code="GMF", form="name"),
            PartyName(surface="GMF", code="GMF", form="acronym"),
        ],
        titles={"Chief Negotiator": Rank.SENIOR_OFFICIAL},
        officials=[
            Official(
                name="Layla Haddad",
                party="QAT",
                rank=Rank.SENIOR_OFFICIAL,
                title="Chief Negotiator",
            ),
        ],
    )
    text = "The Chief Negotiator met officials of the GMF in Doha on Tuesday."
    result = de.Parser(lexicon=lexicon).parse(text, published=PUBLISHED)
    [meeting] = result.meetings
    assert sorted(p.code for p in meeting.parties) == ["GMF", "QAT"]
    assert meeting.heads["QAT"].name == "Layla Haddad"
    # The library's own lists are untouched: the default parser knows neither.
    assert de.parse(text, published=PUBLISHED).meetings == ()
    assert "GMF" not in default_lexicon().parties


# 3. A kind of event of your own -----------------------------------------------------


@attrs.frozen(kw_only=True)
class Sanction:
    """One party's sanctions on another."""

    imposer: tuple[Party, ...]
    target: tuple[Party, ...]
    evidence: Evidence


class SanctionExtractor(TriggerExtractor[Sanction]):
    """Finds "imposed sanctions on" and "sanctioned", reusing the library's steps."""

    def phrases(self) -> Mapping[str, str]:
        return {"imposed sanctions on": "sanction", "imposed new sanctions on": "sanction"}

    def build(
        self, mentions: Mentions, sentence: Sentence, start: int, end: int, label: str
    ) -> Sanction | None:
        imposer = self.subject_parties(mentions, sentence, start)
        target = self.object_parties(mentions, sentence, end)
        if not imposer or not target:
            return None
        return Sanction(
            imposer=imposer,
            target=target,
            evidence=mentions.doc.evidence(start, sentence.end, "sanction.trigger"),
        )


def test_a_new_kind_of_event_reaches_the_result_and_its_json() -> None:
    extractor = SanctionExtractor()
    assert isinstance(extractor, EventExtractor)
    parser = de.Parser(extras=[extractor])
    text = "The United States imposed new sanctions on Iran over its drone exports."
    result = parser.parse(text, published=PUBLISHED)
    [sanction] = result.extras
    assert isinstance(sanction, Sanction)
    assert [p.code for p in sanction.imposer] == ["USA"]
    assert [p.code for p in sanction.target] == ["IRN"]
    assert text[sanction.evidence.start : sanction.evidence.end] == sanction.evidence.text
    encoded = serialize.dumps(result)
    assert '"kind": "Sanction"' in encoded
    assert serialize.loads(encoded, de.Result, kinds=[Sanction]) == result
    # Without the class the extra stays readable data.
    [raw] = serialize.loads(encoded, de.Result).extras
    assert isinstance(raw, dict)
    assert raw["kind"] == "Sanction"


# 4. A policy of your own ------------------------------------------------------------


class NoGuessing(Assembler):
    """Leaves a date without a year unresolved instead of choosing the nearest year."""

    def resolve_time(
        self, draft: MeetingDraft, published: datetime.date | None
    ) -> tuple[de.Status, TimeExpression | None]:
        if draft.time is not None and draft.time.year is None and draft.time.month is not None:
            return draft.status, resolve(draft.time, None, Direction.UNKNOWN)
        return super().resolve_time(draft, published)


class NeverMerge(Assembler):
    """Keeps every mention of a meeting as a meeting of its own."""

    def merge_target(
        self,
        groups: Sequence[MeetingGroup],
        draft: MeetingDraft,
        status: de.Status,
        date: TimeExpression | None,
    ) -> MeetingGroup | None:
        return None


def test_a_date_policy_is_one_method() -> None:
    text = "Russia and China held talks in Moscow on February 27."
    default = de.parse(text, published=PUBLISHED)
    assert default.meetings[0].date is not None
    assert default.meetings[0].date.iso == "2024-02-27"
    strict = de.Parser(assembler=NoGuessing()).parse(text, published=PUBLISHED)
    assert strict.meetings[0].date is not None
    assert strict.meetings[0].date.iso is None


def test_a_merge_policy_is_one_method() -> None:
    text = (
        "Russia and China held talks in Moscow on Tuesday.\n"
        "The talks between Russia and China lasted three hours on Tuesday."
    )
    assert len(de.parse(text, published=PUBLISHED).meetings) == 1
    assert len(de.Parser(assembler=NeverMerge()).parse(text, published=PUBLISHED).meetings) == 2


# 5. Composition, with no global state ----------------------------------------------


def test_parsers_compose_and_do_not_share_state() -> None:
    custom = de.Parser(commitments=AssurancesExtractor(), extras=[SanctionExtractor()])
    plain = de.Parser()
    text = (
        "Iran gave assurances that it would cooperate. The United States imposed sanctions on Iran."
    )
    assert custom.parse(text, published=PUBLISHED).extras
    assert not plain.parse(text, published=PUBLISHED).extras
    assert not any("assurances" in c.evidence.text for c in plain.parse(text).commitments)
    # A composed parser travels to worker processes like the default one.
    copy = pickle.loads(pickle.dumps(custom))
    assert copy.parse(text, published=PUBLISHED) == custom.parse(text, published=PUBLISHED)
