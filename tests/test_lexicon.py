"""Tests of diplomacy_events.lexicon: the data files and their loader."""

from __future__ import annotations

import collections
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pycountry
import pytest

import diplomacy_events.lexicon as lexicon_module
from diplomacy_events.exceptions import DiplomacyEventsError
from diplomacy_events.lexicon import (
    City,
    Lexicon,
    LexiconFileError,
    Official,
    PartyName,
    UnknownPartyError,
    Venue,
    default_lexicon,
    load_lexicon,
)
from diplomacy_events.model import Party, PartyKind, Rank

DATA = Path(lexicon_module.__file__).parent / "data"

# The 193 member states of the United Nations, by ISO 3166-1 alpha-3 code.
UN_MEMBERS = re.findall(
    r"[A-Z]{3}",
    """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN
BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG CRI
CIV HRV CUB CYP CZE PRK COD DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI
FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN
IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU
LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR
MDA ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM
ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK THA TLS TGO TON TTO TUN TUR TKM TUV UGA
UKR ARE GBR TZA USA URY UZB VUT VEN VNM YEM ZMB ZWE
""",
)
OBSERVERS = ["VAT", "PSE"]
STATES = [*UN_MEMBERS, *OBSERVERS, "TWN", "Kosovo"]

# The organisation codes the gold format prescribes (corpus README).
GOLD_ORGANISATIONS = re.findall(
    r"\S+",
    """
UN EU NATO AU OIC LAS GCC IGAD ECOWAS SADC OAS SICA CARICOM ASEAN SCO CSTO EAEU CIS
BRICS G7 G20 Quad OSCE OECD IAEA WHO WTO ITU OPEC ICC UNITAMS
""",
)

DATA_FILES = [
    "states.tsv",
    "country_aliases.tsv",
    "demonyms.tsv",
    "capitals.tsv",
    "cities.tsv",
    "venues.tsv",
    "offices.tsv",
    "organisations.tsv",
    "titles.tsv",
    "officials.tsv",
]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return default_lexicon()


def entries(name: str) -> list[list[str]]:
    """The entry lines of a package data file, split into columns."""
    text = (DATA / name).read_text(encoding="utf-8")
    return [
        line.split("\t") for line in text.split("\n") if line.strip() and not line.startswith("#")
    ]


def codes_of(lexicon: Lexicon, surface: str) -> set[str]:
    return {n.code for n in lexicon.party_names if n.surface == surface}


