"""Assembly: from the drafts of one document to its :class:`~diplomacy_events.model.Result`.

The extractors read one sentence at a time; assembly reads the whole
document.  Its steps, each a method of :class:`Assembler` that a subclass
may replace:

1. :meth:`~Assembler.resolve_time`: resolve each draft's date against the
   publication date, in the direction its tense implies, and let a date
   before or after publication settle the status;
2. :meth:`~Assembler.same_meeting`: merge the drafts that report one
   real-world meeting (a teaser and the body);
3. :meth:`~Assembler.news_date`: give the meeting that is the document's
   news the publication date when the text gives none (before later
   mentions are merged into it);
4. attach delegation heads, durations and formats stated in sentences of
   their own ("The Russian delegation was led by ...");
5. resolve "both sides", "we" and the like to the parties of the meeting
   at hand, and link commitments and follow-ups to their meeting.
"""

from __future__ import annotations

import bisect
import datetime
import heapq
import itertools
from collections.abc import Sequence

import attrs
import regex

from diplomacy_events import _members
from diplomacy_events.commitments import CommitmentDraft, StatementDraft
from diplomacy_events.followups import FollowUpDraft
from diplomacy_events.meetings import MeetingDraft
from diplomacy_events.mentions import Mentions
from diplomacy_events.model import (
    Article,
    Commitment,
    Concern,
    Delegation,
    Duration,
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
    Rank,
    Request,
    Result,
    Status,
    TimeExpression,
)
from diplomacy_events.text import Document, Sentence
from diplomacy_events.times import Direction, TimeMention, resolve

__all__ = ["Assembler", "Drafts", "MeetingGroup"]

# "The Russian delegation was led by X", "the US side was headed by X".
_LED_BY = regex.compile(
    r"""
    \b(?:[Dd]elegation|side|team)s?
    (?:[ ]\p{L}+){0,3}?             # "was", "of Russia"
    ,?[ ](?:was[ ]|were[ ]|is[ ])?  # "the Policy Consultation Delegation, led by"
    (?:led|headed|chaired)[ ]by[ ]
    | \b(?:was|were|is)[ ]represented[ ]by[ ]  # "Hamas was represented by its Gaza chief X"
    """,
    regex.VERBOSE,
)

# "X led the U.S. delegation", "X will head the Russian delegation".
_LEADS = regex.compile(r"\b(?:led|leads|lead|headed|heads|head)[ ]the[ ]")

# A pronoun subject right before "lead": "she will lead the U.S. delegation".
_PRONOUN_BEFORE_LEAD = regex.compile(r"\b(?:[Hh]e|[Ss]he)[ ](?:will[ ](?:also[ ])?)?$")

# A person who is the object of an earlier verb, coordinated with "led": "met with X and led".
_OBJECT_BEFORE_LEAD = regex.compile(r"\b(?:with|and)[ ][^,;]{0,50}[ ]and[ ](?:will[ ])?$")

# A sentence that speaks of the meeting without naming its parties.
_ANAPHOR = regex.compile(
    r"\b(?:the|these|their)[ ](?:talks|discussions|meeting|consultations|conversation|negotiations|session)\b",
    regex.IGNORECASE,
)

# A headline that announces a joint statement, whose "we" is every signatory.
# A sentence whose subject is the sides of the meeting reported: "They discussed ...".
_COLLECTIVE_OPENING = regex.compile(
    r"(?:They|We|Both[ ]sides|The[ ](?:two[ ])?(?:sides|leaders|ministers|presidents|delegations))"
    r"\b(?![ ]of\b)"  # not "The presidents of Russia and Azerbaijan"
)

# How many meetings back the sides "their" stands for are looked for.
_POSSESSOR_REACH = 20

# "their" right before a meeting's trigger: "their June 8 trilateral meeting".
_THEIR_BEFORE = regex.compile(r"\btheir[ ](?:[\p{L}\d\-.]++[ ]){0,3}$")

_JOINT = regex.compile(r"\b[Jj]oint[ ](?:[Ss]tatement|[Dd]eclaration|[Cc]ommuniqu)")

# A verb that makes a headline a sentence reporting a meeting, not a title:
# "Putin and Xi held talks", "ASEAN leaders meet junta chief" (not "Meeting with ...").
_HEADLINE_VERB = regex.compile(
    r"""
    \b(?:met|meet|meets|held|hold|holds|had|has|have|spoke|speak|speaks|talked
    | visit(?:s|ed)? | host(?:s|ed)? | receive[sd]? | will | to[ ]meet | end(?:s|ed)? | begin | began | open(?:s|ed)?)\b
    """,
    regex.VERBOSE,
)

# How a meeting was held.
_FORMATS = (
    (
        regex.compile(r"\b(?:behind[ ]closed[ ]doors|closed[- ]door)\b", regex.IGNORECASE),
        "closed-door",
    ),
    (regex.compile(r"\btrilateral\b", regex.IGNORECASE), "trilateral"),
    (regex.compile(r"\bbilateral\b", regex.IGNORECASE), "bilateral"),
    (
        regex.compile(r"\b(?:one[- ]on[- ]one|tête-à-tête|face[- ]to[- ]face)\b", regex.IGNORECASE),
        "one-on-one",
    ),
    (regex.compile(r"\bindirect\b", regex.IGNORECASE), "indirect"),
)


@attrs.frozen(kw_only=True)
class Drafts:
    """What the extractors found in one document, handed to assembly."""

    meetings: tuple[MeetingDraft, ...] = ()
    commitments: tuple[StatementDraft, ...] = ()
    followups: tuple[FollowUpDraft, ...] = ()
    requests: tuple[StatementDraft, ...] = ()
    concerns: tuple[StatementDraft, ...] = ()


