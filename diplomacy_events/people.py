"""Finding people: names with their titles, ranks and the parties they act for.

Diplomatic prose names people in a few recurring shapes, and each is one
rule of :class:`PersonFinder`:

* a title before the name, with the party before the title or after it:
  ``"Egyptian President Abdel Fattah Al Sisi"``,
  ``"President of the Kyrgyz Republic Sadyr Japarov"``;
* a name with its title in apposition:
  ``"Sonata Coulter, Deputy Assistant Secretary of State for European and
  Eurasian Affairs"``, ``"Aleksandr Darchiev, Moscow's newly appointed
  ambassador to Washington"``;
* a well-known official named alone (``"Vladimir Putin"``), from the
  officials word list, even by surname alone (``"Blinken"``);
* the head of a side named with no title before the name (``"The Israeli
  team was led by David Barnea"``);
* a later mention by surname or by title and surname, linked to the first.

>>> from diplomacy_events.people import PersonFinder
>>> from diplomacy_events.parties import PartyFinder
>>> from diplomacy_events.text import Document
>>> doc = Document.from_text("Egyptian President Abdel Fattah Al Sisi met Blinken.", headline=False)
>>> people = PersonFinder().find(doc, PartyFinder().find(doc))
>>> [(p.name, p.title, p.rank.value, p.party.code if p.party else None) for p in people]
[('Abdel Fattah Al Sisi', 'President', 'head_of_state', 'EGY'), ('Antony Blinken', None, 'minister', 'USA')]
"""

from __future__ import annotations

import bisect
import datetime
from collections.abc import Iterable, Mapping, Sequence

import attrs
import regex

from diplomacy_events._gazetteer import Gazetteer
from diplomacy_events.base import load_phrases
from diplomacy_events.lexicon import Lexicon, Official, default_lexicon
from diplomacy_events.model import Party, PartyMention, Person, Rank
from diplomacy_events.text import Document

__all__ = ["PersonFinder"]

# Words that join the parts of a name ("Mohammed bin Salman", "Lula da Silva").
_PARTICLES = r"(?:bin|bint|ibn|al|el|de|da|do|dos|das|van|von|der|den|le|la|du|di|del|y)"

# A personal name: up to six capitalised words, joined by spaces or particles.
_NAME = regex.compile(
    rf"""
    (?<![\p{{L}}\p{{N}}'.\-])        # starts a word
    \p{{Lu}}(?:\.|[\p{{L}}'\-]*+)     # a capitalised word or an initial ("J.")
    (?:
      [ ](?:{_PARTICLES}[ \-]){{0,2}}+  # a space, maybe particles: "al-Kadhimi", "van der Berg"
      \p{{Lu}}(?:\.|[\p{{L}}'\-]*+)   # the next capitalised word
    ){{0,5}}
    """,
    regex.VERBOSE,
)

# What may stand between a title and the name it introduces.
_TITLE_TO_NAME = regex.compile(
    r"""
    ,?+[ ]              # a space, maybe after a comma: "the foreign minister, Wunna Maung Lwin"
    (?=\p{Lu})          # then a capital letter
    """,
    regex.VERBOSE,
)

# "of the" between a title and the party it belongs to.
_OF_PARTY = regex.compile(r"[ ]of[ ](?:the[ ])?+")

# A portfolio after a title: "for European and Eurasian Affairs".
_PORTFOLIO = regex.compile(
    r"""
    [ ]for[ ]                                   # "for"
    \p{Lu}[\p{L}\-]*+                           # a capitalised word
    (?:(?:[ ]and|,)?+[ ]\p{Lu}[\p{L}\-]*+){0,6} # more of them, with "and" or commas
    """,
    regex.VERBOSE,
)

# A party's acronym in brackets: "(ROK)", "(DPRK)".
_ACRONYM = r"\([\p{Lu}\p{Ll}.]{2,10}\)"

# An institution between a party and a title: "Estonian Foreign Ministry Secretary General",
# "Japanese Ministry of Foreign Affairs Director General", "Republic of Korea (ROK) Special
# Representative" (the party's acronym in brackets).
_INSTITUTION_BEFORE_TITLE = regex.compile(
    r"(?:"
    + _ACRONYM
    + r"""                                         # "(ROK)"
    | (?:Foreign|Defen[cs]e|Interior|Economy|Finance)[ ]Ministry    # "Foreign Ministry"
    | Ministry[ ]of[ ](?:Foreign|External)[ ]Affairs(?:[ ]and[ ]\p{Lu}\p{Ll}++)?
    | Ministry[ ]of[ ](?:Defen[cs]e|Foreign[ ]Trade|Economy|Finance)
    | (?:Federal[ ])?Ministry[ ](?:of|for)(?:[ ](?:\p{Lu}\p{Ll}++|and)){1,7}  # "Ministry for Economic
                                                                        # Affairs and Climate Action"
    | (?:Embassy|Mission|Government)                                 # "U.S. Embassy Spokesperson"
    )[ ]$
    """,
    regex.VERBOSE,
)