# -- the data files --------------------------------------------------------------


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_file_has_a_header_with_columns_and_provenance(name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    header = [line for line in text.split("\n") if line.startswith("#")]
    assert text.startswith("#")
    assert any("Columns:" in line for line in header)
    assert any("Provenance:" in line for line in header)


@pytest.mark.parametrize(
    "name",
    ["country_aliases.tsv", "demonyms.tsv", "capitals.tsv", "cities.tsv", "offices.tsv"],
)
def test_no_surface_form_is_listed_twice_in_a_file(name: str) -> None:
    # The rule: within one file a surface form is listed once, so it can name
    # only one party (the loader refuses a repeat, see the tests below).
    counts = collections.Counter(row[0] for row in entries(name))
    assert [surface for surface, n in counts.items() if n > 1] == []


@pytest.mark.parametrize(("name", "key"), [("venues.tsv", 1), ("titles.tsv", 1)])
def test_no_venue_or_title_is_listed_twice(name: str, key: int) -> None:
    counts = collections.Counter(tuple(row[:key]) for row in entries(name))
    assert [k for k, n in counts.items() if n > 1] == []


def test_no_surface_form_names_two_parties(lexicon: Lexicon) -> None:
    codes: dict[str, set[str]] = collections.defaultdict(set)
    for name in lexicon.party_names:
        codes[name.surface].add(name.code)
    assert {s: c for s, c in codes.items() if len(c) > 1} == {}


def test_no_city_is_in_two_states(lexicon: Lexicon) -> None:
    countries: dict[str, set[str]] = collections.defaultdict(set)
    for city in lexicon.cities:
        countries[city.name].add(city.country)
    assert {c: s for c, s in countries.items() if len(s) > 1} == {}


def test_no_file_has_stray_whitespace() -> None:
    for name in DATA_FILES:
        for row in entries(name):
            assert [field.strip() for field in row] == row, (name, row)


# -- coverage ---------------------------------------------------------------------


def test_every_iso_state_is_a_party(lexicon: Lexicon) -> None:
    for country in pycountry.countries:
        party = lexicon.party(country.alpha_3)
        assert party.kind is PartyKind.STATE
        assert party.name


def test_un_members_observers_taiwan_and_kosovo_are_states(lexicon: Lexicon) -> None:
    assert len(set(UN_MEMBERS)) == 193
    for code in STATES:
        assert lexicon.party(code).kind is PartyKind.STATE


def test_every_state_has_a_demonym_but_a_few(lexicon: Lexicon) -> None:
    # "Congolese" goes to COD, "Dominican" to DOM; the Holy See has none.
    with_demonym = {n.code for n in lexicon.party_names if n.form == "demonym"}
    assert {code for code in STATES if code not in with_demonym} == {"COG", "DMA", "VAT"}


def test_every_state_has_a_capital_but_israel(lexicon: Lexicon) -> None:
    # Jerusalem is left out on purpose (see capitals.tsv).
    with_capital = {c.country for c in lexicon.cities if c.capital}
    assert {code for code in STATES if code not in with_capital} == {"ISR"}


def test_gold_organisation_codes_are_organisations(lexicon: Lexicon) -> None:
    for code in GOLD_ORGANISATIONS:
        party = lexicon.party(code)
        assert party.kind is PartyKind.ORGANISATION
        assert codes_of(lexicon, code) == {code}


@pytest.mark.parametrize(
    "name", ["country_aliases.tsv", "demonyms.tsv", "capitals.tsv", "cities.tsv", "offices.tsv"]
)
def test_every_code_of_a_file_is_a_party(lexicon: Lexicon, name: str) -> None:
    for row in entries(name):
        assert row[1] in lexicon.parties, row


def test_venues_lie_in_listed_cities_of_their_state(lexicon: Lexicon) -> None:
    cities = {c.name: c.country for c in lexicon.cities}
    for venue in lexicon.venues:
        assert venue.country in lexicon.parties
        if venue.city is not None:
            assert cities.get(venue.city) == venue.country, venue


def test_officials_have_known_titles_and_consistent_dates(lexicon: Lexicon) -> None:
    assert len(lexicon.officials) >= 200
    for official in lexicon.officials:
        assert official.title in lexicon.titles, official
        assert official.party in lexicon.parties
        if official.since and official.until:
            assert official.since <= official.until, official


def test_titles_cover_every_rank(lexicon: Lexicon) -> None:
    assert set(lexicon.titles.values()) == set(Rank)


# -- spot checks ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("surface", "code", "form"),
    [
        ("Türkiye", "TUR", "name"),
        ("Turkey", "TUR", "alias"),
        ("Kiev", "UKR", "capital"),
        ("Kyiv", "UKR", "capital"),
        ("Emirati", "ARE", "demonym"),
        ("Emiratis", "ARE", "demonym"),
        ("DRC", "COD", "alias"),
        ("Congolese", "COD", "demonym"),
        ("Côte d'Ivoire", "CIV", "name"),
        ("Ivory Coast", "CIV", "alias"),
        ("Holy See", "VAT", "name"),
        ("Vatican", "VAT", "alias"),
        ("Palestine", "PSE", "name"),
        ("Palestinian", "PSE", "demonym"),
        ("UK", "GBR", "alias"),
        ("U.S.", "USA", "alias"),
        ("Russia", "RUS", "name"),
        ("Russian Federation", "RUS", "name"),
        ("Moscow", "RUS", "capital"),
        ("Kosovo", "Kosovo", "name"),
        ("Kosovar", "Kosovo", "demonym"),
        ("the Kremlin", "RUS", "office"),
        ("State Department", "USA", "office"),
        ("OIC", "OIC", "acronym"),
        ("Organization of Islamic Cooperation", "OIC", "name"),
        ("Arab League", "LAS", "name"),
        ("U.N.", "UN", "acronym"),
        ("UN Security Council", "UN", "name"),
        ("G-7", "G7", "acronym"),
        ("Quad", "Quad", "acronym"),
    ],
)
def test_spot_checks(lexicon: Lexicon, surface: str, code: str, form: str) -> None:
    first = next(n for n in lexicon.party_names if n.surface == surface)
    assert (first.code, first.form) == (code, form)