@attrs.define
class MeetingGroup:
    """The drafts of one meeting while assembly merges them (mutable, inside assembly only).

    ``drafts`` are its mentions in the order they were merged; ``parties``,
    ``status``, ``date``, ``heads``, ``duration``, ``formats`` and ``place``
    are what the meeting becomes.
    """

    drafts: list[MeetingDraft]
    parties: list[Party]
    status: Status
    date: TimeExpression | None
    heads: dict[str, Person] = attrs.field(factory=dict)
    duration: Duration | None = None
    formats: list[str] = attrs.field(factory=list)
    place: Place | None = None
    sentences: set[int] = attrs.field(factory=set)
    """The sentences its drafts stand in."""
    named: dict[str, str] = attrs.field(factory=dict)
    """The name of the first person named for each party, by party code."""
    last_at: int = -1
    """Where its last-mentioned draft's trigger starts (view offset)."""
    last_sentence: int = -1
    """The last sentence its drafts stand in."""
    latest: dict[str, Person] = attrs.field(factory=dict)
    """The person its drafts name last for each party, by party code."""
    host: Party | None = None
    """The party the text says hosted or chaired it."""

    def __attrs_post_init__(self) -> None:
        """Index the first drafts."""
        for draft in self.drafts:
            self.index(draft)

    def index(self, draft: MeetingDraft) -> None:
        """Note a draft's sentence and people, so that merging stays linear in the drafts."""
        self.sentences.add(draft.sentence.index)
        self.last_at = max(self.last_at, draft.trigger_start)
        self.last_sentence = max(self.last_sentence, draft.sentence.index)
        for person in draft.people:
            if person.party is not None:
                self.named.setdefault(person.party.code, person.name)
        for person in reversed(draft.people):
            if person.party is not None:
                self.latest[person.party.code] = person

    @property
    def first(self) -> MeetingDraft:
        """The draft the meeting was found by."""
        return self.drafts[0]


