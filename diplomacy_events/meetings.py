"""Finding meetings: triggers, their participants, status, mode, date and place.

:class:`MeetingExtractor` reads one sentence at a time.  A trigger (``met``,
``held talks``, ``telephone conversation``, ``summit``; the list is the data
file ``meeting_triggers.tsv``) opens a window of the sentence: the clause
before it, where the subject stands, and the phrase after it up to the first
word that starts a topic (``on``, ``to discuss``).  The parties and people in
that window are the participants; tense and modal words give the status;
the nearest date, place and words such as ``by phone`` fill in the rest.

The extractor makes :class:`MeetingDraft` objects, one per trigger;
:mod:`diplomacy_events.assembly` merges the drafts of one real meeting and
resolves their dates.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources

import attrs
import regex

from diplomacy_events._gazetteer import Gazetteer
from diplomacy_events.mentions import Mentions, Span
from diplomacy_events.model import Mode, Party, PartyKind, PartyMention, Person, Place, Rank, Status
from diplomacy_events.text import Document, Sentence
from diplomacy_events.times import TimeMention

__all__ = ["MeetingDraft", "MeetingExtractor", "Trigger", "load_triggers"]


@attrs.frozen(kw_only=True)
class Trigger:
    """A word or phrase that reports an event, with the kind it names and its mode."""

    phrase: str
    kind: str
    mode: str
    """``"in_person"``, ``"remote"`` or ``"any"`` (decided by the context)."""


@cache
def load_triggers(name: str = "meeting_triggers.tsv") -> tuple[Trigger, ...]:
    """Read a trigger word list shipped in the package's ``data`` folder."""
    ref = resources.files("diplomacy_events").joinpath("data").joinpath(name)
    triggers = []
    for line in ref.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, kind, mode = line.split("\t")
        triggers.append(Trigger(phrase=phrase, kind=kind, mode=mode))
    return tuple(triggers)


# Words that make the meeting remote wherever they stand in the window.
_REMOTE = regex.compile(
    r"""
    \b(?:
      by[ ](?:tele)?phone | over[ ]the[ ]phone | on[ ]the[ ]phone   # "by phone"
    | virtually | (?:via|by|through|over|in)[ ](?:a[ ])?video[ -]?(?:conference|link|call)
    | (?:via|by|through|over|in)[ ](?:a[ ])?videoconference | videoconference[ ]format
    )\b
    """,
    regex.VERBOSE | regex.IGNORECASE,
)

# Words before a trigger that make the meeting planned.
_FUTURE = regex.compile(
    r"""
    \b(?:
      will | shall | would[ ]be[ ]held
    | (?:is|are|was|were)[ ](?:scheduled|set|due|expected|slated|planned|going)[ ]to
    | (?:is|are|was|were)[ ]to[ ](?:hold|meet|visit|host|travel|receive|take[ ]part|attend)
    | due[ ]to | plans?[ ]to | planning[ ]to | to[ ]be[ ]held | upcoming | forthcoming
    | next | preparations?[ ]for | preparing[ ]for | ahead[ ]of | expected[ ]to
    )\b
    """,
    regex.VERBOSE | regex.IGNORECASE,
)

# A word that puts an event before or after another in one sentence: "Following talks held in
# Moscow on February 22, the presidents shared opinions in a telephone conversation".
_SEQUENCE = regex.compile(r"\b(?:[Ff]ollowing|[Aa]fter|[Bb]efore|[Aa]head[ ]of|[Pp]rior[ ]to)\b")

# How far before a trigger a phrase of sequence may start.
_SEQUENCE_REACH = 300

# A relative clause after a phrase of sequence continues its event: ", during which he met".
_RELATIVE_AFTER_COMMA = regex.compile(r"(?:during|at|in|after)[ ]which\b|where\b|when\b|which\b")

# A meeting named in an opening phrase of time, whose main clause is in the future: "During his
# visit, Special Representative Kim will meet ...": the visit is planned too.
_DURING_TRIGGER = regex.compile(
    r"\b(?:During|during|While[ ]on|while[ ]on)[ ](?:his|her|their|its|the)[ ](?:[\p{L}\-]++[ ]){0,2}[\p{L}\-]++\Z"
)
# The same in an opening phrase of the sentence: "In addition to meeting Israeli and Palestinian
# leaders, Assistant Secretary Leaf will ...".
_OPENING_PHRASE = regex.compile(
    r"(?:In[ ]addition[ ]to|Besides|Alongside|During|While[ ]on)\b[^,;]{0,80}\Z"
)
_MAIN_CLAUSE_FUTURE = regex.compile(
    r"[^,;.]{0,80}?,[ ](?:[\p{L}\-.'()]++[ ]){0,12}?(?:will|shall|is[ ]to|are[ ]to)\b"
)

# A future after the trigger's phrase: "A meeting between A and B will take place on Tuesday",
# "A meeting between Anna Ferreira, the Defence Minister of Senegal, and ... will take place".
_FUTURE_AFTER = regex.compile(
    r"""
    (?:[ ][\p{L}\-.']++,?+){0,30}?  # the sides, maybe in apposition
    [ ](?:will|is[ ]to|are[ ]to|is[ ]due[ ]to)[ ](?:take[ ]place|be[ ]held)\b
    """,
    regex.VERBOSE,
)

# Words that deny or cancel a meeting, or make it hypothetical.
_NEGATED = regex.compile(
    r"""
    \b(?:
      not | never | no | denied | den(?:y|ies) | cancel(?:l?ed|s)? | call(?:ed)?[ ]off
    | postponed | pushed[ ]back | put[ ]off | ruled[ ]out | refused | declined | rejected | if | unless | whether
    | would | could | might | should | possible | possibility | proposed | proposal
    | hope | hopes | hoped | hoping | ready[ ](?:to|for) | readiness | invitation | invited | open[ ]to
    | too[ ]early | speak[ ]about | talk[ ]about | prospects?
    )\b
    """,
    regex.VERBOSE | regex.IGNORECASE,
)

# A word that ends the phrase after a trigger: what follows is a topic or another clause.
# A word that starts a date: "on March 7", "on Tuesday".
_DATE_WORD = (
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|July"
    r"|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)"
)

_WINDOW_END = regex.compile(
    r"""
    [ ](?:
      to[ ](?:discuss|review|reaffirm|underscore|highlight|address|explore|advance|build|strengthen|coordinate)
    | on(?![ ](?:[0-9]|"""
    + _DATE_WORD
    + r"""))  # "on" a topic, not "on March 7"
    | about | regarding | concerning | over | discussed
    | and[ ](?:discussed|agreed|reviewed|expressed|reaffirmed)
    | where | during[ ]which | which | who | that | as | because | amid | following
    )\b
    | ,[ ]and[ ](?=\p{Lu})  # a new clause with a subject of its own: ", and Foreign Minister Wang Yi"
    | ;  # a semicolon
    | [ ]--[ ] | [ ]\u2014[ ]  # a dash
    """,
    regex.VERBOSE,
)