# A body after a party named after a title: "Speaker of the Mongolian Parliament".
_BODY_AFTER_PARTY = regex.compile(
    r"[ ](?:Parliament|Government|Senate|National[ ]Assembly|State[ ]Duma|Congress|Cabinet"
    r"|Foreign[ ]Ministry|Ministry[ ]of[ ]Foreign[ ]Affairs)\b"
)

# A party's acronym in brackets after its name: " (DPRK)".
_ACRONYM_AFTER = regex.compile(r"[ ]" + _ACRONYM)

# How far before a title the institution and its party may start.
_INSTITUTION_REACH = 60

# An affiliation after a titled name: "Political Director Jernej Müller, Slovenian Ministry of
# Foreign Affairs", "Robin Dunnigan, Bureau of European and Eurasian Affairs, U.S. Department of
# State": the party mention starts where this ends.
_AFFILIATION_AFTER = regex.compile(
    r"""
    ,[ ]
    (?:(?:the[ ])?(?:Bureau|Office|Directorate|Division|Department)[ ]of[ ][^,;.]{1,60}+,[ ])?+
    (?:the[ ])?+
    """,
    regex.VERBOSE,
)

# An institution named by a party mention or right after one: "U.S. Department of State",
# "Slovenian Ministry of Foreign Affairs", "the Japanese Embassy".
_INSTITUTIONS = r"(?:Ministry|Department|Embassy|Mission|Government)"
_INSTITUTION_WORD = regex.compile(r"\b(?:" + _INSTITUTIONS + r"|Office)\b")
_INSTITUTION_AFTER = regex.compile(r"[ ](?:Foreign[ ]|Defen[cs]e[ ])?" + _INSTITUTIONS + r"\b")

# The last word of a portfolio: "for East Asian and Pacific Affairs", "for ... Human Rights".
_PORTFOLIO_END = regex.compile(
    r"""
    \b(?:Affairs|Security|Policy|Rights|Issues|Cooperation|Development|Relations|Control|Nonproliferation
    | Trade|Energy|Defen[cs]e|Democracy|Labor|Labour|Operations|Diplomacy|Region|Europe|Eurasia|Asia
    | Africa|Americas|Pacific|Resources|Environment|Growth|Economics|Economy|Terrorism|Humanitarian)\b
    """,
    regex.VERBOSE,
)

# Between a name and a title in apposition: "Darchiev, Moscow's newly appointed ambassador".
_APPOSITION = regex.compile(
    r"""
    ,[ ]                                       # a comma
    (?:the[ ])?+                               # maybe "the"
    (?P<owner>\p{Lu}[\p{L}.\-]*+(?:[ ]\p{Lu}[\p{L}.\-]*+){0,3}'s[ ])?  # "Moscow's ", "the UN Secretary-General's "
    (?:(?:newly[ ])?+(?:appointed|elected|acting|new|then|former|current|outgoing)[ ]){0,2}
    (?=\p{L})                                  # then the title
    """,
    regex.VERBOSE,
)

# A delegation's head named without a title before the name: "The Israeli team was led by
# David Barnea, head of the Mossad", "Hamas was represented by its Gaza chief Khalil al-Hayya".
_LED_BY_NAME = regex.compile(
    r"""
    \b(?:delegation|team|side)s?+[ ](?:was|were|is|will[ ]be)[ ](?:led|headed)[ ]by[ ]
    | \b(?:was|were|is)[ ]represented[ ]by[ ](?:its|their|the[ ]\p{Lu}\p{Ll}++)[ ]
    """,
    regex.VERBOSE,
)

# How far after "led by" or "represented by its" the name may start ("its Gaza chief Khalil").
_LED_NAME_REACH = 40

# How far before "team was led by" the party of the team may stand.
_LED_PARTY_REACH = 60

# States whose names put the family name first: "Xi Jinping" is "Xi" alone and later on.
FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "KOR", "PRK", "VNM", "KHM", "MNG"})

