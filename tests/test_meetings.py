import datetime

import pytest

import diplomacy_events as de

FRIDAY = datetime.date(2025, 4, 11)


def meetings(text: str) -> tuple[de.Meeting, ...]:
    return de.parse(text, published=FRIDAY).meetings


def test_a_held_meeting_with_its_sides_date_place_and_heads() -> None:
    [meeting] = meetings(
        "Foreign Minister Sergey Lavrov held talks with Chinese Foreign Minister Wang Yi "
        "in Beijing on Tuesday."
    )
    assert [p.code for p in meeting.parties] == ["CHN", "RUS"]
    assert meeting.status is de.Status.HELD
    assert meeting.date is not None
    assert meeting.date.iso == "2025-04-08"
    assert meeting.location is not None
    assert meeting.location.city == "Beijing"
    assert {code: p.name for code, p in meeting.heads.items()} == {
        "CHN": "Wang Yi",
        "RUS": "Sergey Lavrov",
    }


@pytest.mark.parametrize(
    "text",
    [
        "Russia and China will hold talks in Moscow on Monday.",
        "Russia and China are scheduled to meet in Moscow on Monday.",
        "Russia and China are expected to hold talks in Moscow on Monday.",
    ],
)
def test_future_and_modal_words_make_a_meeting_planned(text: str) -> None:
    [meeting] = meetings(text)
    assert meeting.status is de.Status.PLANNED
    assert meeting.date is not None
    assert meeting.date.iso == "2025-04-14"


@pytest.mark.parametrize(
    "text",
    [
        "Vladimir Putin had a telephone conversation with President of France Emmanuel Macron.",
        "Russia and China held talks by videoconference.",
        "Secretary of State Antony Blinken spoke by phone with Japanese Foreign Minister Yoshimasa Hayashi.",
    ],
)
def test_calls_and_video_links_are_remote(text: str) -> None:
    [meeting] = meetings(text)
    assert meeting.mode is de.Mode.REMOTE
    assert meeting.location is None


@pytest.mark.parametrize(
    "text",
    [
        "Russia and China did not hold talks in Moscow.",
        "Russia and China cancelled their talks in Moscow.",
        "It is too early to speak about a meeting between Russia and China.",
        "The ministers discussed the ongoing negotiations between Russia and China.",
        "Nancy Pelosi visited Taiwan in August 2022.",
    ],
)
def test_denied_hypothetical_ongoing_and_counterpartless_encounters_are_no_meetings(
    text: str,
) -> None:
    assert meetings(text) == ()


def test_one_meeting_however_often_it_is_mentioned() -> None:
    text = (
        "Russia and the US held talks in Istanbul on Thursday.\n"
        "The talks between Russia and the US lasted over five hours.\n"
        "During Thursday's talks in Istanbul, the Russian and US delegations discussed visas."
    )
    [meeting] = meetings(text)
    assert len(meeting.evidence) == 3
    assert meeting.duration is not None
    assert meeting.duration.qualifier is de.Qualifier.AT_LEAST


def test_separate_meetings_with_several_counterparts() -> None:
    text = (
        "Vladimir Putin had telephone conversations with President of France Emmanuel Macron "
        "and Federal Chancellor of Germany Olaf Scholz."
    )
    found = sorted(tuple(p.code for p in m.parties) for m in meetings(text))
    assert found == [("DEU", "RUS"), ("FRA", "RUS")]


def test_a_delegation_led_by_sentence_gives_the_heads() -> None:
    text = (
        "Russia and Japan held consultations in Geneva on Thursday. "
        "The Russian delegation was led by Deputy Foreign Minister Andrey Rudenko, "
        "while the Japanese side was headed by Ambassador Kenji Sato."
    )
    [meeting] = meetings(text)
    assert meeting.heads["RUS"].surname == "Rudenko"
    assert meeting.heads["JPN"].surname == "Sato"
    assert meeting.location is not None
    assert meeting.location.country is not None
    assert meeting.location.country.code == "CHE"