def test_a_surface_form_comes_once_per_party_and_names_first(lexicon: Lexicon) -> None:
    # "Luxembourg" is both the state's name and its capital: the name wins.
    assert [n.form for n in lexicon.party_names if n.surface == "Luxembourg"] == ["name"]
    pairs = [(n.surface, n.code) for n in lexicon.party_names]
    assert len(pairs) == len(set(pairs))


def test_comma_names_are_not_surface_forms(lexicon: Lexicon) -> None:
    assert codes_of(lexicon, "Korea, Republic of") == set()
    assert lexicon.party("COD").name == "Democratic Republic of the Congo"
    assert lexicon.party("KOR").name == "South Korea"
    assert lexicon.party("FSM").name == "Federated States of Micronesia"


def test_states_tsv_adds_kosovo_and_renames_formal_names(lexicon: Lexicon) -> None:
    assert lexicon.party("Kosovo") == Party(code="Kosovo", name="Kosovo", kind=PartyKind.STATE)
    assert lexicon.party("RUS").name == "Russia"
    assert lexicon.party("VAT").name == "Holy See"
    assert lexicon.party("PSE").name == "Palestine"
    assert codes_of(lexicon, "Russian Federation") == {"RUS"}


def test_places_and_titles(lexicon: Lexicon) -> None:
    cities = {c.name: c for c in lexicon.cities}
    assert cities["Istanbul"] == City(name="Istanbul", country="TUR", capital=False)
    assert cities["Ankara"].capital
    assert cities["The Hague"].capital
    assert "Jerusalem" not in cities
    venues = {v.name: v for v in lexicon.venues}
    assert venues["the Kremlin"] == Venue(
        name="the Kremlin", city="Moscow", country="RUS", metonym=True
    )
    assert venues["Camp David"].city is None
    assert not venues["Palais des Nations"].metonym
    assert lexicon.titles["Deputy Assistant Secretary of State"] is Rank.SENIOR_OFFICIAL
    assert lexicon.titles["Federal Chancellor"] is Rank.HEAD_OF_GOVERNMENT
    assert lexicon.titles["Minister of State"] is Rank.DEPUTY_MINISTER
    assert lexicon.titles["Chargé d'Affaires"] is Rank.AMBASSADOR
    lavrov = [o for o in lexicon.officials if o.name == "Sergey Lavrov"]
    assert [(o.party, o.rank, o.until) for o in lavrov] == [("RUS", Rank.MINISTER, None)]


# -- the Lexicon API --------------------------------------------------------------


def test_party_raises_a_clear_lookup_error(lexicon: Lexicon) -> None:
    with pytest.raises(UnknownPartyError, match="'XYZ'") as caught:
        lexicon.party("XYZ")
    assert isinstance(caught.value, LookupError)
    assert isinstance(caught.value, DiplomacyEventsError)
    assert caught.value.code == "XYZ"


def test_errors_pickle() -> None:
    for error in [UnknownPartyError("XYZ"), LexiconFileError("a.tsv", 3, "bad")]:
        again = pickle.loads(pickle.dumps(error))
        assert type(again) is type(error)
        assert str(again) == str(error)


def test_lexicon_is_immutable(lexicon: Lexicon) -> None:
    with pytest.raises(TypeError):
        lexicon.titles["Boss"] = Rank.OTHER  # type: ignore[index]
    with pytest.raises(TypeError):
        lexicon.parties["XYZ"] = Party(code="XYZ", name="X")  # type: ignore[index]
    with pytest.raises(AttributeError):
        lexicon.officials = ()  # type: ignore[misc]
    assert isinstance(lexicon.party_names, tuple)


def test_lexicon_copies_the_mappings_it_is_given() -> None:
    parties = {"XYZ": Party(code="XYZ", name="X")}
    made = Lexicon(parties=parties, party_names=[], cities=[], venues=[], titles={}, officials=[])
    parties["ABC"] = Party(code="ABC", name="A")
    assert list(made.parties) == ["XYZ"]


def test_lexicon_refuses_unknown_codes() -> None:
    with pytest.raises(UnknownPartyError, match="'XYZ'"):
        Lexicon(
            parties={},
            party_names=[PartyName(surface="Xland", code="XYZ", form="name")],
            cities=[],
            venues=[],
            titles={},
            officials=[],
        )
    with pytest.raises(ValueError, match="form"):
        PartyName(surface="Xland", code="XYZ", form="nickname")