# The determiner of a noun phrase that names another event after a trigger: "followed a
# telephone call", "ahead of the summit" (not "held talks and a call": coordinated, the same).
_NEW_EVENT_BEFORE = regex.compile(r"(?<!\band)[ ](?:a|an|another)[ ](?:[\p{Ll}\-]++[ ]){0,2}$")

# Starts of a clause: the subject of a trigger stands after the last of them.
_CLAUSE_START = regex.compile(
    r"(?:;|\bwhile\b|\bwhereas\b|\bbut\b|:|,[ ]and[ ](?=later\b|then\b|also\b)|,[ ]where\b"
    r"|[ ](?:after|since|until)[ ](?=\p{Lu}))"  # "suspended after Nancy Pelosi visited Taiwan"
)

# A party named as where something happens, not who takes part: "in Russia", "Istanbul, Türkiye".
_LOCATIVE_BEFORE = regex.compile(r"(?:\b(?:in|at|from|across|near|inside|outside)(?:[ ]the)?[ ])$")

# A party named as a destination: "a visit to Russia" names its host.
_DESTINATION_BEFORE = regex.compile(
    r"""
    (?:\b(?:visit|visits|visited|visiting|trip|travel|travels|traveled|travelled|arrived|arrives|flown|flew)
    (?:[ ](?:to|in))?(?:[ ]the)?[ ])$
    """,
    regex.VERBOSE,
)

# An introductory phrase before the main clause: "After the CSTO Summit, ...".
_INTRODUCTION = regex.compile(
    r"""
    (?:After|Before|During|Following|Ahead[ ]of|On[ ]the[ ](?:sidelines|margins)[ ]of|At|In|Prior[ ]to)
    [ ][^,;]{1,120}+,[ ]
    """,
    regex.VERBOSE,
)

# Party mentions that are the topic, not a participant: "on Ukraine", "the situation in Syria",
# "the Special Representative for the DPRK" (an envoy's portfolio).
_TOPIC_BEFORE = regex.compile(
    r"""
    (?:\b(?:on|about|regarding|over|concerning|situation[ ]in|crisis[ ]in|war[ ]in|conflict[ ]in|against
    | toward|towards|since|amid|despite
    | (?:Representative|Envoy|Coordinator|Commissioner)[ ]for)(?:[ ]the)?[ ])$
    """,
    regex.VERBOSE,
)

# Markers of an earlier, background encounter rather than the news of the document.
_BACKGROUND = regex.compile(
    r"\b(?:last|previous|previously|earlier|since|former|ago|prior|recent)\b",
    regex.IGNORECASE,
)


# A pronoun as the subject of a trigger: "He received Modi", "I received my French counterpart".
_PRONOUN_SUBJECT = regex.compile(r"\b(?:He|She|he|she|I)\b")

# A determiner that refers back to a meeting already named: "the talks", "their meeting".
_ANAPHORIC_BEFORE = regex.compile(
    r"""
    \b(?:[Tt]he|[Tt]hese|[Tt]his|[Tt]hat|[Tt]heir|[Hh]is|[Hh]er)[ ]
    (?!(?:last|previous|next|upcoming|earlier|latest|second|third|forthcoming|inaugural|founding
    | extraordinary|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d++(?:st|nd|rd|th))\b)  # a new one
    (?:[\p{L}\-.]++[ ]){0,2}$          # "the April talks", "the U.S.-Russian meeting"
    """,
    regex.VERBOSE,
)

# A verb whose object is the meeting, said by someone who need not attend it: "Kritenbrink will
# discuss the upcoming U.S.-ASEAN Special Summit".
_DISCUSS_BEFORE = regex.compile(
    r"\b(?:discuss|discussed|discusses|discussing|review|reviewed|reviewing)[ ]the[ ]"
    r"(?:upcoming|forthcoming|next|coming)\b"
)

# A host or chair of a meeting named before: "whose government hosted the meeting",
# "China will chair the summit", "Sultan Hassanal Bolkiah chaired the talks".
_HOSTS_BEFORE = regex.compile(
    r"""
    (?<![\-\p{L}])                    # not "co-chair": sides that lead together host no one
    (?:host(?:s|ed|ing)?|chair(?:s|ed|ing)?|presid(?:es|ed|ing)[ ]over)[ ]
    (?:the|this|that|these|their)[ ]
    (?:[\p{L}\-]++[ ]){0,2}$          # at most two words before the trigger: "Kazan", "special"
    """,
    regex.VERBOSE,
)

# Between two cities of one trip's leg: "Rabat and Casablanca", "Istanbul, Ankara".
_CITY_PAIR = regex.compile(r"[ ]and[ ]|,[ ]")

# The destination of a visit named after its visitor: "the visit by X to Russia".
_TO_BEFORE = regex.compile(r"\bto[ ](?:the[ ])?$")

# The visitor after a visit: "the visit by the President of Uzbekistan to Russia".
_VISIT_BY = regex.compile(r"[ ]by[ ]")

# A word that starts another event's time: what stands before it does not bear on the trigger.
_TEMPORAL_BREAK = regex.compile(r"\b(?:since|after|before|until|following)\b")

# Ranks whose visits are official ones, with talks with the host.
_OFFICIAL_RANKS = frozenset({Rank.HEAD_OF_STATE, Rank.HEAD_OF_GOVERNMENT, Rank.MINISTER})

# "between" after a trigger: the sides follow it.
_BETWEEN = regex.compile(
    r"""
    (?:[ ](?!of\b|ahead\b|the\b|on\b|in\b)[\w\-,]++){0,4}   # "held July 17-18", not "ahead of the Day of Unity"
    [ ]between\b
    """,
    regex.VERBOSE,
)

# First words of triggers that are verbs: a determiner before them is another noun's.
_VERBS = frozenset(
    "met meet meets held hold holds holding had have spoke speak speaks spoken received receive "
    "hosted host hosts will to visited".split()
)

# Words that make every participant of the meeting at hand a participant.
_COLLECTIVE = regex.compile(
    r"\b(?:[Tt]he[ ]two[ ](?:leaders|sides|ministers|presidents|men|delegations)"
    r"|[Bb]oth[ ](?:leaders|sides)|[Tt]heir)\b"
)