def test_the_people_of_another_event_named_after_a_trigger_do_not_take_part() -> None:
    result = de.parse(
        "Russian Foreign Minister Sergei Lavrov met Secretary of State Marco Rubio in Riyadh on "
        "Tuesday. Tuesday's meeting followed a telephone call between President Donald Trump "
        "and President Vladimir Putin on February 12.",
        published=FRIDAY,
    )
    talks, call = result.meetings
    assert talks.date is not None
    assert talks.date.iso == "2025-04-08"
    assert {p.name for p in talks.heads.values()} == {"Sergei Lavrov", "Marco Rubio"}
    assert call.mode is de.Mode.REMOTE
    assert call.date is not None
    assert call.date.iso == "2025-02-12"
    assert {p.name for p in call.heads.values()} == {"Donald Trump", "Vladimir Putin"}


def test_a_headline_reporting_talks_is_not_merged_with_a_planned_meeting() -> None:
    result = de.parse(
        "Russia and the United States hold talks in Riyadh\n"
        "Zelensky postponed a visit to Saudi Arabia, where he had been due to meet Crown "
        "Prince Mohammed bin Salman, saying he did not want it linked to the U.S.-Russian talks.",
        published=FRIDAY,
    )
    statuses = {tuple(p.code for p in m.parties): m.status for m in result.meetings}
    assert statuses.get(("RUS", "USA")) is de.Status.HELD


def test_a_pronoun_subject_after_a_place_named_in_the_sentence() -> None:
    result = de.parse(
        "Qatari Foreign Minister Ahmed Al Khulaifi said the truce would hold. He spoke after a "
        "day of talks in Doha on Wednesday, during which he met the Israeli and Hamas teams.",
        published=FRIDAY,
    )
    [meeting] = result.meetings
    assert "QAT" in {p.code for p in meeting.parties}


def test_a_visit_in_a_clause_after_after_has_its_own_subject() -> None:
    # Beijing suspended the talks; it did not take part in the visit, which names no counterpart.
    result = de.parse(
        "President Joe Biden met President Xi Jinping. Speaking at a news conference "
        "afterwards, Biden said the restored military contacts would cover talks between senior "
        "commanders, which Beijing suspended after Nancy Pelosi, then speaker of the House of "
        "Representatives, visited Taiwan in August 2022.",
        published=FRIDAY,
    )
    assert [sorted(p.code for p in m.parties) for m in result.meetings] == [["CHN", "USA"]]


def test_a_visit_by_an_official_named_after_it_is_a_meeting_in_the_host_state() -> None:
    result = de.parse(
        "The presidents discussed the agreements reached following the visit by the President "
        "of Uzbekistan to Russia in November 2021.",
        published=datetime.date(2022, 3, 21),
    )
    [meeting] = result.meetings
    assert [p.code for p in meeting.parties] == ["RUS", "UZB"]
    assert meeting.date is not None
    assert meeting.date.iso == "2021-11"
    assert meeting.location is not None
    assert meeting.location.country is not None
    assert meeting.location.country.code == "RUS"
    assert meeting.heads["UZB"].name == "Shavkat Mirziyoyev"


@pytest.mark.parametrize(
    "text",
    [
        # "meet" as in "satisfy" (found on held-out Kremlin messages).
        "This meets the interests of the peoples of Russia and Uzbekistan.",
        "Cooperation between Russia and Serbia fully meets the fundamental interests of both.",
        "France and Germany met the deadline for the report.",
        "The plan of Russia and China met with criticism in Washington.",
        # A request that the sides meet is no meeting reported.
        "Japan and the US urged the DPRK to return to negotiations.",
        "Kim and Liu discussed how to encourage the DPRK to engage in meaningful negotiations.",
    ],
)
def test_meet_as_satisfy_and_requests_to_negotiate_are_no_meetings(text: str) -> None:
    assert meetings(text) == ()


def test_a_strategic_dialogue_announced_with_its_date_and_place() -> None:
    [meeting] = meetings(
        "The United States and the Organization of Islamic Cooperation (OIC) will hold a "
        "strategic dialogue in Washington, D.C., May 23-24."
    )
    assert [p.code for p in meeting.parties] == ["OIC", "USA"]
    assert meeting.status is de.Status.PLANNED
    assert meeting.date is not None
    assert meeting.date.iso == "2025-05-23"
    assert meeting.location is not None
    assert meeting.location.city == "Washington"


