import datetime

import pytest

from members.selectors import body_composition, presidium

pytestmark = pytest.mark.django_db

# The member list of the real notice of 6 March 2025 (shared/seeds/003_572aeda89bf1bf84.txt), group by
# group. Two slips of the original are not copied: the missing comma in "Adam Johansson (M) Skaraborg",
# and "Jeanette"/"Janette" Olsson, whom the notice spells both ways.
NOTICE_2025 = [
    (
        "För Västra Götalands fyra kommunalförbund (VGK)",
        [
            (
                "Kommunpolitiker",
                [
                    "Miguel Odhner (S), Göteborgsregionen",
                    "Marina Johansson (S), Göteborgsregionen, vice ordförande",
                    "Theres Sahlström (M), Skaraborg",
                    "Ulf Olsson (S), Boråsregionen",
                    "Peter Eriksson (M), Fyrbodalsregionen",
                    "Adam Johansson (M), Skaraborg",
                    "Bengt Hilmersson (C), Boråsregionen",
                    "Dan Nyberg (S), Fyrbodalsregionen",
                ],
            ),
            (
                "Tjänstepersoner",
                [
                    "Kristina Lännergren, direktör Västkom",
                    "Malin Swärd Davidsson, beredning Västkom",
                    "Angela Olausson, beredning Västkom",
                    "Gitte Caous, förbundsdirektör Göteborgsregionen",
                    "Lena Holmlund, extra representant Göteborgsregionen",
                    "Anna Lärk Ståhlberg, förbundsdirektör Fyrbodalsregionen",
                    "Magnus Haggren, förbundsdirektör Boråsregionen",
                    "Kristofer Svensson, förbundsdirektör Skaraborg",
                ],
            ),
        ],
    ),
    (
        "För Västra Götalandsregionen (VGR)",
        [
            (
                "Regionpolitiker",
                [
                    "Helén Eliasson (S), ordförande Regionstyrelsen, ordförande",
                    "Lars Holmin (M), vice ordförande Regionstyrelsen",
                    "Jeanette Olsson (S), ordförande strategiska Hälso- och sjukvårdsnämnden (SSN)",
                    "Carina Örgård (V), vice ordförande SSN",
                    "Monika Beiring (M), andre vice ordförande SSN",
                ],
            ),
            (
                "Tjänstepersoner",
                [
                    "Karin Looström Muth, hälso- och sjukvårdsutvecklingsdirektör",
                    "Ann-Sofie Rundberg, beredning VGR",
                    "Åsa Jackson, beredning VGR",
                    "Jenny Nilsson, processledare för nytt Hälso- och sjukvårdsavtal",
                ],
            ),
            ("Administration", ["Rebecca Bretvold, Mötessekreterare VGR"]),
        ],
    ),
]


def as_lists(groups):
    return [
        (str(side.heading), [(str(c.label), [m.line for m in c.memberships]) for c in side.categories])
        for side in groups
    ]


def test_composition_on_6_march_2025_is_the_real_notice_list(demo):
    groups = body_composition(body=demo, on=datetime.date(2025, 3, 6))
    assert as_lists(groups) == NOTICE_2025


def test_composition_counts_8_municipal_and_5_regional_politicians(demo):
    groups = body_composition(body=demo, on=datetime.date(2025, 3, 6))
    politicians = {side.side: len(side.categories[0].memberships) for side in groups}
    assert politicians == {"vgk": 8, "vgr": 5}


def test_composition_on_19_october_2022_is_the_body_of_2019_2022(demo):
    groups = body_composition(body=demo, on=datetime.date(2022, 10, 19))
    lines = [m.line for side in groups for c in side.categories for m in c.memberships]
    assert "Johnny Magnusson (M), ordf. Regionstyrelsen, ordförande" in lines
    assert "Axel Josefsson (M), Göteborgsregionen, vice ordförande" in lines
    assert "Josefin Lantz, kommunikatör Vårdsamverkan" in lines
    assert not any(line.startswith("Miguel Odhner") for line in lines)
    assert len(lines) == 24


def test_composition_in_2023_still_has_the_officials_who_left_before_2025(demo):
    groups = body_composition(body=demo, on=datetime.date(2023, 6, 1))
    lines = [m.line for side in groups for c in side.categories for m in c.memberships]
    assert "Erik Lindskog, direktör VästKom" in lines
    assert not any(line.startswith("Kristina Lännergren") for line in lines)


def test_composition_runs_one_query_whatever_the_size(demo, django_assert_num_queries):
    with django_assert_num_queries(1):
        body_composition(body=demo, on=datetime.date(2025, 3, 6))


def test_presidium_is_chair_then_vice_chair(demo):
    names = [m.person.name for m in presidium(body=demo, on=datetime.date(2025, 3, 6))]
    assert names == ["Helén Eliasson", "Marina Johansson"]