class Assembler:
    """Builds the result of one document from its mentions and drafts."""

    def assemble(self, mentions: Mentions, drafts: Drafts, article: Article) -> Result:
        """The result of one document."""
        published = article.published
        groups: list[MeetingGroup] = []
        body = [d for d in drafts.meetings if not d.sentence.headline]
        for draft in body:
            if draft.host is None:
                self._add(mentions, groups, draft, published)
        for draft in drafts.meetings:
            if draft.sentence.headline:
                self._add_headline(mentions, groups, draft, published)
        for draft in body:
            if draft.host is not None:
                self._add_host(groups, draft, published)
        by_trigger = tuple(sorted(drafts.followups, key=_trigger_start))
        groups = [g for g in groups if not self.is_followup(g, by_trigger)]
        member_heads = self._attach_members(mentions, groups, drafts.meetings)
        self._attach_heads(mentions, groups)
        for group, person in member_heads:  # after the heads named with the meeting itself
            if person.party is not None and person.party in group.parties:
                group.heads.setdefault(person.party.code, person)
        self._attach_details(mentions, groups)
        self.dateline_places(mentions, groups, published)
        meetings = tuple(self.build_meeting(mentions, g) for g in groups)
        anchors = [(g.first.sentence.start, i) for i, g in enumerate(groups)]
        headline_parties = self.headline_parties(mentions)
        home = self.home_party(mentions)
        commitments = tuple(
            c
            for c in (
                self.build_commitment(mentions, d, meetings, anchors, headline_parties, home)
                for d in drafts.commitments
                if not self.is_contact(mentions, d, by_trigger)
            )
            if c is not None
        )
        followups = tuple(
            f
            for f in (
                self.build_followup(mentions, d, meetings, anchors, headline_parties, published)
                for d in drafts.followups
            )
            if f is not None
        )
        requests = tuple(
            Request(
                parties=r.parties,
                meeting=self.meeting_of(r.sentence, anchors),
                evidence=mentions.doc.evidence(r.start, r.end, "request.trigger"),
            )
            for r in drafts.requests
            if r.parties
        )
        concerns = tuple(
            Concern(
                parties=c.parties or self._collective(c, meetings, anchors, headline_parties),
                meeting=self.meeting_of(c.sentence, anchors),
                evidence=mentions.doc.evidence(c.start, c.end, "concern.trigger"),
            )
            for c in drafts.concerns
            if c.parties or self._collective(c, meetings, anchors, headline_parties)
        )
        return Result(
            article=article,
            meetings=meetings,
            commitments=_dedupe(commitments),
            followups=_dedupe(followups),
            requests=requests,
            concerns=concerns,
            people=mentions.people,
        )

    # -- meetings ------------------------------------------------------

    def _add(
        self,
        mentions: Mentions,
        groups: list[MeetingGroup],
        draft: MeetingDraft,
        published: datetime.date | None,
    ) -> None:
        """Add a body draft to the meeting it reports, or start a new meeting."""
        status, date = self.resolve_time(draft, published)
        if date is None and status is Status.PLANNED and self.leg_begun(mentions, draft, published):
            status = Status.HELD
        target = self.merge_target(groups, draft, status, date)
        if target is not None:
            self._merge(target, draft, status, date, add_parties=not draft.anaphoric)
            return
        if draft.anaphoric:
            antecedent = self.antecedent(groups, draft)
            if antecedent is not None:
                # "their talks in Bali last November": the same parties, another meeting;
                # the draft's own people head it first, then the antecedent's.
                heads = dict(antecedent.latest)
                heads.update(
                    (p.party.code, p) for p in reversed(draft.people) if p.party is not None
                )
                groups.append(
                    MeetingGroup(
                        drafts=[draft],
                        parties=list(antecedent.parties),
                        status=status,
                        date=date,
                        heads=heads,
                    )
                )
                return
            owners = self._possessors(mentions, groups, draft)
            if owners:
                # "They discussed ... their June 8 trilateral meeting with Japanese Vice Foreign
                # Minister Mori": the sides of the meeting reported, and those it names.
                parties = [*owners, *(p for p in draft.parties if p not in owners)]
                groups.append(
                    MeetingGroup(drafts=[draft], parties=parties, status=status, date=date)
                )
                return
            if len(draft.parties) < 2 or (draft.definite and not draft.people and not draft.named):
                return  # "The visits will highlight ...": refers to nothing reported as a meeting
        group = MeetingGroup(drafts=[draft], parties=list(draft.parties), status=status, date=date)
        previous = groups[-1] if groups else None
        if (
            date is None
            and previous is not None
            and _ALSO.search(
                mentions.doc.view,
                max(draft.start, draft.trigger_start - 40),
                draft.trigger_start,
            )
            and set(draft.parties) & set(previous.parties)
        ):
            # "Putin is also expected to have bilateral meetings with ...": the same visit.
            group.date, group.status = previous.date, previous.status
            group.place = previous.place or next(
                (d.place for d in previous.drafts if d.place), None
            )
        if not groups or groups[0].first.sentence.index == draft.sentence.index:
            # The first sentence that reports a meeting is the news, however many it reports.
            self.news_date(mentions, group, published)
        if group.date is None and draft.status is Status.HELD and published is not None:
            group.date = self.continued_day(mentions, draft, published)
        groups.append(group)

    def _add_host(
        self, groups: list[MeetingGroup], draft: MeetingDraft, published: datetime.date | None
    ) -> None:
        """Add the host or chair of a meeting named before as one of its parties.

        ``"Saudi Foreign Minister Prince Faisal bin Farhan, whose government
        hosted the meeting"``: a host state the text names takes part, and the
        person named heads its side.
        """
        target = self.host_of(groups, draft)
        if target is not None and draft.host is not None:
            status, date = self.resolve_time(draft, published)
            self._merge(target, draft, status, date, add_parties=False)
            if draft.host not in target.parties:
                target.parties.append(draft.host)
            if target.host is None:
                target.host = draft.host

    def host_of(self, groups: Sequence[MeetingGroup], draft: MeetingDraft) -> MeetingGroup | None:
        """The meeting a host or chair is named for: the last one mentioned before it.

        Called after every other mention is merged, so that a host named in the
        body joins a meeting whose first report comes later or in the headline.
        """
        return self.antecedent(groups, attrs.evolve(draft, parties=()))

    def _add_headline(
        self,
        mentions: Mentions,
        groups: list[MeetingGroup],
        draft: MeetingDraft,
        published: datetime.date | None,
    ) -> None:
        """Add a headline draft: evidence for a body meeting it names.

        It is a meeting of its own only when the headline is a sentence that
        reports one ("Putin and Xi held talks") and no body meeting matches.
        """
        status, date = self.resolve_time(draft, published)
        view = mentions.doc.view
        mine = set(draft.parties)
        for group in groups:
            theirs = set(group.parties)
            call = (
                group.first.trigger.mode == "remote" and draft.mode is Mode.IN_PERSON
            )  # talks are no call
            other_time = group.status is not status  # "U.S. and Russia hold talks": not a plan
            if mine and len(mine & theirs) * 2 >= len(mine | theirs) and not (call or other_time):
                self._merge(group, draft, status, date, add_parties=False)
                return
        if len(draft.parties) >= 2 and _HEADLINE_VERB.search(
            view, draft.sentence.start, draft.trigger_end
        ):
            group = MeetingGroup(
                drafts=[draft], parties=list(draft.parties), status=status, date=date
            )
            if date is None and status is Status.HELD and published is not None:
                # The headline reports the news: dated by the first sentence of the body, or the day.
                body = next((s for s in mentions.doc.sentences if not s.headline), None)
                group.date = (
                    self.sentence_day(mentions, body, published) if body else None
                ) or _day(mentions, draft, published)
            groups.insert(0, group)

    def is_contact(
        self, mentions: Mentions, draft: StatementDraft, followups: Sequence[FollowUpDraft]
    ) -> bool:
        """Whether an undertaking is a further meeting or contact: a follow-up, not a commitment.

        ``"agreed that the parties will maintain the necessary contacts"``,
        ``"agreed on further contacts"``: a follow-up trigger stands after the
        commitment's trigger in the same clause.  ``followups`` are sorted by
        where their triggers start.
        """
        view = mentions.doc.view
        stop = _CLAUSE_END.search(
            view, draft.trigger_end, min(len(view), draft.trigger_end + _CONTACT_REACH)
        )
        end = max(
            draft.end, stop.start() if stop is not None else draft.trigger_end + _CONTACT_REACH
        )
        first = bisect.bisect_left(followups, draft.trigger_start, key=_trigger_start)
        return first < len(followups) and followups[first].trigger_start < end

    def is_followup(self, group: MeetingGroup, followups: Sequence[FollowUpDraft]) -> bool:
        """Whether a meeting is only a follow-up under discussion, not a meeting.

        A further meeting the parties discussed or agreed ("discussed holding a
        follow-up meeting") is a follow-up; it is a planned meeting too only
        when its day and place are fixed.  ``followups`` are sorted by where
        their triggers start.
        """
        inside = all(_inside_followup(d.trigger_start, followups) for d in group.drafts)
        if not inside:
            return False
        fixed = group.date is not None and group.date.granularity is Granularity.DAY
        placed = any(d.place is not None for d in group.drafts)
        return not (group.status is Status.PLANNED and fixed and placed)

    def merge_target(
        self,
        groups: Sequence[MeetingGroup],
        draft: MeetingDraft,
        status: Status,
        date: TimeExpression | None,
    ) -> MeetingGroup | None:
        """The meeting already found that a draft mentions again, or ``None`` for a new one.

        The one policy of merging: a draft that refers back ("the talks",
        "their meeting") joins its :meth:`antecedent` unless its date differs;
        any other joins the first meeting that :meth:`same_meeting` accepts.
        Override it to merge differently (or never).
        """
        if draft.anaphoric:
            antecedent = self.antecedent(groups, draft)
            if antecedent is None:
                return None
            differs = (
                date is not None and antecedent.date is not None and date.iso != antecedent.date.iso
            )
            return None if differs else antecedent
        return next((g for g in groups if self.same_meeting(g, draft, status, date)), None)

    def _possessors(
        self, mentions: Mentions, groups: Sequence[MeetingGroup], draft: MeetingDraft
    ) -> list[Party]:
        """The sides "their" stands for, for a meeting no earlier meeting contains.

        The parties of the last meeting reported (of the last that shares a
        party with the draft, if one does), when "their" stands right before
        its trigger and the sentence opens with "They" or the like; else none
        ("The presidents of Russia and Azerbaijan ... at their meeting in
        Sochi" names its own sides).
        """
        view = mentions.doc.view
        if not _THEIR_BEFORE.search(
            view, max(0, draft.trigger_start - 40), draft.trigger_start
        ) or not _COLLECTIVE_OPENING.match(view, draft.sentence.start):
            return []
        mine = set(draft.parties)
        last: MeetingGroup | None = None  # "They": the last meeting reported, unless one nearby
        for group in itertools.islice(reversed(groups), _POSSESSOR_REACH):  # shares a party
            if len(group.parties) < 2:
                continue
            if mine & set(group.parties):
                return list(group.parties)
            last = last or group
        return list(last.parties) if last is not None else []

    def antecedent(
        self, groups: Sequence[MeetingGroup], draft: MeetingDraft
    ) -> MeetingGroup | None:
        """The meeting "the talks" or "their meeting" refers to.

        The last one mentioned before the draft whose parties include the draft's,
        or one of its kind that either shares an organisation with the draft ("the
        Russia-ASEAN summit ... Taking part in the summit were the Sultan of Brunei,
        ...") or, in the draft's own sentence, has parties the draft's include
        ("thanked Laos for its participation at the U.S.-ASEAN Special Summit and
        noted the summit demonstrated ...").
        """
        best: MeetingGroup | None = None
        best_at = -1
        mine = set(draft.parties)
        for group in reversed(groups):  # the newest first: the older rarely need the set test
            if group.last_at < best_at:
                continue
            theirs = set(group.parties)
            same_kind = draft.trigger.kind == group.first.trigger.kind  # "the summit": a summit
            if not mine <= theirs and not (
                same_kind
                and (
                    (draft.sentence.index in group.sentences and theirs <= mine)
                    # "Taking part in the summit were ...": the members of the Russia-ASEAN
                    # summit named just before
                    or (
                        draft.sentence.index - group.last_sentence <= _MEMBER_SENTENCES
                        and any(p.kind is PartyKind.ORGANISATION for p in mine & theirs)
                    )
                )
            ):
                continue
            at = (
                group.last_at  # drafts are merged in text order: the usual case, in constant time
                if group.last_at <= draft.trigger_start
                else max(
                    (
                        d.trigger_start
                        for d in group.drafts
                        if d.trigger_start <= draft.trigger_start
                    ),
                    default=-1,
                )
            )
            if at >= max(best_at, 0):  # on a tie, the meeting found first
                best, best_at = group, at
        return best

    def _merge(
        self,
        group: MeetingGroup,
        draft: MeetingDraft,
        status: Status,
        date: TimeExpression | None,
        *,
        add_parties: bool,
    ) -> None:
        """Add a draft's evidence, and what it adds, to a meeting."""
        group.drafts.append(draft)
        group.index(draft)
        if add_parties:
            for party in draft.parties:
                if party not in group.parties:
                    group.parties.append(party)
        if group.date is None and date is not None:
            group.date = date
            group.status = status
        elif status is Status.PLANNED and draft.status_explicit and group.date is None:
            group.status = status

    def resolve_time(
        self, draft: MeetingDraft, published: datetime.date | None
    ) -> tuple[Status, TimeExpression | None]:
        """The draft's date resolved in the direction of its tense, and the status it implies.

        A date before publication makes the meeting held, one after makes it
        planned; on the publication day the tense decides.
        """
        if draft.time is None:
            return draft.status, None
        direction = Direction.FUTURE if draft.status is Status.PLANNED else Direction.PAST
        date = resolve(draft.time, published, direction)
        if draft.time.year is None and draft.time.day is not None and published is not None:
            # An announcement updated after the event: "will co-open the Dialogue on March 7",
            # published March 10, means the March 7 just past, not one a year away.
            other = resolve(
                draft.time,
                published,
                Direction.PAST if direction is Direction.FUTURE else Direction.FUTURE,
            )
            if _distance(date, published) > _FAR and _distance(other, published) <= _NEAR:
                date = other
        status = draft.status
        if published is not None and date.earliest is not None and date.latest is not None:
            if date.latest < published:
                status = Status.HELD
            elif date.earliest > published:
                status = Status.PLANNED
        return status, date

    def leg_begun(
        self, mentions: Mentions, draft: MeetingDraft, published: datetime.date | None
    ) -> bool:
        """Whether the leg of a trip an undated meeting belongs to began before publication.

        ``"will travel to Rabat from March 8 to 9, where she will lead the
        U.S. delegation to the Strategic Dialogue"``, published on March 10:
        an itinerary updated during the trip, whose meetings the gold rules
        count as held.  The leg's dates stand before the trigger, in its
        sentence but not its clause.
        """
        if published is None:
            return False
        sentence = draft.sentence
        spans = Mentions.within(mentions.times, sentence.start, draft.trigger_start)
        for span in spans[-1:]:
            mention = span.value
            assert isinstance(mention, TimeMention)
            if mention.day is None:
                continue
            _, date = self.resolve_time(attrs.evolve(draft, time=mention), published)
            if date is not None and date.earliest is not None and date.earliest < published:
                return True
        return False

    def same_meeting(
        self, group: MeetingGroup, draft: MeetingDraft, status: Status, date: TimeExpression | None
    ) -> bool:
        """Whether a draft reports the meeting of ``group``.

        The same parties and the same date, or no date on one side when the
        undated one is not background; a meeting of other parties on the
        margins of a summit is a meeting of its own.
        """
        if set(draft.parties) != set(group.parties):
            return False
        same_sentence = draft.sentence.index in group.sentences
        if draft.mode is not group.first.mode and (
            not same_sentence or draft.sequenced or group.first.sequenced
        ):
            return False  # a call is not the visit it prepared, nor one "following talks"
        named = group.named
        if not same_sentence and any(
            p.party is not None and named.get(p.party.code, p.name) != p.name for p in draft.people
        ):
            return False  # "She will meet President Tebboune ... she will meet Foreign Minister Lamamra"
        if date is not None and group.date is not None:
            return date.iso == group.date.iso and date.iso is not None
        if date is None and group.date is None:
            return (
                set(draft.parties) == set(group.parties)
                and draft.background == group.first.background
            )
        if draft.sentence.index == group.first.sentence.index:
            return True
        undated = draft if date is None else group.first
        return not undated.background

    def news_date(
        self, mentions: Mentions, group: MeetingGroup, published: datetime.date | None
    ) -> None:
        """Date the document's news meeting, if undated, with the publication day.

        Called for the first meeting of the body when it is found, before
        later mentions are merged, so that a later "their meeting in
        December" is not taken for it.  The news is held, reported in the
        first sentences, and not presented as background.
        """
        first = group.first
        if published is None or group.date is not None or first.background:
            return
        if first.sentence.index > 3 or group.status is Status.PLANNED:
            return
        # "Following talks held on February 22, they spoke by telephone": that day is the talks'.
        own = None if first.sequenced else self.sentence_day(mentions, first.sentence, published)
        if own is not None:
            group.date = own
            return
        group.date = _day(mentions, first, published)

    def sentence_day(
        self, mentions: Mentions, sentence: Sentence, published: datetime.date
    ) -> TimeExpression | None:
        """The one day the news sentence gives, if it gives one, resolved to the past.

        "Biden and Xi agreed on Wednesday ... in their first face-to-face meeting".
        """
        days = []
        view = mentions.doc.view
        dash = view.find(" \u2014 ", sentence.start, min(sentence.end, sentence.start + 60))
        start = dash + 3 if dash >= 0 else sentence.start  # past a dateline's own date
        for span in Mentions.within(mentions.times, start, sentence.end):
            assert isinstance(span.value, TimeMention)
            resolved = resolve(span.value, published, Direction.PAST)
            if (
                resolved.granularity is Granularity.DAY
                and resolved.earliest is not None
                and 0 <= (published - resolved.earliest).days <= _NEWS_DAYS
            ):
                days.append(resolved)
        return days[0] if len(days) == 1 else None

    def continued_day(
        self, mentions: Mentions, draft: MeetingDraft, published: datetime.date
    ) -> TimeExpression | None:
        """The day of the sentence before, for a sentence that goes on from it.

        "Putin held a string of bilateral meetings on Tuesday. He received
        Modi ...": the meetings of a sentence that opens with "He" or "She"
        were held on the day the sentence before gives.
        """
        doc = mentions.doc
        index = draft.sentence.index
        if index == 0 or not _PRONOUN_OPENING.match(doc.view, draft.sentence.start):
            return None
        return self.sentence_day(mentions, doc.sentences[index - 1], published)

    def dateline_places(
        self, mentions: Mentions, groups: Sequence[MeetingGroup], published: datetime.date | None
    ) -> None:
        """Place the news of a dispatch where its dateline says it was filed.

        An in-person meeting with no place of its own, held in the days just
        before a dispatch from that city, was held there.
        """
        place = mentions.dateline
        if place is None or published is None:
            return
        for group in groups:
            if group.place is not None or any(
                d.place is not None or d.country is not None for d in group.drafts
            ):
                continue
            if (
                any(d.mode is Mode.REMOTE for d in group.drafts)
                or group.date is None
                or group.date.earliest is None
            ):
                continue
            if 0 <= (published - group.date.earliest).days <= _DATELINE_DAYS:
                group.place = place

    def build_meeting(self, mentions: Mentions, group: MeetingGroup) -> Meeting:
        """The :class:`Meeting` of a group of drafts."""
        doc = mentions.doc
        primary = next((d for d in group.drafts if not d.sentence.headline), group.first)
        ordered = [primary, *(d for d in group.drafts if d is not primary)]
        evidence = tuple(doc.evidence(*_trim(doc, d), "meeting.trigger") for d in ordered)
        place = group.place or next((d.place for d in group.drafts if d.place is not None), None)
        if place is None:
            country = next((d.country for d in group.drafts if d.country is not None), None)
            if country is not None:
                first = group.first
                place = Place(
                    city=None,
                    country=country,
                    evidence=doc.evidence(
                        first.trigger_start, first.trigger_end, "meeting.country"
                    ),
                )
        parties = tuple(sorted(group.parties))
        delegations = tuple(Delegation(party=p, head=group.heads.get(p.code)) for p in parties)
        mode = Mode.REMOTE if any(d.mode is Mode.REMOTE for d in group.drafts) else Mode.IN_PERSON
        return Meeting(
            status=group.status,
            mode=mode,
            parties=parties,
            delegations=delegations,
            host=group.host,
            date=group.date,
            location=place if mode is Mode.IN_PERSON else None,
            duration=group.duration,
            format=tuple(group.formats),
            kind=group.first.trigger.kind,
            evidence=evidence,
        )

    def _attach_heads(self, mentions: Mentions, groups: Sequence[MeetingGroup]) -> None:
        """Heads: the first person of each party named with the meeting, else a "led by" sentence."""
        for group in groups:
            for draft in group.drafts:
                for person in draft.people:
                    if person.party is not None and person.party.code not in group.heads:
                        group.heads[person.party.code] = person
        for sentence in mentions.doc.sentences:
            for party, person in self.delegation_heads(mentions, sentence):
                target = self._group_before(groups, sentence, party)
                if target is not None and party in target.parties:
                    target.heads[party.code] = person
        self._heads_nearby(mentions, groups)

    def members(self, mentions: Mentions, sentence: Sentence) -> list[tuple[Party, Person | None]]:
        """The sides a sentence lists as taking part in a gathering, with the person for each.

        ``"The leaders of Brazil, Russia, India, China and South Africa will
        discuss ..."``, ``"the leaders attending included South African
        President Cyril Ramaphosa, ..."``, ``"Thailand, the Philippines and Laos
        were represented by their foreign ministers"``, ``"Lula joined by video
        link"``.  A sentence is about a gathering (a meeting of an
        organisation or of three or more parties) when it lies between the
        gathering's first mention and two sentences after its last; of several,
        the one mentioned nearest before it.
        """
        return _members.members(mentions, sentence)

    def _attach_members(
        self,
        mentions: Mentions,
        groups: Sequence[MeetingGroup],
        drafts: Sequence[MeetingDraft],
    ) -> list[tuple[MeetingGroup, Person]]:
        """Add the members that sentences about a gathering list; return the heads they name.

        The heads (a person listed, or a leader of a member who speaks of the
        gathering) are for the sides that no mention of the meeting itself
        gives a head: the caller adds them last.
        """
        heads: list[tuple[MeetingGroup, Person]] = []
        if not any(_is_gathering(g) for g in groups):
            return heads
        about = [set(g.sentences) for g in groups]
        merged = {id(d) for g in groups for d in g.drafts}
        for draft in drafts:
            # "The Kazan summit is the first since BRICS expanded ...": a mention that was no
            # meeting of its own speaks of the gathering of the organisation it names.
            if id(draft) in merged or not draft.anaphoric:
                continue
            named = _organisations(mentions, draft.sentence)
            for group, sentences in zip(groups, about, strict=True):
                if named & set(group.parties) and min(sentences) <= draft.sentence.index:
                    sentences.add(draft.sentence.index)
        nearest = _Gatherings(groups, about)
        for sentence in mentions.doc.sentences:
            target = nearest.of(sentence.index)
            if target is None:
                continue
            for party, person in self.members(mentions, sentence):
                if party not in target.parties:
                    target.parties.append(party)
                if person is not None and person.party == party:
                    heads.append((target, person))
            # "Malaysian Prime Minister Muhyiddin Yassin said he had urged the general ...":
            # a leader of a member, speaking of the gathering, led that member's side.
            for span in Mentions.within(mentions.person_spans, sentence.start, sentence.end):
                leader = span.value
                assert isinstance(leader, Person)
                if leader.rank in _LEADER_RANKS and leader.party is not None:
                    heads.append((target, leader))
        return heads

    def _heads_nearby(self, mentions: Mentions, groups: Sequence[MeetingGroup]) -> None:
        """Heads still missing, from the sentences right after a meeting's first mention.

        ``"... will lead the U.S.-Laos Dialogue. He will meet with Foreign
        Minister Saleumxay Kommasith ..."``: a person of a side, named in the
        next sentences and in no other meeting's, leads that side.
        """
        doc = mentions.doc
        owned = {d.sentence.index for g in groups for d in g.drafts}
        for group in groups:
            missing = [p for p in group.parties if p.code not in group.heads]
            if not missing:
                continue
            first = group.first.sentence.index
            for index in range(first + 1, min(first + 1 + _HEAD_SENTENCES, len(doc.sentences))):
                sentence = doc.sentences[index]
                if not _CONTINUES.match(doc.view, sentence.start):
                    break  # only a sentence that goes on about the meeting names its heads
                if index in owned and index not in group.sentences:
                    break
                for span in Mentions.within(mentions.person_spans, sentence.start, sentence.end):
                    person = span.value
                    assert isinstance(person, Person)
                    if (
                        person.party in missing
                        and person.party is not None
                        and person.party.code not in group.heads
                    ):
                        group.heads[person.party.code] = person

    def delegation_heads(
        self, mentions: Mentions, sentence: Sentence
    ) -> list[tuple[Party, Person]]:
        """The (party, head) pairs a sentence states: "the Russian delegation was led by X"."""
        view = mentions.doc.view
        found: list[tuple[Party, Person]] = []
        for match in _LED_BY.finditer(view, sentence.start, sentence.end):
            person = _person_at(mentions, match.end())
            party = _party_before(mentions, sentence.start, match.start())
            if person is not None and party is not None:
                found.append((party, person))
        for match in _LEADS.finditer(view, sentence.start, sentence.end):
            # The subject right before the verb: "Sherman led the U.S. delegation", not the
            # object of an earlier verb ("will meet with Lamamra and lead the U.S. delegation").
            person = _person_before(
                mentions, max(sentence.start, match.start() - 40), match.start()
            )
            if person is not None and _OBJECT_BEFORE_LEAD.search(
                view, max(sentence.start, match.start() - 60), match.start()
            ):
                person = None
            pronoun = _PRONOUN_BEFORE_LEAD.search(view, max(0, match.start() - 20), match.start())
            if person is None and pronoun is not None:
                # "where she will lead the U.S. delegation": the person last named before "she".
                span = Mentions.last_before(mentions.person_spans, pronoun.start())
                person = span.value if span is not None and isinstance(span.value, Person) else None
            party = _party_at(mentions, match.end())
            if (
                person is not None
                and party is not None
                and view[match.end() : match.end() + 60].find("delegation") >= 0
            ):
                found.append((party, person))
        return found

    def _group_before(
        self, groups: Sequence[MeetingGroup], sentence: Sentence, party: Party
    ) -> MeetingGroup | None:
        """The last meeting with ``party`` mentioned at or before a sentence (else the first)."""
        best = None
        for group in groups:
            if party in group.parties and group.first.sentence.index <= sentence.index:
                best = group
        if best is None:
            best = next((g for g in groups if party in g.parties), None)
        return best

    def _attach_details(self, mentions: Mentions, groups: Sequence[MeetingGroup]) -> None:
        """Duration and format from the meeting's sentences or the sentence that follows one."""
        doc = mentions.doc
        if not groups:
            return
        for group in groups:
            sentences = {d.sentence.index for d in group.drafts}
            for index in sorted(sentences):
                candidates = [doc.sentences[index]]
                if index + 1 < len(doc.sentences):
                    nxt = doc.sentences[index + 1]
                    if _ANAPHOR.search(doc.sentence_text(nxt)) and not Mentions.within(
                        mentions.parties, nxt.start, nxt.end
                    ):
                        candidates.append(nxt)
                for sentence in candidates:
                    text = doc.sentence_text(sentence)
                    if group.duration is None:
                        spans = Mentions.within(mentions.durations, sentence.start, sentence.end)
                        if spans:
                            assert isinstance(spans[0].value, Duration)
                            group.duration = spans[0].value
                    for pattern, name in _FORMATS:
                        if name not in group.formats and pattern.search(text):
                            group.formats.append(name)

    # -- commitments and follow-ups ---------------------------------------

    def meeting_of(self, sentence: Sentence, anchors: Sequence[tuple[int, int]]) -> int | None:
        """The meeting a statement belongs to: the last one mentioned before it, else the first."""
        best = None
        for start, index in anchors:
            if start <= sentence.start:
                best = index if best is None else best
        if best is None and anchors:
            best = anchors[0][1]
        return best

    def home_party(self, mentions: Mentions) -> Party | None:
        """The side whose readout or transcript the document is: the first person's party.

        In a State Department readout that is the Secretary's, in a Kremlin
        transcript the President's.  A joint statement has none: its "we" is
        every signatory.
        """
        doc = mentions.doc
        if doc.sentences and _JOINT.search(doc.view, 0, doc.sentences[0].end):
            return None
        for person in mentions.people:
            if person.party is not None:
                return person.party
        return None

    def headline_parties(self, mentions: Mentions) -> tuple[Party, ...]:
        """The parties named in the headline: who "we" are in a joint statement."""
        doc = mentions.doc
        if not doc.sentences or not doc.sentences[0].headline:
            return ()
        head = doc.sentences[0]
        parties: list[Party] = []
        for span in Mentions.within(mentions.parties, head.start, head.end):
            assert isinstance(span.value, PartyMention)
            if span.value.party not in parties:
                parties.append(span.value.party)
        return tuple(parties)

    def _collective(
        self,
        draft: StatementDraft,
        meetings: Sequence[Meeting],
        anchors: Sequence[tuple[int, int]],
        headline_parties: tuple[Party, ...],
        home: Party | None = None,
    ) -> tuple[Party, ...]:
        """The parties "both sides", "we" or an unnamed subject stand for.

        "We" in a joint statement is every signatory, as is "both sides";
        elsewhere it is the speaker's side, the document's :meth:`home_party`.
        """
        if draft.first_person and home is not None:
            return (home,)
        index = self.meeting_of(draft.sentence, anchors)
        if index is not None:
            parties = _sides(meetings[index])
            if draft.dual and len(parties) > 2:
                # "the two leaders" of talks an organisation hosted: the two, not the host.
                states = tuple(p for p in parties if p.kind is not PartyKind.ORGANISATION)
                if len(states) == 2:
                    return states
            return parties
        return tuple(sorted(headline_parties)) if len(headline_parties) >= 2 else ()

    def build_commitment(
        self,
        mentions: Mentions,
        draft: StatementDraft,
        meetings: Sequence[Meeting],
        anchors: Sequence[tuple[int, int]],
        headline_parties: tuple[Party, ...],
        home: Party | None = None,
    ) -> Commitment | None:
        """The commitment of a draft, with its parties resolved; ``None`` if it has none."""
        parties = (
            tuple(sorted(set(draft.parties)))
            if draft.parties
            else self._collective(draft, meetings, anchors, headline_parties, home)
        )
        if not parties:
            return None
        assert isinstance(draft, CommitmentDraft)
        return Commitment(
            parties=parties,
            action=draft.action,
            strength=draft.strength,
            reported_by=draft.sources,
            meeting=self.meeting_of(draft.sentence, anchors),
            evidence=mentions.doc.evidence(draft.start, draft.end, "commitment.trigger"),
        )

    def build_followup(
        self,
        mentions: Mentions,
        draft: FollowUpDraft,
        meetings: Sequence[Meeting],
        anchors: Sequence[tuple[int, int]],
        headline_parties: tuple[Party, ...],
        published: datetime.date | None,
    ) -> FollowUp | None:
        """The follow-up of a draft, with the parties of the meeting it follows."""
        index = self.meeting_of(draft.sentence, anchors)
        if index is not None:
            parties = _sides(meetings[index])
        elif len(headline_parties) >= 2:
            parties = tuple(sorted(headline_parties))
        else:
            return None
        timeframe = (
            resolve(draft.time, published, Direction.FUTURE) if draft.time is not None else None
        )
        places = Mentions.within(mentions.places, draft.trigger_start, draft.sentence.end)
        location = places[0].value if places else None
        assert location is None or isinstance(location, Place)
        return FollowUp(
            parties=parties,
            timeframe=timeframe,
            date_status=draft.date_status,
            location=location,
            location_status=draft.location_status,
            representation_status=draft.representation_status,
            meeting=index,
            evidence=mentions.doc.evidence(draft.start, draft.end, "followup.trigger"),
        )