# Words that make a plural trigger several meetings: "separate talks with A and B".
_SEPARATE = regex.compile(
    r"\b(?:separate|separately|bilateral[ ]meetings|individual)\b", regex.IGNORECASE
)

# Counterparts that are officials of several governments: "will meet with senior officials from
# the Saudi and Republic of Yemen Governments" (a meeting with each, as a trip's readouts count).
_OFFICIALS_OF = regex.compile(
    r"(?:[ ]with)?[ ](?:senior[ ]|government[ ]|high-level[ ]|top[ ])?officials[ ](?:from|of|in)[ ]"
)

# "officials from", "representatives from" before a party: the side they belong to, not a place.
_OFFICIALS_FROM = regex.compile(
    r"\b(?:officials|representatives|delegations?|envoys|diplomats|negotiators)[ ]from[ ](?:the[ ])?$"
)

# How many governments' officials are met one by one; more are one gathering.
_OFFICIALS_SPLIT = 3

# A request or an urging whose object is the meeting: "urged the DPRK to return to negotiations",
# "how to encourage the DPRK to engage in meaningful negotiations". Not a meeting reported.
_REQUESTED_BEFORE = regex.compile(
    r"""
    \b(?:urg(?:e|ed|es|ing)|encourag(?:e|ed|es|ing)|call(?:ed|s|ing)?[ ]on|press(?:ed|es|ing)?|invit(?:e|ed|es|ing))
    [ ][^,;.]{1,40}?[ ]to[ ](?:[\p{L}\-]++[ ]){0,3}$
    """,
    regex.VERBOSE,
)

# A meeting as the occasion of what was said, not its topic: "discussed the situation in
# Kazakhstan ... during his telephone conversations with Lukashenko and Pashinyan".
_OCCASION_BEFORE = regex.compile(
    r"\b(?:during|in[ ]the[ ]course[ ]of)[ ](?:his|her|their)[ ](?:[\p{L}\-]++[ ]){0,2}$"
)

# Someone's visit as the topic of a discussion: "They discussed the Secretary-General's visit".
_DISCUSSED_VISIT = regex.compile(
    r"\bdiscuss\w*+[ ]the[ ][^.;]{0,60}?'s[ ](?:[\p{Ll}\-]++[ ]){0,2}$"
)

# Words before an undated trigger that make it a process or a topic, not an encounter.
_PROCESS_BEFORE = regex.compile(
    r"""
    \b(?:
      continuing | ongoing | resumption[ ]of | resume | resuming
    | progress[ ](?:in|on) | framework[ ]of | course[ ]of
    | supported | welcomed?[ ]the[ ]launch | negotiating[ ]process | structure[ ]of | within[ ]the
    | peace[ ]process | process[ ]of | track | too[ ]early | speak[ ]about | talk[ ]about
    | possible | potential | prospects?[ ]of | feature | including | such[ ]as | context[ ]of
    | return(?:ed|ing|s)?[ ]to(?:[ ]the)?(?=[ ]\Z)   # "urged them to return to negotiations"
    | through(?:[ ][\p{L}\-]++){0,3}(?=[ ]\Z)         # "settled through dialogue and negotiations"
    | thank\w*+[^.;]{0,60}?[ ]for[ ](?:the|this)[ ]opportunity(?:[ ]to)?(?=[ ]\Z)  # "thanked him for the
                                                        # opportunity to visit": the visit at hand
    | agreed[ ]to[ ](?:launch|establish|create|set[ ]up)(?:[ ][\p{L}\-]++){0,4}(?=[ ]\Z)  # a new forum
    )\b
    """,
    regex.VERBOSE | regex.IGNORECASE,
)


# Words after a trigger that make it another word: "host countries", "meeting rooms", "meets
# the interests of", "met with criticism".
_NOT_A_TRIGGER_AFTER = regex.compile(
    r"""
    [ ](?:countr(?:y|ies)|nations?|governments?|communities|city|cities|states?|families
    | rooms?|places?|halls?|points?|minutes|notes)\b
    | [ ](?:the[ ]|our[ ]|their[ ]|its[ ]|all[ ])?(?:\p{Ll}+[ ])?(?:interests|needs|requirements
    | demands?|expectations|criteria|standards?|goals?|targets?|obligations|conditions|deadline
    | challenges?|threshold)\b
    | (?:[ ]with)?[ ](?:criticism|approval|resistance|skepticism|scepticism|protests?|opposition
    | silence|disapproval|condemnation|derision|outrage|applause)\b  # after "met" or "met with"
    """,
    regex.VERBOSE,
)

# The dateline of a dispatch at the start of its first sentence, up to its dash.
_DATELINE_DASH = regex.compile(r"\p{Lu}{2}[^\n\u2014]{0,50}?[ ]\u2014[ ]")

# A preposition of place right before a name: "in Moscow", "at the Kremlin".
_LOCATIVE = regex.compile(
    r"\b(?:in|at|to|near|outside|from|inside|(?:margins|sidelines)[ ]of)[ ](?:the[ ])?(?:\p{L}++[ ]and[ ])?$"
)

# "from" before a venue: the institution a delegation comes from, not where it met.
_FROM_BEFORE = regex.compile(r"\bfrom[ ](?:the[ ])?$")

# How far back, in characters, the destination of a trip is looked for.
_DESTINATION_REACH = 3000

# What introduces the place of a meeting after its window: "in", "at", "on the margins of".
_LOCATION_AFTER = regex.compile(
    r"\b(?:in|at|(?:margins|sidelines)[ ]of)[ ](?:the[ ])?(?:\p{L}++[ ]and[ ])?$"
)

# A destination before a state's name: "travel to Cambodia", "trip to Laos and Cambodia".
_TRIP_TO = regex.compile(
    r"\b(?:travel|travels|traveling|travelling|trip|visit|visits|arrive|arrives|arrived)[ ](?:to|in)[ ]"
    r"(?:\p{L}++(?:,[ ]|[ ]and[ ])){0,4}$"
)

# How far from its trigger, in characters, the window of a meeting reaches at most.
_WINDOW_REACH = 400

# How far from its trigger, in characters, a word such as "by phone" may stand.
_MODE_REACH = 50

# Longer than any place's name: how far back a place ending just before an offset can start.
_PLACE_NAME_MAX = 100

# How far from its trigger, in characters, a date may stand and still date it (unless it
# stands in the trigger's clause, with no word of another event's time between them).
_TIME_REACH = 100

