"""meetings.paths gives the very path Django's reverse gives, whatever the name and the ids."""

import pytest
from django.test import override_settings
from django.urls import NoReverseMatch, reverse, set_script_prefix

from meetings.paths import Paths, path

NAMES_WITH_IDS = [
    ("public:matter", 1), ("public:meeting", 1), ("public:attachment", 1), ("public:minutes_pdf", 1),
    ("mymeetings:attachment", 2), ("staff:meeting", 1), ("public:home", 0),
    ("public:positions", 0),
]  # fmt: skip


@pytest.mark.parametrize(("name", "count"), NAMES_WITH_IDS)
@pytest.mark.parametrize("ids", [(0, 7), (42, 123), (2015, 999_999_999)])
def test_a_path_is_the_one_reverse_gives(name, count, ids):
    args = ids[:count]
    assert path(name, *args) == reverse(name, args=args)
    assert path(name, *args) == path(name, *args)  # and the second time, from the table


def test_a_year_is_a_year_as_reverse_says():
    # The register's addresses take a year of four digits (a year past 9999 was a 500); the paths refuse what
    # reverse refuses, and give what it gives.
    for year in (1000, 2015, 9999):
        assert path("public:compilation", year) == reverse("public:compilation", args=(year,))
    for wrong in (0, 42, 999, 10000):
        with pytest.raises(NoReverseMatch):
            reverse("public:compilation", args=(wrong,))
        with pytest.raises(NoReverseMatch):
            path("public:compilation", wrong)


def test_keywords_are_put_in_their_places():
    assert path("api:agenda_item", pk=17) == reverse("api:agenda_item", kwargs={"pk": 17})
    assert path("api:meeting_list", body_pk=3) == reverse("api:meeting_list", kwargs={"body_pk": 3})


def test_what_the_id_converter_refuses_is_refused_as_reverse_refuses_it():
    for wrong in (-1, 1_000_000_000):
        with pytest.raises(NoReverseMatch):
            path("public:matter", wrong)
    # Not a number: reversed by Django (a body's web address is a word).
    assert path("public:matter", "12") == "/matters/12/"


def test_the_script_prefix_is_followed():
    try:
        set_script_prefix("/portal/")
        assert Paths()("public:matter", 5) == "/portal/matters/5/"
    finally:
        set_script_prefix("/")
    assert Paths()("public:matter", 5) == "/matters/5/"


@override_settings(ROOT_URLCONF="tests.urls_other")
def test_another_url_configuration_has_its_own_paths():
    assert path("other", 5) == "/elsewhere/5/"


def test_words_are_reversed_by_django_and_given_again_the_same():
    paths = Paths()
    first = paths("alerts:confirm", token="abc-3")
    assert first == reverse("alerts:confirm", kwargs={"token": "abc-3"})
    assert paths("alerts:confirm", token="abc-3") is first
    assert paths("alerts:confirm", token="abc-4") == reverse("alerts:confirm", kwargs={"token": "abc-4"})
    with pytest.raises(NoReverseMatch):
        paths("alerts:confirm", token="no/slashes")


def test_the_oparl_ids_of_words_and_numbers_are_the_ones_they_were():
    # The organisations and files were one pattern with a word each ("body-3", "attachment-17"); each kind is now
    # its own pattern with a number, and the addresses clients keep are unchanged.
    assert path("api:body_organization", body_pk=3) == "/api/oparl/v1/organization/body-3/"
    assert path("api:organization", pk=17) == "/api/oparl/v1/organization/17/"
    assert path("api:attachment_file", pk=17) == "/api/oparl/v1/file/attachment-17/"
    assert path("api:notice_file", meeting_pk=5) == "/api/oparl/v1/file/notice-5/"
    assert path("api:notes_file", meeting_pk=5) == "/api/oparl/v1/file/notes-5/"