def test_an_envoys_portfolio_is_not_a_party() -> None:
    [meeting] = meetings(
        "U.S. Special Representative for the DPRK Ambassador Sung Kim met on April 8 with "
        "Japanese Director General Funakoshi Takehiro."
    )
    assert [p.code for p in meeting.parties] == ["JPN", "USA"]
    assert meeting.heads["USA"].name == "Sung Kim"


def test_a_visit_named_in_a_phrase_of_time_before_a_future_clause_is_planned() -> None:
    result = de.parse(
        "U.S. Ambassador Jane Roe will travel to Seoul from April 18-22. During "
        "her visit, she will meet with South Korean Foreign Minister Park Jin.",
        published=FRIDAY,
    )
    assert [m.status for m in result.meetings] == [de.Status.PLANNED]


def test_a_call_with_the_pope_is_a_meeting_with_the_holy_see() -> None:
    [meeting] = meetings(
        "During a telephone conversation, President of Russia Vladimir Putin extended warm "
        "wishes to Pope Francis on his birthday."
    )
    assert [p.code for p in meeting.parties] == ["RUS", "VAT"]
    assert meeting.heads["VAT"].name == "Francis"


def test_a_call_following_talks_in_its_sentence_is_a_meeting_of_its_own() -> None:
    result = de.parse(
        "Following Russia-Azerbaijan top-level talks held in Moscow on February 22, Vladimir "
        "Putin and President of Azerbaijan Ilham Aliyev shared opinions in a telephone "
        "conversation on a number of current issues.",
        published=datetime.date(2022, 2, 26),
    )
    found = [(m.mode, m.date.iso if m.date else None) for m in result.meetings]
    assert found == [(de.Mode.IN_PERSON, "2022-02-22"), (de.Mode.REMOTE, "2022-02-26")]


@pytest.mark.parametrize(
    "text",
    [
        "It was noted that Russia is open to negotiations with representatives of Ukraine.",
        "They hoped that the conflict between Russia and Ukraine would be settled through "
        "dialogue and negotiations.",
        "Secretary Blinken and Foreign Minister Bustillo of Uruguay agreed to launch an annual "
        "bilateral Interministerial Dialogue.",
    ],
)
def test_readiness_means_and_a_forum_to_be_launched_are_no_meetings(text: str) -> None:
    assert meetings(text) == ()


def test_a_ministerial_is_a_meeting_of_its_organisation() -> None:
    [meeting] = meetings(
        "Secretary of State Antony J. Blinken will travel to Brussels, Belgium, May 5 to 7 "
        "to attend the NATO Foreign Ministerial."
    )
    assert [p.code for p in meeting.parties] == ["NATO", "USA"]
    assert meeting.status is de.Status.PLANNED


def test_a_meeting_in_an_opening_phrase_before_a_future_main_clause_is_planned() -> None:
    result = de.parse(
        "In addition to meeting Israeli and Palestinian leaders, Assistant Secretary of State "
        "Barbara Leaf will meet with representatives of civil society.",
        published=FRIDAY,
    )
    assert [m.status for m in result.meetings] == [de.Status.PLANNED]


def test_a_delegation_led_by_someone_after_a_comma_is_headed_by_them() -> None:
    [meeting] = meetings(
        "Today, Deputy Secretary Wendy Sherman met in Washington with Republic of Korea "
        "President-elect Yoon Suk Yeol's Policy Consultation Delegation, led by National "
        "Assembly Representative Park Jin."
    )
    assert meeting.heads["KOR"].name == "Park Jin"


def test_a_delegation_from_a_ministry_did_not_meet_there() -> None:
    [meeting] = meetings(
        "On Tuesday, Special Representative Thomas West of the United States led a delegation "
        "from the Department of State to continue discussions with senior Taliban "
        "representatives in Tashkent, Uzbekistan."
    )
    assert meeting.location is not None
    assert meeting.location.city == "Tashkent"