# Words between a trigger and a date after it that make the date another event's: "ahead of
# the Day of Unity, marked on April 2", "for the first time since the summit on May 5", "will
# meet stakeholders to reinforce ... the goal of protecting 30 percent of the ocean by 2030".
_OTHER_EVENT_TIME = regex.compile(
    r"""
    \b(?:since|after|before|until|following|ahead[ ]of|prior[ ]to|eve[ ]of
    | mark(?:s|ed|ing)? | anniversary | celebrat\w*+ | commemorat\w*+)\b
    | \bto[ ](?!(?:the|a|an|its|their|his|her|our|this|that)\b)\p{Ll}  # a purpose: "to discuss"
    """,
    regex.VERBOSE,
)

# Between a hyphenated compound of parties and its trigger: up to three words ("Strategic").
_COMPOUND_GAP = regex.compile(r"[ ](?:[\p{L}\-]++[ ]){0,3}")

# A sentence that opens with where it happens: "In Cambodia, ...".
_OPENING_PLACE = regex.compile(r"(?:In|At|While[ ]in)[ ](?:the[ ])?(?P<place>[^,;]{1,40}+),[ ]")

# From a possessive date to the noun it dates: "Thursday's talks", "Tuesday's bilateral meeting".
_POSSESSIVE_TO_TRIGGER = regex.compile(r"'s(?:[ ][\p{L}\-]++){0,2}[ ]")

# The opening phrase of a sentence, up to its first comma: where a dateline-like date stands.
_INTRO_TIME = regex.compile(r"[^,;]{1,60}+,")

# A date that is not the date of the event next to it: "the anniversary of the November 9 statement".
_NOT_EVENT_TIME = regex.compile(r"\b(?:anniversary[ ]of(?:[ ]the)?|since|until|till|ago|Good)[ ]$")


# Words before a trigger that make the meeting a topic of another one: when undated, or, for
# a report on it, unless a date stands in its phrase ("the outcome of Aliyev's April 6 talks"):
# "discussed UK-EU negotiations", "informed his counterpart about the outcomes of the consultations".
_TOPIC_BEFORE_TRIGGER = regex.compile(
    r"""
    \b(?:
      (?P<report>informed | briefed | outcomes? | results[ ]of | about)  # a report on it, dated or not
    | discussed | discuss | discussing | regarding | conclusion[ ](?:on|of|to) | support[ ](?:for|of)
    )\b
    """,
    regex.VERBOSE | regex.IGNORECASE,
)


@attrs.frozen(kw_only=True)
class MeetingDraft:
    """One mention of a meeting, as the extractor read it from one sentence.

    Offsets are offsets into the document's view.
    """

    trigger: Trigger
    trigger_start: int
    trigger_end: int
    start: int
    """Where the evidence window starts."""
    end: int
    """Where the evidence window ends."""
    sentence: Sentence
    parties: tuple[Party, ...]
    people: tuple[Person, ...]
    status: Status
    status_explicit: bool
    """Whether a tense or modal word fixed the status."""
    mode: Mode
    time: TimeMention | None
    time_start: int | None
    place: Place | None
    country: Party | None
    """The country it takes place in, when only a country is named."""
    background: bool
    """Whether the sentence presents it as an earlier, background encounter."""
    anaphoric: bool = False
    """Whether it refers back to a meeting already named ("the talks", "their meeting")."""
    definite: bool = False
    """Whether a determiner stands right before the trigger ("the visits", "their talks")."""
    host: Party | None = None
    """The party that hosts or chairs a meeting named before ("whose government hosted the meeting")."""
    named: bool = False
    """Whether a compound before it names its sides ("the U.S.-Morocco Strategic Dialogue")."""
    sequenced: bool = False
    """Whether it follows a phrase of sequence in its sentence ("Following talks in Moscow, the
    presidents spoke by telephone"): that phrase's event is another meeting."""