# Officials' surnames that are also common words, given names or other people's surnames:
# never read alone as the official ("May", "Said", "Power", "Johnson", "Li").
_AMBIGUOUS_SURNAMES = frozenset(
    """
    May Said Power Price Johnson Harris Martin Henry Austin Michel Ahmed Sharif Dan Jin Abe
    Marcos Petro Sullivan Sherman Rice Kerry King Young Moon Lee Kim Park Li Wang Zhang Liu
    Chen Yang Zhao Wu Han Choi Khan Ali Hassan Hussein Abdullah Mohammed Muhammad Smith Brown
    Jones Wilson Taylor Scott Carter Bush Clinton Jackson Lopez Garcia Fernandez Rodriguez
    Sanchez Perez Gonzalez Silva Santos Costa Singh Kumar Sato Suzuki Tanaka Nguyen Tran Le
    """.split()
)

# Lower-case-free particles of Arabic names: "Al Thani", "Bin Salman".
_PARTICLE_WORDS = frozenset({"Al", "Bin", "El", "Ibn", "Abu"})

# A capitalised word or an initial right before a surname: a first name of someone else.
_NAME_BEFORE = regex.compile(r"(?:\p{Lu}\p{Ll}++|\p{Lu}\.)[ ]$")

# One-word titles written in lower case too ("Moscow's ambassador", "Biden's envoy"); others
# ("president", "secretary") are too often plain nouns.
_LOWER_CASE_TITLES = frozenset({"Ambassador", "Minister", "Envoy", "Aide"})

# A region before a lower-case title in apposition: "President Joe Biden's Middle East envoy".
_REGION_BEFORE_TITLE = regex.compile(r"(?:\p{Lu}\p{Ll}++[ ]){1,2}")

# A name starting right after a title: the title belongs to that name.
_NAME_NEXT = regex.compile(r"[ ]\p{Lu}\p{Ll}")

# "to Washington" after an ambassador's title names where they are posted, not their party.
_POSTED_TO = regex.compile(r"[ ](?:to|in)[ ](?:the[ ])?+")

# Ranks of which a state has one holder at a time: "the Russian President".
_HOLDER_RANKS = frozenset({Rank.HEAD_OF_STATE, Rank.HEAD_OF_GOVERNMENT, Rank.MINISTER})

# Words that are pronouns at the start of a sentence but names after a title ("He Lifeng").
_PRONOUNS = frozenset({"He", "Her", "His", "She"})

# Two words glued together by a scraper: "SadyrPresident" (but not "McGurk" or "DeSantis").
_GLUED = regex.compile(r"\p{Ll}{3}\p{Lu}")

# Capitalised words that start sentences or titles but never names.
_NOT_NAMES = frozenset(
    """
    The A An And Or But Of In On At To For From By With As After Before During Since Until
    This That These Those It Its His Her Their Our We I He She They You Your My
    Mr Mrs Ms Dr Sir Madam Excellency Majesty Highness His Her Royal Honorable Honourable
    Both Each Other Today Yesterday Tomorrow Also Meanwhile However Earlier Later Then
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    Secretary President Minister Ministry Prime Deputy Foreign Affairs State Department
    Ambassador Government Republic Kingdom Federation Union Council Office Embassy
    Chancellor King Queen Emir Crown Prince Sheikh Sultan Vice Under Assistant Special Envoy
    Representative Director General Spokesperson Spokesman Press Chairman Chair Head
    Russian American National Security Senior Official Officials Leader Leaders Strategic
    Dialogue Talks Summit Meeting Conference Consultations Statement Readout Joint
    Telephone Conversation Call Phone Visit Visits Travel Remarks Media Note
    """.split()
)


@attrs.frozen(kw_only=True)
class _Draft:
    """A person found by one rule, before mentions of one person are merged."""

    start: int
    end: int
    name: str
    title: str | None
    rank: Rank
    party: Party | None
    rule: str


def _name_draft(
    name: regex.Match[str],
    kept: Sequence[str],
    *,
    title: str | None,
    rank: Rank,
    rule: str,
    party: Party | None = None,
) -> _Draft:
    """The draft of a name match as :meth:`PersonFinder.clean_name` kept it: from its first kept word."""
    start = name.start() + name.group().index(kept[0])
    text = " ".join(kept)
    return _Draft(
        start=start,
        end=start + len(text),
        name=text,
        title=title,
        rank=rank,
        party=party,
        rule=rule,
    )


