"""Every PDF kind the public gets, read by the machine-checkable rules of veraPDF's PDF/UA-1 profile
(tests/standards/pdfua.py): the notice, the notes (sealed, too), the compilation and the yearly review claim PDF/UA-1
and break none. A fault of each kind mended, put back, is reported."""

import datetime
import io

import pikepdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from weasyprint import HTML

from meetings.pdf import html_to_pdf
from meetings.services import minutes as minutes_services
from seal.pki import make_chain
from seal.signers import _load_pkcs12
from tests.factories import AgendaItemFactory, MeetingFactory, MembershipFactory, PersonFactory
from tests.seal.test_seal import approve_and_publish, stored
from tests.standards.pdfua import problems
from tests.test_public_pages import published_urls

pytestmark = pytest.mark.django_db
NOT_CLAIMED = "5-1/5-2: no pdfuaid:part 1 in the XMP metadata"


def _pdf(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_each_public_pdf_kind_follows_the_pdf_ua_rules_checked(demo):
    client, urls = Client(), published_urls()
    for name in ("notice_pdf", "minutes_pdf", "compilation_pdf", "review_pdf"):  # the 2022 notes: 13 list items
        assert problems(_pdf(client, urls[name])) == [], name


@pytest.fixture
def pki(tmp_path_factory, settings):
    chain = make_chain(tmp_path_factory.mktemp("pki"), label="TEST", password="test")
    settings.SEAL_PKCS12_PATH, settings.SEAL_PKCS12_PASSWORD = str(chain.seal_p12), chain.password
    settings.SEAL_LOCAL_TSA_PKCS12_PATH = str(chain.tsa_p12)
    settings.SEAL_TRUST_ROOTS = [str(chain.root_pem)]
    return chain


@pytest.fixture
def notes(chair, secretary):
    meeting = MeetingFactory(date=datetime.date(2026, 3, 6))
    person = PersonFactory(first_name="Helén", last_name="Eliasson", user=chair)
    MembershipFactory(body=meeting.body, person=person, role="chair", start_date=datetime.date(2026, 1, 1))
    AgendaItemFactory(meeting=meeting, order=1, title="Hjälpmedel", proposals=["<div>SRO ställer sig bakom.</div>"])
    minutes = minutes_services.minutes_start(meeting=meeting, by=secretary)
    minutes_services.minutes_send_to_chair(minutes=minutes, by=secretary, remind=False)
    return minutes


def test_sealed_notes_claim_pdf_ua_and_their_seal_still_says_the_published_record(pki, notes, client, chair,
                                                                                  secretary):  # fmt: skip
    version = approve_and_publish(notes, chair, secretary)
    pdf = stored(version)
    assert version.seal_level == "PAdES B-LTA"
    assert problems(pdf) == []

    # The fields were tagged before the seal, in the revision it signs: nothing changed after it.
    response = client.post(reverse("seal:verify"), {"document": SimpleUploadedFile("protokoll.pdf", pdf)})
    page = " ".join(response.content.decode().split())
    assert "Det här är en godkänd och publicerad version av minnesanteckningarna." in page
    assert "Sigillet är giltigt." in page

    # Both signature fields (the seal and the document timestamp) are described and sit in a Form tag.
    with pikepdf.open(io.BytesIO(pdf)) as document:
        widgets = [a for a in document.pages[0].Annots if a.get("/FT") == "/Sig"]
        assert [str(w.T) for w in widgets] == ["Sigill", "Tidsstampel"]
        assert str(widgets[0].TU).startswith("Elektroniskt sigill: Godkänd av ordföranden Helén Eliasson")
        assert all("/StructParent" in w for w in widgets)


def test_a_seal_whose_widget_is_not_tagged_breaks_the_rules(pki):
    """pyHanko's own invisible signature field, as the portal sealed before: no description, in no Form tag."""
    pdf = html_to_pdf('<html lang="sv"><title>Prov</title><body><h1>Protokoll</h1></body></html>')
    metadata = signers.PdfSignatureMetadata(field_name="Sigill")
    signer = signers.PdfSigner(metadata, signer=_load_pkcs12(str(pki.seal_p12), pki.password))
    untagged = signer.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf))).getvalue()
    assert problems(pdf) == []
    assert problems(untagged) == [
        "7.18.1-3: page 1: a form field without TU or alternative description",
        "7.18.4-1: page 1: a widget not in a Form tag",
    ]


def test_the_rules_find_each_fault_the_portal_mends_when_it_is_put_back():
    html = '<html lang="sv"><title>Prov</title><body><ul><li><p>Ett</p><p>Två</p></li></ul></body></html>'
    assert problems(html_to_pdf(html)) == []
    as_weasyprint_writes_it = HTML(string=html).write_pdf(pdf_variant="pdf/a-2b", pdf_tags=True)
    assert problems(as_weasyprint_writes_it) == [NOT_CLAIMED, "7.2-20: LI holds P"]
    assert problems(html_to_pdf(html, claim_ua=False)) == [NOT_CLAIMED]