class MeetingExtractor:
    """Finds meeting mentions, one :class:`MeetingDraft` per trigger.

    Hooks for subclasses, each one step:

    * :meth:`triggers`: the words that report a meeting;
    * :meth:`window`: the part of the sentence that belongs to a trigger;
    * :meth:`participants`: the parties and people taking part;
    * :meth:`reject`: whether a draft is not a meeting after all;
    * :meth:`status`: held or planned, and whether the text said so.
    """

    rule = "meeting"
    """The prefix of the evidence rule ids this extractor writes."""

    def __init__(self, triggers: Iterable[Trigger] | None = None) -> None:
        self._triggers = tuple(triggers) if triggers is not None else load_triggers()
        self._by_phrase: dict[str, Trigger] | None = None
        self._gazetteer: Gazetteer | None = None

    def triggers(self) -> Mapping[str, Trigger]:
        """Each trigger phrase, in lower case and capitalised, with its trigger."""
        if self._by_phrase is None:
            table: dict[str, Trigger] = {}
            for trig in self._triggers:
                table.setdefault(trig.phrase, trig)
                table.setdefault(trig.phrase[:1].upper() + trig.phrase[1:], trig)
            self._by_phrase = table
        return self._by_phrase

    def extract(self, mentions: Mentions) -> tuple[MeetingDraft, ...]:
        """Every meeting mention of the document, in text order."""
        gazetteer = self._trigger_gazetteer()
        doc = mentions.doc
        table = self.triggers()
        drafts: list[MeetingDraft] = []
        claimed_until = -1
        for tstart, tend, phrase in gazetteer.finditer(doc.view):
            if tstart < claimed_until or _NOT_A_TRIGGER_AFTER.match(doc.view, tend):
                continue
            sentence = doc.sentence_at(tstart)
            draft = self.build(mentions, sentence, table[phrase], tstart, tend)
            if draft is not None and not self.reject(mentions, draft):
                drafts.extend(self.split(mentions, draft))
                claimed_until = draft.trigger_end
        return tuple(drafts)

    def window(self, doc: Document, sentence: Sentence, start: int, end: int) -> tuple[int, int]:
        """The part of the sentence a trigger at ``start:end`` governs.

        From the start of its clause to the first word after it that opens
        a topic or another clause.
        """
        view = doc.view
        left = sentence.start
        dateline = _DATELINE_DASH.match(
            view, sentence.start, min(sentence.end, sentence.start + 60)
        )
        if dateline is not None:
            left = dateline.end()  # "KAZAN, Russia, Oct 24 — ": where the dispatch was filed
        intro = _INTRODUCTION.match(view, left, sentence.end)
        if intro is not None and intro.end() <= start:
            left = intro.end()
        # No clause reaches further than _WINDOW_REACH from its trigger: a window's cost is
        # bounded, whatever the length of a sentence without full stops.
        left = max(left, start - _WINDOW_REACH)
        limit = min(sentence.end, end + _WINDOW_REACH)
        for clause in _CLAUSE_START.finditer(view, left, start):
            left = clause.end()
        stop = _WINDOW_END.search(view, end, limit)
        while (
            stop is not None
            and stop.group().startswith(", and")
            and ", " in view[end : stop.start()]
        ):
            # "A, B, and C": the last item of a list, not a new clause; "between A, the Minister
            # of Foreign Affairs of the Federated States of Micronesia, and B": of an apposition
            stop = _WINDOW_END.search(view, stop.end(), limit)
        right = stop.start() if stop else limit
        return left, self._next_event(view, end, right)

    def _next_event(self, view: str, start: int, end: int) -> int:
        """Where a noun phrase naming another event starts between two offsets, else ``end``.

        ``"Tuesday's meeting followed a telephone call between Trump and
        Putin"``: who took part in the call did not take part in the meeting.
        """
        for found, _, _ in self._trigger_gazetteer().finditer(view, start, end):
            article = _NEW_EVENT_BEFORE.search(view, max(start, found - 30), found)
            if article is not None:
                return article.start()
        return end

    def participants(
        self, mentions: Mentions, start: int, end: int, *, visit: bool = True
    ) -> tuple[tuple[Party, ...], tuple[Person, ...], Party | None]:
        """The parties and people of the window ``start:end``, and a country named as location.

        A party named where something happens (``"in Russia"``) is the
        location, not a participant; a host named as a destination
        (``"a visit to Russia"``) is both when the trigger is a ``visit``.
        """
        view = mentions.doc.view
        parties: list[Party] = []
        country: Party | None = None
        for span in Mentions.within(mentions.parties, start, end):
            mention = span.value
            assert isinstance(mention, PartyMention)
            before = view[max(0, span.start - 25) : span.start]
            if view.startswith("-based", span.end) or _inside_place(mentions, span):
                continue  # "a Madrid-based university", "Port Sudan"
            if _DESTINATION_BEFORE.search(before) and not visit:
                # "will travel to Cairo to meet Chad's minister": where, not who
                country = country or _country_of(mention)
                if mention.form != "demonym":
                    continue
            elif _DESTINATION_BEFORE.search(before) or (
                visit and mention.form != "demonym" and _TO_BEFORE.search(before)
            ):
                # "a visit to Russia", "the visit by the President of Uzbekistan to Russia"
                country = country or _country_of(mention)
            elif (
                _LOCATIVE_BEFORE.search(before)
                # "representatives from Ukraine": a side; "officials from Moscow" stays a place
                and not (mention.form == "name" and _OFFICIALS_FROM.search(before))
            ) or (before.endswith(", ") and _after_place(mentions, span.start)):
                if mention.form != "demonym":
                    country = country or _country_of(mention)
                    continue
            elif _TOPIC_BEFORE.search(before):
                continue
            if mention.party not in parties:
                parties.append(mention.party)
        people: list[Person] = []
        for span in Mentions.within(mentions.person_spans, start, end):
            person = span.value
            assert isinstance(person, Person)
            if person not in people:
                people.append(person)
                if person.party is not None and person.party not in parties:
                    parties.append(person.party)
        return tuple(parties), tuple(people), country

    def subject_by_pronoun(
        self, mentions: Mentions, sentence: Sentence, start: int, trigger_start: int
    ) -> Person | None:
        """The person a pronoun subject ("He met ...", "I received ...") refers to.

        The last person named before the pronoun: in a readout, the
        principal whose day it reports; in "Wang Yi visited Washington, where
        he met Blinken", Wang Yi.
        """
        view = mentions.doc.view
        pronoun = _PRONOUN_SUBJECT.search(view, start, trigger_start)
        # "He received Modi ..., and later held separate talks with Xi": the earlier clause's.
        if pronoun is None:
            if start == sentence.start or not _PRONOUN_SUBJECT.match(view, sentence.start):
                return None
            pronoun = _PRONOUN_SUBJECT.match(view, sentence.start)
        assert pronoun is not None
        named = [  # a subject named before the trigger; "in Doha" is where, not who
            span
            for span in Mentions.within(mentions.parties, start, trigger_start)
            if not _LOCATIVE_BEFORE.search(view, max(0, span.start - 12), span.start)
        ]
        if named or Mentions.within(mentions.person_spans, start, trigger_start):
            return None
        span = Mentions.last_before(mentions.person_spans, pronoun.start())
        found = span.value if span is not None else None
        assert found is None or isinstance(found, Person)
        return found

    def counterparts(
        self, mentions: Mentions, trigger_end: int, end: int
    ) -> list[tuple[Party, Person | None]]:
        """The sides named after a trigger, each once, with its person if one is named."""
        sides: list[tuple[Party, Person | None]] = []
        for span in Mentions.within(mentions.person_spans, trigger_end, end):
            person = span.value
            assert isinstance(person, Person)
            if person.party is not None and all(p != person.party for p, _ in sides):
                sides.append((person.party, person))
        view = mentions.doc.view
        for span in Mentions.within(mentions.parties, trigger_end, end):
            mention = span.value
            assert isinstance(mention, PartyMention)
            before = view[max(0, span.start - 25) : span.start]
            origin = _OFFICIALS_FROM.search(before) is not None  # "officials from the Saudi ..."
            if (_LOCATIVE_BEFORE.search(before) and not origin) or _TOPIC_BEFORE.search(before):
                continue
            if all(p != mention.party for p, _ in sides):
                sides.append((mention.party, None))
        return sides

    def status(self, doc: Document, start: int, trigger_end: int) -> tuple[Status, bool]:
        """Planned when a future or modal word stands in the clause up to the trigger's end.

        Returns the status and whether the text said so (``False`` for the
        default, held).
        """
        if _FUTURE.search(doc.view, start, trigger_end) or _FUTURE_AFTER.match(
            doc.view, trigger_end
        ):
            return Status.PLANNED, True
        sentence = doc.sentence_at(max(start, trigger_end - 1))
        if (
            _DURING_TRIGGER.search(doc.view, max(start, trigger_end - 60), trigger_end)
            or _OPENING_PHRASE.match(doc.view, sentence.start, trigger_end)
        ) and _MAIN_CLAUSE_FUTURE.match(doc.view, trigger_end):
            return Status.PLANNED, True
        return Status.HELD, False

    def reject(self, mentions: Mentions, draft: MeetingDraft) -> bool:
        """Whether a draft is not a meeting: too few sides, or denied or hypothetical."""
        orgs = [p for p in draft.parties if p.kind is PartyKind.ORGANISATION]
        if (
            len(draft.parties) < 2
            and not draft.anaphoric
            and not (orgs and draft.trigger.kind in {"summit", "meeting", "video conference"})
        ):
            return True
        view = mentions.doc.view
        if draft.trigger.kind == "visit" and not self.has_counterpart(mentions, draft):
            return True
        before = view[max(draft.start, draft.trigger_start - 40) : draft.trigger_start]
        before = _TEMPORAL_BREAK.split(before)[-1]  # "had not met since their talks": not the talks
        if _NEGATED.search(before):
            return True
        if _REQUESTED_BEFORE.search(
            view, max(draft.start, draft.trigger_start - 100), draft.trigger_start
        ):
            return True
        # "in the context of talks with Ukraine": a track; "in the context of recent Russian-US
        # talks in Geneva" names its sides and place, an encounter.
        if (
            draft.time is None
            and not (draft.named and draft.place is not None)
            and _PROCESS_BEFORE.search(
                view, max(draft.start, draft.trigger_start - 100), draft.trigger_start
            )
        ):
            return True
        if draft.trigger.kind == "visit" and _DISCUSSED_VISIT.search(
            view, max(draft.start, draft.trigger_start - 80), draft.trigger_start
        ):
            return True  # "They discussed the Secretary-General's visit to Kyiv": a topic
        dated_phrase = draft.time_start is not None and draft.time_start < draft.trigger_start
        cue = _TOPIC_BEFORE_TRIGGER.search(
            view, max(draft.start, draft.trigger_start - 100), draft.trigger_start
        )
        # "the outcomes of the Russia-Iran top-level meeting in Moscow on January 19", "in the
        # context of recent Russian-US talks in Geneva": a meeting that names its sides and its
        # date or place is one, whatever is said of it.
        if cue is None or (draft.named and (draft.time is not None or draft.place is not None)):
            return False
        if draft.trigger.kind != "visit" and _OCCASION_BEFORE.search(
            view, max(draft.start, draft.trigger_start - 30), draft.trigger_start
        ):
            return False  # "discussed the situation ... during his telephone conversations with"
        return draft.time is None or (cue.group("report") is not None and not dated_phrase)

    def has_counterpart(self, mentions: Mentions, draft: MeetingDraft) -> bool:
        """Whether a visit names who was visited.

        A person of another side, or the host government by its capital or
        office ("a working visit to Moscow").

        A head of state or government or a minister visiting a state meets
        its government.  "Pelosi visited Taiwan" names no counterpart and
        reports no meeting.
        """
        sides = {p.party for p in draft.people if p.party is not None}
        if len(sides) >= 2:
            return True
        view = mentions.doc.view
        by = _VISIT_BY.match(view, draft.trigger_end, draft.end)
        visitors = [
            span.value
            for span in (
                *Mentions.within(mentions.person_spans, draft.start, draft.trigger_start),
                *(Mentions.within(mentions.person_spans, by.end(), by.end() + 60) if by else ()),
            )
            if isinstance(span.value, Person)
        ]
        official = any(p.rank in _OFFICIAL_RANKS for p in visitors)
        if official and any(p not in sides for p in draft.parties):
            return True  # "the visit by the President of Uzbekistan to Russia": an official visit
        for span in Mentions.within(mentions.parties, draft.trigger_end, draft.end):
            mention = span.value
            assert isinstance(mention, PartyMention)
            if mention.form in {"capital", "office"} and mention.party not in sides:
                return True
        return False

    def build(
        self, mentions: Mentions, sentence: Sentence, trigger: Trigger, tstart: int, tend: int
    ) -> MeetingDraft | None:
        """The draft for one trigger, or ``None`` when it has no participants at all."""
        doc = mentions.doc
        start, end = self.window(doc, sentence, tstart, tend)
        between = _BETWEEN.match(doc.view, tend, end)
        is_visit = trigger.kind == "visit"
        if between is not None:
            # "the talks held July 17-18 between A and B": the sides are A and B, not the subject.
            parties, people, country = self.participants(
                mentions, between.end(), end, visit=is_visit
            )
        else:
            parties, people, country = self.participants(mentions, start, end, visit=is_visit)
        people = self.attendees(mentions, people, start, tstart)
        compound = _compound_before(mentions, tstart)
        if len(compound) >= 2:
            # "Russian-Palestinian talks", "the U.S.-Honduras Strategic Dialogue": the sides are named.
            parties = tuple(
                dict.fromkeys([*compound, *(p.party for p in people if p.party is not None)])
            )
        speaker = self.subject_by_pronoun(mentions, sentence, start, tstart)
        if speaker is not None and speaker.party is not None and speaker.party not in parties:
            parties = (speaker.party, *parties)
            people = (speaker, *people)
        place = _nearest_place(mentions, start, end, tstart, sentence.end)
        country = country or self.opening_country(mentions, sentence, tstart)
        parties, people = self.host_party(
            mentions, sentence, parties, people, country or (place.country if place else None)
        )
        view = doc.view
        verbal = trigger.phrase.split(" ")[0] in _VERBS
        anaphoric = not verbal and bool(
            _ANAPHORIC_BEFORE.search(view, max(sentence.start, tstart - 30), tstart)
        )
        collective = bool(_COLLECTIVE.search(view, start, end))
        if not parties and not anaphoric and not collective:
            return None
        status, explicit = self.status(doc, start, tend)
        cue = _REMOTE.search(view, max(start, tstart - _MODE_REACH), min(end, tend + _MODE_REACH))
        remote = trigger.mode == "remote" or (trigger.mode == "any" and cue is not None)
        if anaphoric:
            # "the April 6 talks", "their talks in Bali last November": only a date within the phrase.
            time, time_start = _nearest_time(
                mentions, max(sentence.start, tstart - 30), min(sentence.end, tend + 70), tstart
            )
        else:
            # A date of its own clause dates the trigger at any distance: up to the window's
            # end or the next trigger, "had a call with <a long title and name> on 29 April".
            clause_end = self._next_trigger(view, tend, end)
            time, time_start = _nearest_time(
                mentions, sentence.start, sentence.end, tstart, clause_end
            )
        # "Following talks held in Moscow on February 22, they spoke by telephone": a trigger
        # after the phrase of sequence, whose date is the other event's.
        sequence = _last_sequence(view, max(sentence.start, tstart - _SEQUENCE_REACH), tstart)
        comma = view.find(", ", sequence, tstart) if sequence is not None else -1
        # "... after a final day of talks in Doha on Wednesday, during which he met": the same event.
        sequenced = comma >= 0 and not _RELATIVE_AFTER_COMMA.match(view, comma + 2)
        if sequenced and sequence is not None and sequence < (time_start or -1) < comma:
            time, time_start = None, None
        if place is None and not remote and country is None:
            place = self.trip_place(mentions, sentence, parties)
        place = place if not remote else None
        return MeetingDraft(
            trigger=trigger,
            trigger_start=tstart,
            trigger_end=tend,
            start=start,
            end=end,
            sentence=sentence,
            parties=parties,
            people=people,
            status=status,
            status_explicit=explicit,
            mode=Mode.REMOTE if remote else Mode.IN_PERSON,
            time=time,
            time_start=time_start,
            place=place,
            country=None if remote else country,
            background=bool(_BACKGROUND.search(view, max(sentence.start, tstart - 60), end)),
            anaphoric=anaphoric or collective,
            definite=anaphoric,
            host=self.host(mentions, sentence, tstart) if anaphoric else None,
            named=len(compound) >= 2,
            sequenced=sequenced,
        )

    def host(self, mentions: Mentions, sentence: Sentence, tstart: int) -> Party | None:
        """The party that hosts or chairs the meeting a trigger names, if the clause says so.

        ``"Indonesian President Joko Widodo, who hosted the meeting"``,
        ``"appreciation to Canada for hosting the ministerial meeting"``: the
        party named last before the verb.
        """
        view = mentions.doc.view
        verb = _HOSTS_BEFORE.search(view, max(sentence.start, tstart - 60), tstart)
        if verb is None:
            return None
        before = Mentions.within(
            mentions.parties, max(sentence.start, verb.start() - 120), verb.start()
        )
        if not before:
            return None
        mention = before[-1].value
        assert isinstance(mention, PartyMention)
        return mention.party

    def _next_trigger(self, view: str, start: int, end: int) -> int:
        """Where the first trigger between ``start`` and ``end`` starts, or ``end`` if none."""
        found = self._trigger_gazetteer().finditer(view, start, end)
        return next((at for at, _, _ in found), end)

    def _trigger_gazetteer(self) -> Gazetteer:
        """The pattern of every trigger phrase, built on first use."""
        if self._gazetteer is None:
            self._gazetteer = Gazetteer(self.triggers())
        return self._gazetteer

    def attendees(
        self, mentions: Mentions, people: tuple[Person, ...], start: int, tstart: int
    ) -> tuple[Person, ...]:
        """The people of a window who take part, not those who only discuss the meeting.

        ``"Kritenbrink will discuss the upcoming U.S.-ASEAN Special Summit"``:
        whoever discusses or reviews a meeting named as the object is no
        attendee of it.
        """
        view = mentions.doc.view
        cut = None
        for match in _DISCUSS_BEFORE.finditer(view, start, tstart):
            cut = match.start()
        if cut is None:
            return people
        spans = Mentions.within(mentions.person_spans, start, cut)
        speakers = {span.value for span in spans}
        return tuple(p for p in people if p not in speakers)

    def opening_country(self, mentions: Mentions, sentence: Sentence, tstart: int) -> Party | None:
        """A state named where the sentence opens: "In Cambodia, the Assistant Secretary will meet ..."."""
        view = mentions.doc.view
        opening = _OPENING_PLACE.match(view, sentence.start, tstart)
        if opening is None:
            return None
        for span in Mentions.within(mentions.parties, opening.start("place"), opening.end("place")):
            mention = span.value
            assert isinstance(mention, PartyMention)
            if mention.party.kind is PartyKind.STATE and mention.form in {
                "name",
                "alias",
                "capital",
            }:
                return mention.party
        return None

    def trip_place(
        self, mentions: Mentions, sentence: Sentence, parties: tuple[Party, ...]
    ) -> Place | None:
        """Where a trip took the traveller, when the meeting is with that country's side.

        ``"She will then travel to Algiers, Algeria. She will meet with President
        Tebboune."``: a city named as a destination in this sentence or the two
        before it, in the country of one of the parties.  Two cities of one
        country (``"travel to Rabat and Casablanca, Morocco"``) give the
        country alone.
        """
        doc = mentions.doc
        first = doc.sentences[max(0, sentence.index - 2)].start
        view = doc.view
        spans = Mentions.within(mentions.places, first, sentence.end)
        for index in range(len(spans) - 1, -1, -1):
            span = spans[index]
            place = span.value
            assert isinstance(place, Place)
            if place.country in parties and _TRIP_TO.search(
                view, max(0, span.start - 40), span.start
            ):
                before = spans[index - 1] if index else None
                if (
                    before is not None
                    and isinstance(before.value, Place)
                    and before.value.country == place.country
                    and _CITY_PAIR.fullmatch(view, before.end, span.start)
                ):
                    return Place(city=None, country=place.country, evidence=before.value.evidence)
                return place
        return None

    def host_party(
        self,
        mentions: Mentions,
        sentence: Sentence,
        parties: tuple[Party, ...],
        people: tuple[Person, ...],
        country: Party | None,
    ) -> tuple[tuple[Party, ...], tuple[Person, ...]]:
        """Give a counterpart of unknown party the host country.

        ``"She will meet with President Abdelmadjid Tebboune"`` in a readout of
        a trip to Algeria: a person named with a title but no state, in a
        meeting held in (or announced for) a country that is not yet a side,
        acts for that country.  The country is the one the meeting's place
        names, else the last state named as a destination before the sentence.
        """
        unknown = [p for p in people if p.party is None and p.title is not None]
        if len(unknown) != 1:
            return parties, people
        host = country if country is not None and country not in parties else None
        if host is None:
            host = _last_destination(mentions, sentence.start)
        if host is None or host in parties:
            return parties, people
        person = attrs.evolve(unknown[0], party=host)
        return (*parties, host), tuple(person if p is unknown[0] else p for p in people)

    def split(self, mentions: Mentions, draft: MeetingDraft) -> tuple[MeetingDraft, ...]:
        """One draft per counterpart when the trigger reports several meetings.

        ``"telephone conversations with A and B"``, ``"bilateral meetings
        with A and B"``, ``"separate talks with A and B"``, ``"will meet with
        senior officials from A and B"`` (up to three): the subject met each
        counterpart on its own.
        """
        view = mentions.doc.view
        plural = draft.trigger.phrase.endswith("s") and draft.trigger.kind not in {
            "talks",
            "negotiations",
            "consultations",
        }
        separate = bool(
            _SEPARATE.search(view, max(draft.start, draft.trigger_start - 20), draft.trigger_end)
        )
        officials = _OFFICIALS_OF.match(view, draft.trigger_end) is not None
        if not (plural or separate or officials):
            return (draft,)
        sides = self.counterparts(mentions, draft.trigger_end, draft.end)
        subject = [p for p in draft.parties if all(p != q for q, _ in sides)]
        if len(sides) < 2 or not subject:
            return (draft,)
        if officials and not (plural or separate) and len(sides) > _OFFICIALS_SPLIT:
            return (draft,)  # "officials from ten African states": one gathering
        drafts = []
        for party, person in sides:
            people = tuple(p for p in draft.people if p.party in subject or p is person)
            drafts.append(attrs.evolve(draft, parties=(*subject, party), people=people))
        return tuple(drafts)


