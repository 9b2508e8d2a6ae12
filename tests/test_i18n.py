"""Everything a person sees is Swedish: the catalogue is complete and used."""

from pathlib import Path

import pytest
from django.apps import apps
from django.utils import translation
from django.utils.translation import trans_real

PO = Path(__file__).resolve().parents[1] / "locale" / "sv" / "LC_MESSAGES" / "django.po"


def po_entries():
    """(msgid, msgstr, fuzzy) for each entry of the .po file; enough of the format for a check."""
    entries, current, flags = [], {}, ""
    key = None
    for line in [*PO.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#,"):
            flags = line
        elif line.startswith(("msgid ", "msgstr ", "msgstr[0] ")):
            key, _, rest = line.partition(" ")
            key = key.replace("[0]", "")
            current[key] = rest[1:-1]
        elif line.startswith('"') and key:
            current[key] += line[1:-1]
        elif not line.strip() and current:
            entries.append((current.get("msgid", ""), current.get("msgstr", ""), "fuzzy" in flags))
            current, flags, key = {}, "", None
    return [e for e in entries if e[0]]


def test_every_string_in_the_catalogue_is_translated_and_none_is_fuzzy():
    entries = po_entries()
    assert len(entries) > 150
    assert [e[0] for e in entries if not e[1]] == []
    assert [e[0] for e in entries if e[2]] == []


def _sources(model):
    yield model._meta.verbose_name
    yield model._meta.verbose_name_plural
    for field in model._meta.get_fields():
        if hasattr(field, "verbose_name"):
            yield field.verbose_name
            if getattr(field, "help_text", ""):
                yield field.help_text
            for _value, label in getattr(field, "flatchoices", None) or []:
                yield label


@pytest.mark.parametrize("app_label", ["members", "meetings"])
def test_every_model_label_of_the_portal_has_a_swedish_translation(app_label):
    catalogue = trans_real.translation("sv")._catalog
    untranslated = set()
    for model in apps.get_app_config(app_label).get_models():
        for text in _sources(model):
            with translation.override("en"):
                source = str(text)
            # Labels Django makes up itself (e.g. "ID") are Django's to translate.
            if source and source != "ID" and source not in catalogue:
                untranslated.add(source)
    assert untranslated == set()


def test_pages_are_swedish(client, db):
    response = client.get("/")
    assert '<html lang="sv">' in response.content.decode()
    assert "Hoppa till innehållet" in response.content.decode()
