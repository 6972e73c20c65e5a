"""A readable plain-text summary of a result, for people rather than programs.

>>> import datetime
>>> import diplomacy_events as de
>>> from diplomacy_events.summary import summarise
>>> result = de.parse("Russia and China held talks in Moscow on Monday.",
...                   published=datetime.date(2025, 4, 11))
>>> print(summarise(result))
1 meeting, 0 commitments, 0 follow-ups
<BLANKLINE>
Meeting 1: held, in person, 2025-04-07, Moscow (RUS)
  parties: CHN (China), RUS (Russia)
  evidence: "Russia and China held talks in Moscow on Monday."
"""

from __future__ import annotations

from diplomacy_events.model import Commitment, FollowUp, Meeting, Party, Place, Result

__all__ = ["summarise"]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _parties(parties: tuple[Party, ...]) -> str:
    return ", ".join(f"{p.code} ({p.name})" if p.name != p.code else p.code for p in parties)


def _place(place: Place | None) -> str | None:
    if place is None:
        return None
    country = place.country.code if place.country else None
    if place.city and country:
        return f"{place.city} ({country})"
    return place.city or country


def _meeting(number: int, meeting: Meeting) -> list[str]:
    facts = [meeting.status.value, meeting.mode.value.replace("_", " ")]
    date = meeting.date.iso if meeting.date is not None else None
    facts.append(date or "date unknown")
    where = _place(meeting.location)
    if where:
        facts.append(where)
    lines = [f"Meeting {number}: " + ", ".join(facts)]
    lines.append(f"  parties: {_parties(meeting.parties)}")
    if meeting.host is not None:
        lines.append(f"  hosted by {meeting.host.code}")
    for delegation in meeting.delegations:
        if delegation.head is not None:
            head = delegation.head
            title = f", {head.title}" if head.title else ""
            lines.append(f"  {delegation.party.code} delegation headed by {head.name}{title}")
    if meeting.duration is not None:
        lines.append(f"  duration: {meeting.duration.evidence.text}")
    if meeting.format:
        lines.append(f"  format: {', '.join(meeting.format)}")
    lines.append(f'  evidence: "{meeting.evidence[0].text}"')
    return lines


def _commitment(number: int, commitment: Commitment) -> list[str]:
    scope = "mutual" if commitment.mutual else "unilateral"
    parties = ", ".join(p.code for p in commitment.parties)
    lines = [f"Commitment {number} ({scope}, {commitment.strength.value}): {parties}"]
    for source in commitment.reported_by:
        lines.append(f"  reported by: {source.name}")
    lines.append(f'  evidence: "{commitment.evidence.text}"')
    return lines


def _followup(number: int, followup: FollowUp) -> list[str]:
    parties = ", ".join(p.code for p in followup.parties)
    when = followup.timeframe.iso if followup.timeframe is not None else None
    lines = [f"Follow-up {number}: {parties}"]
    lines.append(
        f"  date: {when or followup.date_status.value.replace('_', ' ')}; "
        f"location: {_place(followup.location) or followup.location_status.value.replace('_', ' ')}; "
        f"representation: {followup.representation_status.value.replace('_', ' ')}"
    )
    lines.append(f'  evidence: "{followup.evidence.text}"')
    return lines


def summarise(result: Result) -> str:
    """A few lines per meeting, delegation, commitment and follow-up found."""
    lines = [
        ", ".join(
            [
                _plural(len(result.meetings), "meeting"),
                _plural(len(result.commitments), "commitment"),
                _plural(len(result.followups), "follow-up"),
            ]
        )
    ]
    for number, meeting in enumerate(result.meetings, 1):
        lines += ["", *_meeting(number, meeting)]
    for number, commitment in enumerate(result.commitments, 1):
        lines += ["", *_commitment(number, commitment)]
    for number, followup in enumerate(result.followups, 1):
        lines += ["", *_followup(number, followup)]
    return "\n".join(lines)