def _last_sequence(view: str, start: int, end: int) -> int | None:
    """Where the last word of sequence ("Following", "after") between two offsets ends."""
    found = None
    for match in _SEQUENCE.finditer(view, start, end):
        found = match.end()
    return found


def _country_of(mention: PartyMention) -> Party | None:
    """The state a mention names, if it is a state."""
    return mention.party if mention.party.kind is PartyKind.STATE else None


def _compound_before(mentions: Mentions, tstart: int) -> list[Party]:
    """The parties of a hyphenated compound right before a trigger ("U.S.-Russian meeting")."""
    view = mentions.doc.view
    spans = Mentions.within(mentions.parties, max(0, tstart - 120), tstart)
    for index in range(len(spans) - 1, -1, -1):
        if _COMPOUND_GAP.fullmatch(view, spans[index].end, tstart):
            break
    else:
        return []
    chain: list[Party] = []
    end = spans[index].end
    for span in reversed(spans[: index + 1]):
        if span.end != end:
            break
        mention = span.value
        assert isinstance(mention, PartyMention)
        chain.insert(0, mention.party)
        if span.start == 0 or view[span.start - 1] not in "-\u2013":
            break
        end = span.start - 1
    return chain if len(chain) >= 2 else []


def _last_destination(mentions: Mentions, before: int) -> Party | None:
    """The last state named as a destination ("travel to Cambodia") before an offset."""
    view = mentions.doc.view
    for span in reversed(
        Mentions.within(mentions.parties, max(0, before - _DESTINATION_REACH), before)
    ):
        mention = span.value
        assert isinstance(mention, PartyMention)
        if mention.party.kind is PartyKind.STATE and _TRIP_TO.search(
            view, max(0, span.start - 40), span.start
        ):
            return mention.party
    return None