def test_extend_returns_a_new_lexicon_and_leaves_the_default_alone() -> None:
    base = default_lexicon()
    before = (dict(base.parties), base.party_names, base.cities, dict(base.titles))
    extended = base.extend(
        parties=[Party(code="Ruritanian Front", name="Ruritanian Front", kind=PartyKind.OTHER)],
        party_names=[
            PartyName(surface="Ruritanian Front", code="Ruritanian Front", form="name"),
            PartyName(surface="Georgia", code="USA", form="alias"),
        ],
        cities=[City(name="Atlanta", country="USA")],
        venues=[Venue(name="Sirius", city="Sochi", country="RUS")],
        titles={"Boss": Rank.OTHER},
        officials=[
            Official(name="Jane Roe", party="Ruritanian Front", rank=Rank.OTHER, title="Boss")
        ],
    )
    assert extended is not base
    assert default_lexicon() is base
    assert (dict(base.parties), base.party_names, base.cities, dict(base.titles)) == before
    assert extended.party("Ruritanian Front").kind is PartyKind.OTHER
    assert codes_of(extended, "Ruritanian Front") == {"Ruritanian Front"}
    # An added surface form replaces the old entries of that form.
    assert codes_of(extended, "Georgia") == {"USA"}
    assert codes_of(base, "Georgia") == {"GEO"}
    assert extended.titles["Boss"] is Rank.OTHER
    assert "Boss" not in base.titles
    assert extended.officials[-1].name == "Jane Roe"
    assert len(extended.party_names) == len(base.party_names) + 1


def test_extend_with_another_lexicon_then_keywords(tmp_path: Path) -> None:
    (tmp_path / "capitals.tsv").write_text("# mine\nGotham\tUSA\n", encoding="utf-8")
    other = load_lexicon(tmp_path)
    extended = default_lexicon().extend(other, cities=[City(name="Gotham", country="GBR")])
    gotham = [c for c in extended.cities if c.name == "Gotham"]
    assert gotham == [City(name="Gotham", country="GBR")]
    assert codes_of(extended, "Gotham") == {"USA"}


def test_extend_refuses_unknown_codes() -> None:
    with pytest.raises(UnknownPartyError):
        default_lexicon().extend(cities=[City(name="Atlantis", country="ATL")])


def test_default_lexicon_is_cached() -> None:
    assert default_lexicon() is default_lexicon()


def test_importing_the_module_reads_nothing() -> None:
    code = (
        "import diplomacy_events.lexicon as m\n"
        "assert m.default_lexicon.cache_info().currsize == 0, 'loaded at import'\n"
        "assert m._iso_states.cache_info().currsize == 0, 'pycountry read at import'\n"
        "m.default_lexicon()\n"
        "assert m.default_lexicon.cache_info().currsize == 1\n"
    )
    root = str(DATA.parent.parent)
    path = os.pathsep.join([root, os.environ.get("PYTHONPATH", "")])
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "PYTHONPATH": path})


# -- load_lexicon -----------------------------------------------------------------


def test_an_empty_folder_gives_pycountry_states_only(tmp_path: Path) -> None:
    mine = load_lexicon(tmp_path)
    assert set(mine.parties) == {c.alpha_3 for c in pycountry.countries}
    assert (mine.cities, mine.venues, mine.officials) == ((), (), ())
    assert dict(mine.titles) == {}
    assert {n.form for n in mine.party_names} == {"name"}


def test_the_package_folder_loads_as_the_default(lexicon: Lexicon) -> None:
    again = load_lexicon(DATA)
    assert again.party_names == lexicon.party_names
    assert dict(again.parties) == dict(lexicon.parties)
    assert (again.cities, again.venues, again.officials) == (
        lexicon.cities,
        lexicon.venues,
        lexicon.officials,
    )
    assert dict(again.titles) == dict(lexicon.titles)


def test_a_folder_on_a_base(tmp_path: Path) -> None:
    (tmp_path / "officials.tsv").write_text(
        "Jane Roe\tNATO\tsenior_official\tSpokesperson\t2030\n", encoding="utf-8"
    )
    (tmp_path / "venues.tsv").write_text("Sirius\tSochi\tRUS\tno\n", encoding="utf-8")
    with pytest.raises(LexiconFileError, match="unknown party code 'NATO'"):
        load_lexicon(tmp_path)
    mine = load_lexicon(tmp_path, base=default_lexicon())
    assert mine.officials[-1] == Official(
        name="Jane Roe", party="NATO", rank=Rank.SENIOR_OFFICIAL, title="Spokesperson", since="2030"
    )
    assert mine.venues[-1] == Venue(name="Sirius", city="Sochi", country="RUS", metonym=False)
    assert len(mine.party_names) == len(default_lexicon().party_names)