# How far after a commitment's trigger a follow-up may make it a contact.
_CONTACT_REACH = 150

# The end of a clause.
_CLAUSE_END = regex.compile(r"[.;!?]|\band[ ]\p{Ll}+ed\b")

# "also" before a trigger: another meeting of the same occasion.
_ALSO = regex.compile(r"\balso\b")

# How many days before publication the day a news sentence gives may lie.
_NEWS_DAYS = 7

# A sentence that goes on about the meeting or its principal: "He will meet ...", "The talks ...".
_CONTINUES = regex.compile(
    r"(?:He|She|They|The[ ](?:two|talks|meeting|discussions|delegations|ministers|leaders|sides)|During|At[ ]the)\b"
)

# A sentence that goes on from the one before: "He received Modi ...".
_PRONOUN_OPENING = regex.compile(r"(?:He|She)\b")

# The ranks that lead a side at a gathering of leaders.
_LEADER_RANKS = frozenset({Rank.HEAD_OF_STATE, Rank.HEAD_OF_GOVERNMENT})

# The longest a sentence, and so a draft's span, may be (text.Document cuts longer ones).
_SENTENCE_REACH = 2000

# How many sentences after a mention of a gathering its members may be listed.
_MEMBER_SENTENCES = 2

# How many sentences after a meeting's first mention its heads may be named.
_HEAD_SENTENCES = 2