class PersonFinder:
    """Finds the people of a document, each at its first mention.

    Hooks for subclasses:

    * :meth:`titles`: the titles looked for, with their ranks;
    * :meth:`officials`: people known by name, with party and rank;
    * :meth:`clean_name`: what of a run of capitalised words is the name;
    * :meth:`title_party`: the party a title alone implies (``"Secretary of State"``).
    """

    rule = "person"
    """The prefix of the evidence rule ids this finder writes."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon if lexicon is not None else default_lexicon()
        self._title_gazetteer: Gazetteer | None = None
        self._official_gazetteer: Gazetteer | None = None
        self._officials: dict[str, Official] | None = None
        self._titles: dict[str, Rank] | None = None
        self._surname_set: frozenset[str] | None = None
        self._by_party: dict[str, list[Official]] | None = None
        self._by_title: dict[str, list[Official]] | None = None
        self._offices: dict[str, list[Official]] | None = None
        self._alone: dict[str, str] | None = None
        self._alone_gazetteer: Gazetteer | None = None

    # -- hooks ---------------------------------------------------------

    def titles(self) -> Mapping[str, Rank]:
        """Titles as written, capitalised and in lower case, with their ranks."""
        if self._titles is None:
            table: dict[str, Rank] = {}
            for title, rank in self.lexicon.titles.items():
                table.setdefault(title, rank)
                if " " in title or title in _LOWER_CASE_TITLES:
                    table.setdefault(title.lower(), rank)
            self._titles = table
        return self._titles

    def officials(self) -> Mapping[str, Official]:
        """Officials by the names they are written with."""
        if self._officials is None:
            self._officials = {}
            for official in self.lexicon.officials:
                self._officials.setdefault(official.name, official)
        return self._officials

    def clean_name(self, words: Sequence[str], *, after_title: bool = False) -> Sequence[str]:
        """The words of a capitalised run that form the name (maybe none).

        The default drops leading words that cannot start a name (articles,
        honorifics, titles) and stops at the first word that names a party.
        Right after a title, a first word such as "He" is a name ("Vice
        Premier He Lifeng") when more name follows.
        """
        start = 0
        while start < len(words) and (
            words[start] in _NOT_NAMES or words[start].rstrip(".") in _NOT_NAMES
        ):
            if after_title and words[start] in _PRONOUNS and start + 1 < len(words):
                break
            start += 1
        out: list[str] = []
        for position, word in enumerate(words[start:]):
            if word.endswith("'s") and word[:-2] not in _NOT_NAMES:
                out.append(word[:-2])  # "Kritenbrink's Travel": the name ends here
                break
            pronoun_name = after_title and position == 0 and word in _PRONOUNS
            if (word in _NOT_NAMES and not pronoun_name) or word in out or _GLUED.search(word):
                break
            out.append(word)
        return out

    def title_party(self, title: str) -> Party | None:
        """The party a title implies by itself (``data/title_parties.tsv``), if any."""
        code = dict(load_phrases("title_parties.tsv")).get(title)
        return self.lexicon.parties.get(code) if code else None

    # -- the rules -----------------------------------------------------

    def find(
        self, doc: Document, parties: Sequence[PartyMention], published: datetime.date | None = None
    ) -> tuple[Person, ...]:
        """Every person of ``doc`` at their first mention, with the best title and party known.

        ``parties`` are the document's party mentions, used to tell whose
        official a title names; ``published`` dates the officials list, so
        that "the President of Russia" names whoever held the office then.
        """
        by_start = {doc.view_offset(m.evidence.start): m for m in parties}
        by_end = {doc.view_offset(m.evidence.end): m for m in parties}
        drafts = [
            *self._titled(doc, by_start, by_end, published),
            *self._appositions(doc, by_start),
            *self._known(doc),
            *self._led(doc, parties),
        ]
        # "Ahmed Novak ... Novak said": a surname of someone the text names is theirs, not
        # the official's who shares it.
        named = {word for draft in drafts for word in draft.name.split(" ")}
        drafts += [d for d in self._known_by_surname(doc) if doc.view[d.start : d.end] not in named]
        return self._merge(doc, drafts, published)

    def _titled(
        self,
        doc: Document,
        by_start: Mapping[int, PartyMention],
        by_end: Mapping[int, PartyMention],
        published: datetime.date | None,
    ) -> Iterable[_Draft]:
        """People introduced by a title: ``"[party] TITLE [of PARTY] [for PORTFOLIO] NAME"``.

        A chain of titles (``"Vice Prime Minister and Foreign Minister"``)
        shares the party named before its first title.  A title with a party
        and no name (``"the President of Russia"``) names the one official of
        the officials list who held it on the publication date, if any.
        """
        if self._title_gazetteer is None:
            self._title_gazetteer = Gazetteer(self.titles())
        view = doc.view
        titles = self.titles()
        chain_party: dict[int, PartyMention] = {}
        for tstart, tend, title in self._title_gazetteer.finditer(view):
            party = None
            cursor = tend
            of = _OF_PARTY.match(view, cursor)
            if of and of.end() in by_start:
                mention = by_start[of.end()]
                party = mention.party
                cursor = doc.view_offset(mention.evidence.end)
                # "Speaker of the Mongolian Parliament Zandanshatar": the body is no part of the name
                body = _BODY_AFTER_PARTY.match(view, cursor)
                cursor = body.end() if body is not None else cursor
            portfolio = _PORTFOLIO.match(view, cursor)
            ends = (
                list(_PORTFOLIO_END.finditer(view, portfolio.start(), portfolio.end()))
                if portfolio
                else []
            )
            # "for European and Eurasian Affairs", else "for Yemen", "for the DPRK"
            cursor = ends[-1].end() if ends else _portfolio_party_end(doc, cursor, by_start)
            before = chain_party.get(tstart) or _party_before(view, tstart, by_end)
            if before is not None:
                if view.startswith(" and ", tend):
                    chain_party[tend + 5] = before
                if cursor > tend and view.startswith(" ", cursor):
                    # "U.S. Special Representative for the DPRK Ambassador Sung Kim": a second
                    # title after the portfolio is the same person's, of the same party.
                    chain_party[cursor + 1] = before
                if party is None:
                    party = before.party
            canonical = title if title[0].isupper() else title.capitalize()
            gap = _TITLE_TO_NAME.match(view, cursor)
            name = _NAME.match(view, gap.end()) if gap is not None else None
            kept = (
                self.clean_name(name.group().split(" "), after_title=True)
                if name is not None
                else []
            )
            if (
                name is None
                or not kept
                or (len(kept) == 1 and kept[0] not in self._surnames() and title[0].islower())
            ):
                # Without a party, only "the Emir", "the Chief Negotiator": a title that names
                # one person by itself, not a word such as "Sultan" inside "Nur-Sultan".
                definite = view[max(0, tstart - 4) : tstart] in {"the ", "The "}
                holder = (
                    self._holder(canonical, titles[title], party, published)
                    if party is not None or definite
                    else None
                )
                if holder is not None:
                    yield _Draft(
                        start=tstart,
                        end=cursor,
                        name=holder.name,
                        title=canonical,
                        rank=titles[title],
                        party=party or self.lexicon.parties.get(holder.party),
                        rule="title-holder",
                    )
                continue
            assert name is not None
            draft = _name_draft(name, kept, title=canonical, rank=titles[title], rule="title")
            if party is None:  # "Jernej Müller, Slovenian Ministry ...", else the title's own
                affiliation = _affiliation_after(doc, draft.end, by_start)
                party = affiliation.party if affiliation is not None else None
            yield attrs.evolve(draft, party=party or self.title_party(canonical))

    def _officials_of(self, party: str | None, title: str) -> Sequence[Official]:
        """The officials of a party (any rank), or those with a title (any party)."""
        if self._by_party is None:
            by_party: dict[str, list[Official]] = {}
            by_title: dict[str, list[Official]] = {}
            for official in self.lexicon.officials:
                by_party.setdefault(official.party, []).append(official)
                by_title.setdefault(official.title, []).append(official)
            self._by_party, self._by_title = by_party, by_title
        assert self._by_title is not None
        return self._by_party.get(party, []) if party is not None else self._by_title.get(title, [])

    def _holder(
        self, title: str, rank: Rank, party: Party | None, published: datetime.date | None
    ) -> Official | None:
        """The one official who held a title on a date ("the President of Russia", "the Emir").

        With a party, the one official of that party with the title (or,
        failing that, the rank); without one, the one official of the whole
        list with exactly that title.  ``None`` when there is no publication
        date, or not exactly one such official.
        """
        if published is None:
            return None
        serving = [
            o
            for o in self._officials_of(party.code if party is not None else None, title)
            if _serving(o, published)
        ]
        exact = {o.name: o for o in serving if o.title == title}
        if len(exact) == 1:
            return next(iter(exact.values()))
        if party is None or exact or rank not in _HOLDER_RANKS:
            return None
        ranked = {o.name: o for o in serving if o.rank is rank}
        return next(iter(ranked.values())) if len(ranked) == 1 else None

    def _appositions(self, doc: Document, by_start: Mapping[int, PartyMention]) -> Iterable[_Draft]:
        """People with a title in apposition: ``"NAME, [PARTY's] TITLE [to PLACE]"``."""
        if self._title_gazetteer is None:
            self._title_gazetteer = Gazetteer(self.titles())
        view = doc.view
        titles = self.titles()
        for name in _NAME.finditer(view):
            app = _APPOSITION.match(view, name.end())
            if app is None:
                continue
            title_match = next(
                self._title_gazetteer.finditer(view, app.end(), app.end() + 80), None
            )
            if (
                title_match is None
                or not (
                    title_match[0] == app.end()
                    or (  # "Brett McGurk, President Joe Biden's Middle East envoy"
                        title_match[2][:1].islower()
                        and _REGION_BEFORE_TITLE.fullmatch(view, app.end(), title_match[0])
                    )
                )
            ):
                continue
            words = name.group().split(" ")
            kept = self.clean_name(words)
            if len(kept) < 2:
                continue
            party = None
            if app.group("owner"):
                owner = by_start.get(app.start("owner"))
                party = owner.party if owner else self._official_party(app.group("owner"))
            if party is None:
                of = _OF_PARTY.match(view, title_match[1])
                if of and of.end() in by_start:
                    party = by_start[of.end()].party
            after_title = title_match[1]
            of = _OF_PARTY.match(view, after_title)
            if of and of.end() in by_start:
                after_title = doc.view_offset(by_start[of.end()].evidence.end)
            if _NAME_NEXT.match(view, after_title):
                continue  # "Vladimir Putin, President of Azerbaijan Ilham Aliyev": the title is the next person's
            title = title_match[2]
            canonical = title if title[0].isupper() else title.capitalize()
            yield _name_draft(
                name,
                kept,
                title=canonical,
                rank=titles[title],
                party=party or self.title_party(canonical),
                rule="apposition",
            )

    def _official_party(self, owner: str) -> Party | None:
        """The party of a well-known official named as an owner: "President Joe Biden's "."""
        words = owner.removesuffix(" ").removesuffix("'s").split(" ")
        officials = self.officials()
        for start in range(len(words)):
            official = officials.get(" ".join(words[start:]))
            if official is None and start == len(words) - 1:
                name = self.surnames_alone().get(words[start])
                official = officials.get(name) if name is not None else None
            if official is not None:
                return self.lexicon.parties.get(official.party)
        return None

    def _led(self, doc: Document, parties: Sequence[PartyMention]) -> Iterable[_Draft]:
        """Heads of a side named with no title before the name.

        ``"The Israeli team was led by David Barnea, head of the Mossad"``,
        ``"Hamas was represented by its Gaza chief Khalil al-Hayya"``: the
        side is the party named just before; the first name of two words or
        more within a few words after "by" is its head.  A name after a
        title (``"led by Deputy Foreign Minister Sergei Ryabkov"``) is the
        titled rule's.
        """
        if self._title_gazetteer is None:
            self._title_gazetteer = Gazetteer(self.titles())
        view = doc.view
        ends = sorted((doc.view_offset(m.evidence.end), m) for m in parties)
        for match in _LED_BY_NAME.finditer(view):
            at = bisect.bisect_left(ends, match.start(), key=lambda e: e[0])
            before = ends[at - 1][1] if at else None
            if before is None or match.start() - ends[at - 1][0] > _LED_PARTY_REACH:
                continue
            for name in _NAME.finditer(view, match.end(), match.end() + _LED_NAME_REACH):
                title = next(self._title_gazetteer.finditer(view, name.start(), name.end()), None)
                if title is not None:
                    break  # "led by Deputy Foreign Minister Sergei Ryabkov": a titled person
                kept = self.clean_name(name.group().split(" "))
                if len(kept) < 2:
                    continue  # "its Gaza chief": a place, then the name
                yield _name_draft(
                    name, kept, title=None, rank=Rank.OTHER, party=before.party, rule="led"
                )
                break

    def _known(self, doc: Document) -> Iterable[_Draft]:
        """Well-known officials named without a title."""
        if self._official_gazetteer is None:
            self._official_gazetteer = Gazetteer(self.officials())
        for start, end, name in self._official_gazetteer.finditer(doc.view):
            yield self._official_draft(start, end, name)

    def _official_draft(self, start: int, end: int, name: str) -> _Draft:
        """A well-known official, named without a title at ``start:end``."""
        official = self.officials()[name]
        return _Draft(
            start=start,
            end=end,
            name=name,
            title=None,
            rank=official.rank,
            party=self.lexicon.parties.get(official.party),
            rule="official",
        )

    def surnames_alone(self) -> Mapping[str, str]:
        """The surnames that name a well-known official alone, with the official's full name.

        Wire copy writes "Putin" and "Erdogan" from the first mention.  A
        surname names its official when it is theirs alone in the officials
        list, is no common word or name ("May", "Johnson", "Li"), and
        the name has no particle ("bin Salman" is a patronymic).  The family
        name comes first for the states that write it so ("Xi" for Xi Jinping).
        """
        if self._alone is None:
            offices: dict[str, set[tuple[str, str, str | None]]] = {}
            for official in self.lexicon.officials:
                offices.setdefault(official.name, set()).add(
                    (official.party, official.title, official.since)
                )
            owners: dict[str, list[str]] = {}  # surname -> names, in the list's order
            for official in self.lexicon.officials:
                words = official.name.split()
                family_first = official.party in FAMILY_NAME_FIRST
                for surname in (words[0] if family_first else words[-1],):
                    names = owners.setdefault(surname, [])
                    if official.name not in names:
                        names.append(official.name)
            alone: dict[str, str] = {}
            for surname, names in owners.items():
                first = names[0]
                # Two spellings of one person ("Sergei"/"Sergey Lavrov") share an office.
                if any(not offices[first] & offices[other] for other in names[1:]):
                    continue  # a surname of two people names neither
                words = first.split()
                family_first = surname == words[0] and surname != words[-1]
                particle = any(w[:1].islower() or w in _PARTICLE_WORDS for w in words)
                short = len(surname) < (2 if family_first else 4)
                if (
                    len(words) >= 2
                    and not (particle or short)
                    and surname not in _AMBIGUOUS_SURNAMES
                ):
                    alone[surname] = first
            self._alone = alone
        return self._alone

    def _known_by_surname(self, doc: Document) -> Iterable[_Draft]:
        """Well-known officials named by surname alone: "Putin had a telephone conversation with Erdogan"."""
        alone = self.surnames_alone()
        if not alone:
            return
        if self._alone_gazetteer is None:
            self._alone_gazetteer = Gazetteer(alone)
        view = doc.view
        for start, end, surname in self._alone_gazetteer.finditer(view):
            if _NAME_BEFORE.search(view, max(0, start - 30), start) or _NAME_NEXT.match(view, end):
                continue  # "Hunter Biden", "Trump Tower": someone, or something, else
            yield self._official_draft(start, end, alone[surname])

    def _surnames(self) -> frozenset[str]:
        """Surnames of the known officials, which may stand alone after a title."""
        if self._surname_set is None:
            self._surname_set = frozenset(o.name.split()[-1] for o in self.lexicon.officials)
        return self._surname_set

    def _official_by_surname(self, name: str) -> Official | None:
        """The one official whose surname is ``name`` when ``name`` is a single word."""
        if " " in name:
            return None
        matches = {o.party: o for o in self.lexicon.officials if o.name.split()[-1] == name}
        return next(iter(matches.values())) if len(matches) == 1 else None

    def _office(
        self,
        name: str,
        title: str | None,
        party: Party | None,
        published: datetime.date | None,
    ) -> Official | None:
        """The office of a well-known official that a mention of them names, if they are one.

        Of the offices the person held (one entry each in the officials
        list, and the one :meth:`officials` gives first), those of the party
        the text gives, then those of the title it gives, then those held on
        the publication date, as long as any is left: "Prime Minister Antonio
        Costa" in 2020 is Portugal's, not the European Council's President he
        became in 2024.
        """
        if self._offices is None:
            offices: dict[str, list[Official]] = {}
            for official in self.lexicon.officials:
                offices.setdefault(official.name, []).append(official)
            self._offices = offices
        candidates = list(self._offices.get(name, ()))
        hooked = self.officials().get(name)
        if hooked is not None and hooked not in candidates:
            candidates.insert(0, hooked)
        if not candidates:
            return None
        filters = (
            lambda o: party is not None and o.party == party.code,
            lambda o: title is not None and o.title.casefold() == title.casefold(),
            lambda o: published is not None and _serving(o, published),
        )
        for keep in filters:
            narrowed = [o for o in candidates if keep(o)]
            candidates = narrowed or candidates
        return candidates[0]

    def _merge(
        self, doc: Document, drafts: Sequence[_Draft], published: datetime.date | None = None
    ) -> tuple[Person, ...]:
        """One person per name, at the first mention, with the best title and party found.

        A well-known official's party is that of the office the mention names
        (:meth:`_office`).
        """
        drafts = sorted(drafts, key=lambda d: (d.start, -(d.end - d.start)))
        people: dict[str, list[_Draft]] = {}
        by_surname: dict[str, str] = {}  # each surname's first full name
        for draft in drafts:
            key = (
                draft.name
                if draft.name in people
                else by_surname.get(draft.name.split()[-1], draft.name)
            )
            people.setdefault(key, []).append(draft)
            by_surname.setdefault(key.split()[-1], key)
        result = []
        for group in people.values():
            first = min(group, key=lambda d: d.start)
            full = max(group, key=lambda d: len(d.name))
            titled = next((d for d in group if d.title), None)
            # The party the text gives: a draft of a name alone has the lexicon's. The full
            # name's comes first: a surname alone before it may be another's ("Kim").
            said = next(
                (
                    d.party
                    for d in sorted(group, key=lambda d: d.name != full.name)
                    if d.party and d.rule != "official"
                ),
                None,
            )
            party = said or next((d.party for d in group if d.party is not None), None)
            known = self._office(
                full.name, titled.title if titled else None, said, published
            ) or self._official_by_surname(full.name)
            if known is not None:
                party = self.lexicon.parties.get(known.party) or party
            rank = titled.rank if titled else (known.rank if known else Rank.OTHER)
            result.append(
                Person(
                    name=full.name if len(full.name) > len(first.name) else first.name,
                    title=titled.title if titled else None,
                    rank=rank,
                    party=party,
                    evidence=doc.evidence(first.start, first.end, f"{self.rule}.{first.rule}"),
                )
            )
        result.sort(key=lambda p: p.evidence.start)
        return tuple(result)


def _serving(official: Official, day: datetime.date) -> bool:
    """Whether ``official`` held the office on ``day`` (periods are ``YYYY`` or ``YYYY-MM``)."""
    when = day.isoformat()
    return (official.since or "") <= when and (
        not official.until or when[: len(official.until)] <= official.until
    )


def _party_before(view: str, start: int, by_end: Mapping[int, PartyMention]) -> PartyMention | None:
    """A party mention just before a title: ``"Egyptian President"``, ``"Russia's envoy"``.

    An institution may stand between them: ``"Estonian Foreign Ministry Secretary General"``,
    ``"Republic of Korea (ROK) Special Representative"``.
    """
    institution = _INSTITUTION_BEFORE_TITLE.search(view, max(0, start - _INSTITUTION_REACH), start)
    ends = (start, institution.start()) if institution is not None else (start,)
    for end in ends:
        for gap in (1, 3):  # "Egyptian President", "Russia's President"
            mention = by_end.get(end - gap)
            if mention is not None and view[end - gap : end] in {" ", "'s "}:
                return mention
    if institution is not None and institution.group().startswith("("):
        # "Republic of Korea (ROK) ": the acronym is a mention of the party itself.
        return by_end.get(institution.end() - 2)
    return None


def _portfolio_party_end(doc: Document, cursor: int, by_start: Mapping[int, PartyMention]) -> int:
    """The end of a portfolio that names a party (``"for the DPRK"``), or ``cursor``.

    The party's acronym in brackets is part of it: ``"for the Democratic People's Republic
    of Korea (DPRK)"``.
    """
    view = doc.view
    for lead in (" for the ", " for "):
        if view.startswith(lead, cursor):
            mention = by_start.get(cursor + len(lead))
            if mention is not None:
                end = doc.view_offset(mention.evidence.end)
                acronym = _ACRONYM_AFTER.match(view, end)
                return acronym.end() if acronym is not None else end
    return cursor


def _affiliation_after(
    doc: Document, end: int, by_start: Mapping[int, PartyMention]
) -> PartyMention | None:
    """The party of an institution named after a name: ``"Jernej Müller, Slovenian Ministry"``."""
    view = doc.view
    gap = _AFFILIATION_AFTER.match(view, end)
    if gap is None:
        return None
    mention = by_start.get(gap.end())
    if mention is None:
        return None
    after = doc.view_offset(mention.evidence.end)
    if _INSTITUTION_WORD.search(mention.evidence.text) or _INSTITUTION_AFTER.match(view, after):
        return mention
    return None