def test_a_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LexiconFileError, match="not a folder"):
        load_lexicon(tmp_path / "nowhere")


@pytest.mark.parametrize(
    ("name", "content", "line", "problem"),
    [
        ("demonyms.tsv", "# header\nRussian\tRUS\nMartian RUS\n", 3, "2 tab-separated columns"),
        ("demonyms.tsv", "Martian\tMRS\n", 1, "unknown party code 'MRS'"),
        ("demonyms.tsv", "Russian\tRUS\n\nRussian\tUKR\n", 3, "listed twice (first on line 1)"),
        ("demonyms.tsv", "\tRUS\n", 1, "the demonym column is empty"),
        ("capitals.tsv", "Moscow\tRUS\tcapital\n", 1, "found 3"),
        ("titles.tsv", "# t\n# u\nBoss\tboss\n", 3, "rank 'boss' is not one of"),
        ("venues.tsv", "Sirius\tSochi\tRUS\tmaybe\n", 1, "metonym 'maybe' is not yes or no"),
        ("venues.tsv", "Sirius\tRUS\tno\n", 1, "expected 4 tab-separated columns"),
        (
            "officials.tsv",
            "Jane Roe\tRUS\tminister\tMinister\t2021-13\n",
            1,
            "since '2021-13' is not YYYY or YYYY-MM",
        ),
        (
            "officials.tsv",
            "Jane Roe\tRUS\tminister\tMinister\t2022\t2021\n",
            1,
            "until '2021' is before since '2022'",
        ),
        ("organisations.tsv", "NATO\tNorth Atlantic Alliance\tA||B\n", 1, "alias 2 is empty"),
        ("organisations.tsv", "RUS\tRussian Union\t\n", 1, "code 'RUS' is already a state"),
        ("organisations.tsv", "AA\tAlpha\tX\nBB\tBeta\tX\n", 2, "'X' already names AA (line 1)"),
        ("states.tsv", "Kosovo\tKosovo\nKosovo\tKosova\n", 2, "code 'Kosovo' is listed twice"),
    ],
)
def test_a_malformed_line_names_file_line_and_problem(
    tmp_path: Path, name: str, content: str, line: int, problem: str
) -> None:
    (tmp_path / name).write_text(content, encoding="utf-8")
    with pytest.raises(LexiconFileError) as caught:
        load_lexicon(tmp_path)
    error = caught.value
    assert error.path == str(tmp_path / name)
    assert error.line == line
    assert problem in error.problem
    assert str(error).startswith(f"{tmp_path / name}, line {line}: ")
    assert isinstance(error, ValueError)


def test_a_city_is_not_also_a_capital(tmp_path: Path) -> None:
    (tmp_path / "capitals.tsv").write_text("Gotham\tUSA\n", encoding="utf-8")
    (tmp_path / "cities.tsv").write_text("Metropolis\tUSA\nGotham\tUSA\n", encoding="utf-8")
    with pytest.raises(LexiconFileError, match=r"line 2: 'Gotham' is already a capital"):
        load_lexicon(tmp_path)


def test_a_file_that_is_not_utf8_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "demonyms.tsv").write_bytes("Ruśsian\tRUS\n".encode("utf-16"))
    with pytest.raises(LexiconFileError, match="not UTF-8"):
        load_lexicon(tmp_path)


def test_optional_columns_may_be_left_off_and_crlf_and_bom_are_read(tmp_path: Path) -> None:
    lines = ["\ufeffJane Roe\tRUS\tminister\tMinister", "John Roe\tRUS\tminister\tMinister\t2020\t"]
    (tmp_path / "officials.tsv").write_bytes("\r\n".join(lines).encode())
    (tmp_path / "organisations.tsv").write_text("AA\tAlpha\n", encoding="utf-8")
    mine = load_lexicon(tmp_path)
    assert [(o.name, o.since, o.until) for o in mine.officials] == [
        ("Jane Roe", None, None),
        ("John Roe", "2020", None),
    ]
    assert mine.party("AA") == Party(code="AA", name="Alpha", kind=PartyKind.ORGANISATION)
    assert codes_of(mine, "AA") == {"AA"}
    assert [n.form for n in mine.party_names if n.code == "AA"] == ["acronym", "name"]