def _after_place(mentions: Mentions, start: int) -> bool:
    """Whether a place ends just before ``start`` (``"Istanbul, "`` before ``"Türkiye"``)."""
    nearby = Mentions.within(mentions.places, max(0, start - _PLACE_NAME_MAX), start)
    return any(p.end == start - 2 for p in nearby)


def _nearest_time(
    mentions: Mentions, start: int, end: int, tstart: int, clause_end: int | None = None
) -> tuple[TimeMention | None, int | None]:
    """The time mention between ``start`` and ``end`` nearest to the trigger, if any.

    A date farther than ``_TIME_REACH`` characters from the trigger counts
    only when it opens the sentence ("Yesterday in Washington, DC, ...") or
    stands after the trigger in its clause, before ``clause_end``.
    """
    best: Span | None = None
    view = mentions.doc.view
    intro = _INTRO_TIME.match(view, start, tstart)
    for span in Mentions.within(mentions.times, start, end):
        opens = intro is not None and span.end <= intro.end()
        own = (
            clause_end is not None
            and tstart < span.start
            and span.end <= clause_end
            and not _OTHER_EVENT_TIME.search(view, tstart, span.start)
        )
        far = abs(span.start - tstart) > _TIME_REACH and not opens and not own
        if far or _NOT_EVENT_TIME.search(view, max(0, span.start - 30), span.start):
            continue
        if view.startswith("'s ", span.end) and not (
            span.end < tstart and _POSSESSIVE_TO_TRIGGER.fullmatch(view, span.end, tstart)
        ):
            continue  # "Tuesday's meeting followed a call ...": the date is the meeting's, not the call's
        if best is None or abs(span.start - tstart) < abs(best.start - tstart):
            best = span
    if best is None:
        return None, None
    assert isinstance(best.value, TimeMention)
    return best.value, best.start