# How many days before a dispatch a meeting may have been held in its dateline's city.
_DATELINE_DAYS = 3

# A yearless date this many days from publication in the tense's direction, when the other
# reading is within _NEAR days, is taken in the other direction.
_FAR = 180
_NEAR = 45


def _day(mentions: Mentions, draft: MeetingDraft, published: datetime.date) -> TimeExpression:
    """The publication day, as the date of the meeting a draft reports as news."""
    return TimeExpression(
        evidence=mentions.doc.evidence(draft.trigger_start, draft.trigger_end, "meeting.news"),
        granularity=Granularity.DAY,
        earliest=published,
        latest=published,
        anchor=published,
        relative=True,
    )


def _distance(date: TimeExpression, published: datetime.date) -> int:
    """Days between a resolved date and the publication date (large when unresolved)."""
    if date.earliest is None:
        return 10**6
    return abs((date.earliest - published).days)


def _trim(doc: Document, draft: MeetingDraft) -> tuple[int, int]:
    """A meeting's evidence: its window, about twelve words around the trigger at most.

    With the date that follows it: "held talks in Moscow on Monday".
    """
    start = max(draft.start, draft.trigger_start - 80)
    end = min(draft.end, draft.trigger_end + 80)
    if (
        draft.time is not None
        and draft.time_start is not None
        and 0 <= draft.time_start - end <= 12
    ):
        end = doc.view_offset(draft.time.evidence.end)
    if start > draft.trigger_start:
        start = draft.trigger_start
    view = doc.view
    if 0 < start < draft.trigger_start and view[start - 1].isalnum() and view[start].isalnum():
        # Cut inside a word ("he Taliban in Doha"): start at the next word instead.
        space = view.find(" ", start, draft.trigger_start)
        start = space + 1 if space >= 0 else draft.trigger_start
    if draft.trigger_end < end < len(view) and view[end - 1].isalnum() and view[end].isalnum():
        space = view.rfind(" ", draft.trigger_end, end)
        end = space if space >= 0 else draft.trigger_end
    return start, max(end, draft.trigger_end)