@pytest.mark.parametrize(
    "text",
    [
        "Putin noted that the Russian delegation is in Gomel, Belarus, and is ready for talks "
        "with representatives from Ukraine.",
        "Secretary Blinken thanked Prime Minister Kishida of Japan for the opportunity to visit.",
    ],
)
def test_readiness_for_talks_and_an_opportunity_to_visit_are_no_meetings(text: str) -> None:
    assert meetings(text) == ()


def test_a_meeting_naming_its_sides_and_date_is_one_even_as_a_topic() -> None:
    result = de.parse(
        "Following up on the outcomes of the Russia-Iran top-level meeting in Moscow on "
        "January 19, the two presidents reaffirmed their commitment to cooperation.",
        published=datetime.date(2022, 2, 24),
    )
    [meeting] = result.meetings
    assert [p.code for p in meeting.parties] == ["IRN", "RUS"]
    assert meeting.date is not None
    assert meeting.date.iso == "2022-01-19"


def test_a_meeting_naming_its_sides_and_place_is_one_even_as_a_topic() -> None:
    result = de.parse(
        "The presidents had an exchange of opinions regarding European security in the context "
        "of recent Russian-US talks in Geneva.",
        published=datetime.date(2022, 1, 21),
    )
    [meeting] = result.meetings
    assert [p.code for p in meeting.parties] == ["RUS", "USA"]
    assert meeting.location is not None
    assert meeting.location.city == "Geneva"


def test_the_east_asia_summit_is_a_gathering_of_its_own() -> None:
    [meeting] = meetings("On April 27, Vladimir Putin will attend the 16th East Asia Summit.")
    assert [p.code for p in meeting.parties] == ["EAS", "RUS"]
    assert meeting.status is de.Status.PLANNED


def test_officials_of_two_governments_are_met_one_by_one_of_many_together() -> None:
    two = meetings(
        "U.S. Special Envoy for Yemen Tim Lenderking arrived in Saudi Arabia today, where he "
        "will meet with senior officials from the Saudi and Republic of Yemen Governments."
    )
    assert sorted(sorted(p.code for p in m.parties) for m in two) == [
        ["SAU", "USA"],
        ["USA", "YEM"],
    ]
    many = meetings(
        "On May 18, Secretary Blinken will meet with senior officials from Egypt, Gabon, Ghana, "
        "Kenya and Senegal."
    )
    assert len(many) == 1


def test_representatives_from_a_state_are_its_side_not_a_place() -> None:
    [meeting] = meetings(
        "Vladimir Putin shared his assessment of the third round of talks between the Russian "
        "delegation and representatives from Ukraine held on March 7 in Belarus."
    )
    assert [p.code for p in meeting.parties] == ["RUS", "UKR"]
    assert meeting.location is not None
    assert meeting.location.country is not None
    assert meeting.location.country.code == "BLR"


@pytest.mark.parametrize(
    "text",
    [
        "Putin set forth Russia's terms in the context of talks with the representatives of "
        "Ukraine.",
        "Blinken and Guterres discussed the Secretary-General's visit in April to Kyiv and Moscow.",
    ],
)
def test_a_negotiating_track_and_someones_visit_as_a_topic_are_no_meetings(text: str) -> None:
    assert meetings(text) == ()


def test_the_inaugural_meeting_is_a_new_meeting_not_a_reference_back() -> None:
    [meeting] = meetings(
        "The Governments of Bahrain, Egypt and Israel held the inaugural meeting of the Negev "
        "Forum Steering Committee in Manama, Bahrain on June 27, 2022."
    )
    assert {p.code for p in meeting.parties} == {"BHR", "EGY", "ISR"}
    assert meeting.date is not None
    assert meeting.date.iso == "2022-06-27"


def test_calls_that_are_the_occasion_of_a_discussion_are_meetings() -> None:
    result = de.parse(
        "Vladimir Putin discussed the current developments in Kazakhstan during his telephone "
        "conversations with President of the Republic of Belarus Alexander Lukashenko and Prime "
        "Minister of the Republic of Armenia Nikol Pashinyan.",
        published=datetime.date(2022, 1, 8),
    )
    found = sorted(sorted(p.code for p in m.parties) for m in result.meetings)
    assert found == [["ARM", "RUS"], ["BLR", "RUS"]]
    assert {m.mode for m in result.meetings} == {de.Mode.REMOTE}
