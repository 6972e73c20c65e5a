r"""The document: the original text, a normalised view of it, and its sentences.

The parsers never change the text they are given.  They read a *view* of it
in which curly quotes and apostrophes are straight, unusual spaces are plain
spaces, a run of blanks is one space, a line broken inside a paragraph is
joined again and the text is in Unicode NFC; every offset in the view maps
back to the original, so that evidence always quotes the original text::

    >>> from diplomacy_events.text import Document
    >>> doc = Document.from_text("Talks held\nPutin met  Xi\nin Moscow. They agreed to meet again.")
    >>> [doc.view[s.start:s.end] for s in doc.sentences]
    ['Talks held', 'Putin met Xi in Moscow.', 'They agreed to meet again.']
    >>> doc.sentences[0].headline
    True
    >>> start = doc.view.index("Xi")
    >>> doc.evidence(start - 4, start + 2, "example").text
    'met  Xi'

A line break is read as a space (the line was wrapped) when the line before
it does not end a sentence and is not the headline, and either the next line
starts with a lower-case letter, or the paragraphs of the text are separated
by blank lines and the paragraph ends like a sentence.  A line that is an
item of a list is never joined to the line before it.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterator

import attrs
import regex

from diplomacy_events import _deadline
from diplomacy_events.model import Evidence

__all__ = ["Document", "Sentence"]

# One to one replacements that keep every offset: quotes, apostrophes, spaces.
_TRANSLATION = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark, the usual apostrophe
        "\u201b": "'",  # single high-reversed-9 quotation mark
        "\u02bc": "'",  # modifier letter apostrophe
        "\u201c": '"',  # left double quotation mark
        "\u201d": '"',  # right double quotation mark
        "\u201e": '"',  # double low-9 quotation mark
        "\u00ab": '"',  # left guillemet
        "\u00bb": '"',  # right guillemet
        "\u00a0": " ",  # no-break space
        "\u2007": " ",  # figure space
        "\u202f": " ",  # narrow no-break space
        "\u2009": " ",  # thin space
        "\t": " ",  # tab
        "\r": " ",  # carriage return, so that CRLF files split like LF ones
    }
)

# The same, as pairs: a few ``str.replace`` calls run faster than one ``str.translate``.
_REPLACEMENTS = tuple((chr(code), plain) for code, plain in _TRANSLATION.items())

# The longest a sentence may be before it is cut, in characters.
_MAX_SENTENCE = 2000

# No real character carries more combining marks than this.
_MAX_MARKS = 30

# Words after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    """
    Mr Mrs Ms Dr Prof Gen Lt Col Maj Capt Cmdr Adm Sgt Rep Sen Gov Amb Hon Rev St Mt Ft
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec No Nos Vol pp Co Corp Inc Ltd Jr Sr
    vs etc al approx est dept Dept Univ Assn Bros Messrs Mme Mlle
    U.S U.K U.N E.U U.A.E D.C D.R.C P.R.C U.S.A U.S.S.R
    """.split()
)

# Abbreviations of places, which end a sentence as often as they stand inside one: "met in
# Washington, D.C. Secretary Blinken then ...", "talks with the U.S. The two sides ...".
_PLACE_ABBREVIATIONS = frozenset("U.S U.K U.N E.U U.A.E D.C D.R.C P.R.C U.S.A U.S.S.R".split())

# Words that open a sentence and never follow a place's abbreviation inside one.
_SENTENCE_OPENERS = frozenset(
    """
    The They He She It We I In On At During This These Those Both After Before But Our Their
    His Her Its My Officials
    """.split()
)

# The first word after a full stop.
_NEXT_WORD = regex.compile(r"""\s*+['"(\[]?(\p{L}++)""")

# A possible sentence end: terminal punctuation, closing quotes or brackets,
# then white space.  Whether it really ends a sentence is decided in code,
# from the word before it and the character after it.
_BOUNDARY = regex.compile(
    r"""
    (?<![.!?])      # the start of a run of terminal punctuation, tried once
    [.!?]++         # terminal punctuation
    ['")\]]*+       # closing quotes and brackets
    (?=\s)          # followed by white space
    | (?<!\*)\*{3,}+  # a row of asterisks: a break in a transcript
    | <\u2026>      # "<…>": a cut in a transcript
    """,
    regex.VERBOSE,
)

# Initials joined by full stops: "J.D", "A.B.C".
_INITIALS = regex.compile(r"(?:\p{Lu}\.)+\p{Lu}")

# The word just before a full stop: letters and inner full stops ("U.S").
_LAST_WORD = regex.compile(r"[\p{L}.]{1,12}$")

# Characters that may open a sentence.
_OPENERS = regex.compile(r"""\s*+['"(\[<]?[\p{Lu}0-9]""")

# A run of blanks (after the replacements above): read as one space.
_BLANK_RUN = regex.compile(r"[ ]{2,}+")

# The end of a line that may end a sentence (whether it does depends on the next line).
_LINE_END = regex.compile(
    r"""
    (?P<stop>
      (?<![.!?\u2026])[.!?\u2026]++   # terminal punctuation or an ellipsis
      ['")\]]*+                      # maybe closing quotes or brackets
    | <\u2026> | \*{3,}+              # a cut or a break in a transcript
    )
    [ ]*+$
    """,
    regex.VERBOSE,
)

# The start of a line that is an item of a list, never the rest of the line before it.
_LIST_ITEM = regex.compile(
    r"""
    [ ]*+
    (?:
      [\-*\u2022\u00b7\u2013\u2014]   # a bullet or a dash: "- Trade", "\u2022 Energy"
    | \(?[0-9]{1,2}[.)]             # a number: "1.", "2)", "(3)"
    | \([a-z]\)                     # a letter in brackets: "(a)"
    )
    [ ]
    """,
    regex.VERBOSE,
)

# The start of a line that continues the sentence of the line before: a lower-case word.
_CONTINUATION = regex.compile(r"[ ]*+\p{Ll}")


@attrs.frozen(kw_only=True)
class Sentence:
    """A sentence as an offset range into :attr:`Document.view`.

    ``headline`` is true for the first line of the document, which by the
    corpus convention is its headline; ``paragraph`` counts lines of the
    view, in which a line wrapped inside a paragraph is joined to the next.
    """

    start: int
    end: int
    index: int
    paragraph: int
    headline: bool = False


@attrs.frozen(kw_only=True)
class Document:
    """An article's text, its normalised view and its sentences.

    Build one with :meth:`from_text`.  All parsers read :attr:`view`; every
    offset they find is turned into :class:`~diplomacy_events.model.Evidence`
    on the original text by :meth:`evidence`.
    """

    text: str
    """The original text, as given."""
    view: str
    """The normalised text the parsers read."""
    sentences: tuple[Sentence, ...]
    _to_original: tuple[int, ...] | None = attrs.field(alias="to_original", repr=False)
    """For each view offset, the original offset; ``None`` when they are equal."""

    @classmethod
    def from_text(cls, text: str, *, headline: bool = True) -> Document:
        """Normalise ``text`` and split it into sentences.

        With ``headline`` true, the first line is taken as the headline and
        kept as a sentence of its own, when more lines follow and it does not
        end like a sentence (a headline has no full stop).  Lines wrapped
        inside a paragraph are joined and runs of blanks made one space (see
        the module's description).
        """
        view = text
        for char, plain in _REPLACEMENTS:
            if char in view:
                view = view.replace(char, plain)
        to_original: tuple[int, ...] | None = None
        if not unicodedata.is_normalized("NFC", view):
            view, to_original = _nfc_with_offsets(view)
        lines = [line for line in view.split("\n") if line.strip()]
        has_headline = (
            headline and len(lines) > 1 and not lines[0].rstrip().endswith((".", "!", "?"))
        )
        view = _join_wrapped_lines(view, headline=has_headline)
        if "  " in view:
            view, kept = _collapse_blanks(view)
            to_original = kept if to_original is None else tuple(to_original[i] for i in kept)
        return cls(
            text=text,
            view=view,
            sentences=tuple(_split_sentences(view, headline=has_headline)),
            to_original=to_original,
        )

    def original_offset(self, offset: int) -> int:
        """The offset in :attr:`text` of an offset in :attr:`view`."""
        if self._to_original is None:
            return offset
        return self._to_original[offset]

    def view_offset(self, offset: int) -> int:
        """The offset in :attr:`view` of an offset in :attr:`text` (inverse of :meth:`original_offset`)."""
        if self._to_original is None:
            return offset
        return bisect.bisect_left(self._to_original, offset)

    def evidence(self, start: int, end: int, rule: str) -> Evidence:
        """Evidence for the view span ``start:end``, quoting the original text."""
        ostart, oend = self.original_offset(start), self.original_offset(end)
        return Evidence(start=ostart, end=oend, text=self.text[ostart:oend], rule=rule)

    def sentence_at(self, offset: int) -> Sentence:
        """The sentence that holds a view offset (the last one before it if none does)."""
        lo, hi = 0, len(self.sentences) - 1
        if hi < 0:
            raise LookupError("the document has no sentences")
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sentences[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return self.sentences[lo]

    def sentence_text(self, sentence: Sentence) -> str:
        """The view text of a sentence."""
        return self.view[sentence.start : sentence.end]


def _nfc_with_offsets(view: str) -> tuple[str, tuple[int, ...]]:
    """NFC-normalise ``view`` and map each new offset to its original offset.

    Normalisation only joins a base character with the combining marks that
    follow it, so each such cluster is normalised on its own.
    """
    out: list[str] = []
    offsets: list[int] = []
    deadline = _deadline.current()  # Parser(timeout=...): checked once a cluster
    i, n = 0, len(view)
    while i < n:
        if deadline is not None:
            deadline.check()
        j = i + 1
        # A cluster ends after its marks, or after _MAX_MARKS of them: canonical ordering
        # sorts a cluster's marks, so an endless run of them must not make one cluster.
        while j < n and j - i <= _MAX_MARKS and unicodedata.combining(view[j]):
            j += 1
        cluster = unicodedata.normalize("NFC", view[i:j])
        out.append(cluster)
        # Every character of a normalised cluster maps to the cluster's start.
        offsets.extend([i] * len(cluster))
        i = j
    offsets.append(n)
    return "".join(out), tuple(offsets)


def _join_wrapped_lines(view: str, *, headline: bool) -> str:
    r"""``view`` with each line break inside a paragraph made a space (offsets are kept).

    A break joins two lines when the first is not the headline, the second
    is not an item of a list, the break would not end a sentence were it a
    space, and either the second line starts with a lower-case letter
    ("held\ntalks") or the text separates its paragraphs by blank lines (it
    is wrapped) and the paragraph ends like a sentence.  A text of one
    paragraph a line (Kremlin and news texts) keeps its lines apart unless
    one continues in lower case.
    """
    if "\n" not in view:
        return view
    lines = view.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    if len(filled) < 2:
        return view
    blank_separated = any(not lines[i].strip() for i in range(filled[0], filled[-1]))
    # Whether the paragraph of each line ends like a sentence, known walking from the last line.
    block_ends = [False] * len(lines)
    ends = False
    for i in range(len(lines) - 1, -1, -1):
        if not lines[i].strip():
            ends = False
        elif i + 1 == len(lines) or not lines[i + 1].strip():
            ends = _LINE_END.search(lines[i]) is not None
        block_ends[i] = ends
    breaks = []
    offset = 0
    for i, line in enumerate(lines[:-1]):
        offset += len(line)
        following = lines[i + 1]
        if (
            line.strip()
            and following.strip()
            and not (headline and i == filled[0])
            and not _LIST_ITEM.match(following)
            and (_CONTINUATION.match(following) or (blank_separated and block_ends[i]))
            and not _line_ends_sentence(line, following)
        ):
            breaks.append(offset)
        offset += 1
    if not breaks:
        return view
    chars = list(view)
    for at in breaks:
        chars[at] = " "
    return "".join(chars)


def _line_ends_sentence(line: str, following: str) -> bool:
    """Whether ``line`` ends a sentence when ``following`` comes after it on the same line.

    As within a line: "the U.S." before "delegation" or "Delegation" does
    not, "talks." before "They" does.
    """
    end = _LINE_END.search(line)
    if end is None:
        return False
    joined = line[: end.end("stop")] + " " + following.lstrip(" ")
    return _ends_sentence(joined, end.start("stop"), end.end("stop"))


def _collapse_blanks(view: str) -> tuple[str, tuple[int, ...]]:
    """``view`` with each run of blanks made one space, and each new offset's old offset.

    The first blank of a run is kept, so that a span ending before the run
    or starting after it maps to the same characters of the original.
    """
    out: list[str] = []
    offsets: list[int] = []
    last = 0
    for run in _BLANK_RUN.finditer(view):
        keep = run.start() + 1
        out.append(view[last:keep])
        offsets.extend(range(last, keep))
        last = run.end()
    out.append(view[last:])
    offsets.extend(range(last, len(view) + 1))
    return "".join(out), tuple(offsets)


def _split_sentences(view: str, *, headline: bool) -> Iterator[Sentence]:
    """Yield the sentences of each line of ``view``."""
    index = 0
    line_start = 0
    deadline = _deadline.current()  # Parser(timeout=...): checked once a line and a stop
    for paragraph, line in enumerate(view.split("\n")):
        if deadline is not None:
            deadline.check()
        for start, end in _split_line(line, deadline):
            yield Sentence(
                start=line_start + start,
                end=line_start + end,
                index=index,
                paragraph=paragraph,
                headline=headline and paragraph == 0,
            )
            index += 1
        line_start += len(line) + 1


def _split_line(line: str, deadline: _deadline.Deadline | None = None) -> Iterator[tuple[int, int]]:
    """Yield the (start, end) of each sentence of one line, trimmed of spaces."""
    start = 0
    # Parser(timeout=...): the pattern stops with the time left, however long the line.
    matches = (
        _BOUNDARY.finditer(line)
        if deadline is None
        else _BOUNDARY.finditer(line, timeout=deadline.regex_timeout())
    )
    for match in matches:
        if not _ends_sentence(line, match.start(), match.end()):
            continue
        yield from _bounded(line, start, match.end())
        start = match.end()
    yield from _bounded(line, start, len(line))


def _bounded(line: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield a sentence, cut at spaces into pieces of at most ``_MAX_SENTENCE`` characters.

    No real sentence is that long (the longest of the raw corpus has 1,500
    characters); the cap bounds the work each trigger does in its sentence,
    so that a text without full stops still parses in linear time.
    """
    while end - start > _MAX_SENTENCE:
        cut = line.rfind(" ", start + _MAX_SENTENCE // 2, start + _MAX_SENTENCE)
        if cut <= start:
            cut = start + _MAX_SENTENCE
        yield from _trimmed(line, start, cut)
        start = cut
    yield from _trimmed(line, start, end)


def _ends_sentence(line: str, stop: int, after: int) -> bool:
    """Whether the punctuation at ``stop`` (ending at ``after``) ends a sentence."""
    if line[stop] in "*<":
        return True
    if not _OPENERS.match(line, after):
        return False
    if line[stop] != ".":
        return True
    word = _LAST_WORD.search(line, max(0, stop - 12), stop)
    if word is None:
        return True
    token = word.group().lstrip(".")
    if token in _PLACE_ABBREVIATIONS:
        # "Washington, D.C. Secretary Blinken ...": "D.C." is never an adjective before a
        # title; "the U.S. The two sides": no sentence goes on with "The" after "U.S.".
        following = _NEXT_WORD.match(line, after)
        nxt = following.group(1) if following else ""
        return nxt in _SENTENCE_OPENERS or (token == "D.C" and nxt[:1].isupper())
    if token in _ABBREVIATIONS or _INITIALS.fullmatch(token):
        return False  # "U.S.", "Feb.", "J.D. Vance"
    # A single capital letter is an initial ("John F. Kennedy").
    return not (len(token) == 1 and token.isupper())


def _trimmed(line: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` without surrounding white space, if anything is left."""
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end