class _Gatherings:
    """Which gathering each sentence, taken in order, speaks of: a sweep over the sentences.

    A sentence speaks of a gathering when it lies between the gathering's
    first mention and :data:`_MEMBER_SENTENCES` sentences after its last;
    of several, the one mentioned last before it.  A heap of the gatherings
    by their last mention so far keeps this linear in the sentences and
    mentions, however many gatherings a document reports.
    """

    def __init__(self, groups: Sequence[MeetingGroup], about: Sequence[set[int]]) -> None:
        self._mentions = sorted(
            (index, number)
            for number, (group, sentences) in enumerate(zip(groups, about, strict=True))
            if _is_gathering(group)
            for index in sentences
        )
        self._groups = groups
        self._last = {number: index for index, number in self._mentions}  # each one's last
        self._latest: dict[int, int] = {}  # each one's last mention so far
        self._heap: list[tuple[int, int]] = []  # (-latest mention, group number)
        self._next = 0

    def of(self, sentence: int) -> MeetingGroup | None:
        """The gathering sentence number ``sentence`` speaks of (sentences asked in order)."""
        while self._next < len(self._mentions) and self._mentions[self._next][0] <= sentence:
            index, number = self._mentions[self._next]
            self._latest[number] = index
            heapq.heappush(self._heap, (-index, number))
            self._next += 1
        while self._heap:
            negative, number = self._heap[0]
            stale = -negative != self._latest[number]
            if stale or sentence > self._last[number] + _MEMBER_SENTENCES:
                heapq.heappop(self._heap)  # superseded, or ended for good: sentences only grow
                continue
            return self._groups[number]
        return None