def _nearest_place(
    mentions: Mentions, start: int, end: int, tstart: int, limit: int
) -> Place | None:
    """The place of a meeting, if the sentence names one.

    Named in its window nearest to the trigger, or after the window where a
    preposition of place introduces it ("on the margins of the Munich
    Security Conference"), up to ``limit``.

    Two cities of one country ("in Istanbul and Ankara, Turkey") give the country alone.
    """
    view = mentions.doc.view
    candidates: list[Span] = []
    for span in Mentions.within(mentions.places, start, limit):
        place = span.value
        assert isinstance(place, Place)
        locative = _LOCATIVE.search(view, max(0, span.start - 30), span.start) is not None
        if span.start >= end and not _LOCATION_AFTER.search(
            view, max(0, span.start - 30), span.start
        ):
            continue
        metonym = place.evidence.rule.endswith(".venue") or (
            place.country is not None
            and place.city is not None
            and _is_party_mention(mentions, span.start)
        )
        if metonym and not locative:
            continue  # "relations between Moscow and New Delhi": the capitals stand for states
        if place.evidence.rule.endswith(".venue") and _FROM_BEFORE.search(
            view, max(0, span.start - 12), span.start
        ):
            continue  # "a delegation from the Department of State": where it came from
        candidates.append(span)
    if not candidates:
        return None
    best = min(candidates, key=lambda span: abs(span.start - tstart))
    place = best.value
    assert isinstance(place, Place)
    pair = [c for c in candidates if abs(c.start - best.start) < 40 and isinstance(c.value, Place)]
    cities = {c.value.city for c in pair if isinstance(c.value, Place)}
    if len(cities) > 1 and len({c.value.country for c in pair if isinstance(c.value, Place)}) == 1:
        return Place(city=None, country=place.country, evidence=place.evidence)
    return place


def _inside_place(mentions: Mentions, span: Span) -> bool:
    """Whether a party mention lies inside a longer place name ("Sudan" in "Port Sudan")."""
    for place in Mentions.within(mentions.places, max(0, span.start - 40), span.end):
        longer = place.end - place.start > span.end - span.start
        if place.start <= span.start and span.end <= place.end and longer:
            return True
    return False


def _is_party_mention(mentions: Mentions, start: int) -> bool:
    """Whether a party mention starts at ``start``.

    A capital, an office, or a state named like its capital ("Monaco",
    "Luxembourg"): such a place is where a meeting is only after "in" or "at".
    """
    spans = Mentions.within(mentions.parties, start, start + 60)
    return bool(spans) and spans[0].start == start