def _is_gathering(group: MeetingGroup) -> bool:
    """Whether a meeting is a gathering: of an organisation, or of three or more parties."""
    return len(group.parties) >= 3 or any(p.kind is PartyKind.ORGANISATION for p in group.parties)


def _organisations(mentions: Mentions, sentence: Sentence) -> set[Party]:
    """The organisations a sentence names."""
    found: set[Party] = set()
    for span in Mentions.within(mentions.parties, sentence.start, sentence.end):
        mention = span.value
        assert isinstance(mention, PartyMention)
        if mention.party.kind is PartyKind.ORGANISATION:
            found.add(mention.party)
    return found


def _sides(meeting: Meeting) -> tuple[Party, ...]:
    """The parties "they" or "the delegations" of a meeting stand for.

    After talks one state hosted for two others, the two: "they agreed" binds
    the guests, not the host.
    """
    guests = tuple(p for p in meeting.parties if p != meeting.host)
    return guests if meeting.host is not None and len(guests) == 2 else meeting.parties


def _inside_followup(offset: int, followups: Sequence[FollowUpDraft]) -> bool:
    """Whether an offset lies in a follow-up's span (``followups`` sorted by trigger).

    A span lies in one sentence, so only follow-ups whose triggers stand
    within a sentence's length of the offset can hold it.
    """
    first = bisect.bisect_left(followups, offset - _SENTENCE_REACH, key=_trigger_start)
    last = bisect.bisect_right(followups, offset + _SENTENCE_REACH, key=_trigger_start)
    return any(f.start <= offset < f.end for f in followups[first:last])


def _trigger_start(draft: FollowUpDraft) -> int:
    """Where a follow-up's trigger starts: its sort key."""
    return draft.trigger_start


def _dedupe(items: Sequence[Commitment] | Sequence[FollowUp]) -> tuple:  # type: ignore[type-arg]
    """Drop items whose evidence overlaps an earlier one's.

    The spans kept never overlap one another, so sorted by start they are
    sorted by end too: a new span can only overlap its two neighbours.
    """
    kept: list[Commitment | FollowUp] = []
    spans: list[tuple[int, int]] = []  # the kept spans, sorted
    for item in items:
        start, end = item.evidence.start, item.evidence.end
        at = bisect.bisect_left(spans, (start, end))
        if (at and spans[at - 1][1] > start) or (at < len(spans) and spans[at][0] < end):
            continue
        spans.insert(at, (start, end))
        kept.append(item)
    return tuple(kept)


def _person_at(mentions: Mentions, offset: int) -> Person | None:
    """The person mentioned at a view offset (allowing a word before the name)."""
    for span in Mentions.within(mentions.person_spans, offset, offset + 200):
        if span.start <= offset + 40:
            assert isinstance(span.value, Person)
            return span.value
    return None


def _person_before(mentions: Mentions, floor: int, offset: int) -> Person | None:
    """The last person mentioned between ``floor`` and ``offset``."""
    found = None
    for span in Mentions.within(mentions.person_spans, floor, offset):
        assert isinstance(span.value, Person)
        found = span.value
    return found


def _party_before(mentions: Mentions, floor: int, offset: int) -> Party | None:
    """The last party mentioned between ``floor`` and ``offset``, by name or by a person.

    "President-elect Yoon Suk Yeol's Policy Consultation Delegation, led by": Yoon's party.
    """
    found, at = None, -1
    for spans in (mentions.parties, mentions.person_spans):
        for span in Mentions.within(spans, max(floor, offset - 60), offset):
            value = span.value
            party = value.party if isinstance(value, (PartyMention, Person)) else None
            if party is not None and span.start > at:
                found, at = party, span.start
    return found


def _party_at(mentions: Mentions, offset: int) -> Party | None:
    """The party mentioned right at a view offset."""
    for span in Mentions.within(mentions.parties, offset, offset + 30):
        assert isinstance(span.value, PartyMention)
        return span.value.party
    return None


def _unused(_: Evidence | TimeMention) -> None:  # pragma: no cover
    return None
