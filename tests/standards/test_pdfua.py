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
from meetings.pdf_merge import Part, merge_pdfs
from meetings.services import minutes as minutes_services
from meetings.services.agenda import attachment_add
from meetings.services.notices import notice_send
from mymeetings.services import member_account
from seal.pki import make_chain
from seal.services import seal_approved
from seal.signers import _load_pkcs12
from seal.verify import check_seal
from tests.factories import AgendaItemFactory, MeetingFactory, MembershipFactory, PersonFactory, blank_pdf
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
    _parent_tree_holds_together(pdf)  # each widget's Form element refers back to it (OBJR)


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


def _parent_tree_holds_together(pdf: bytes) -> None:
    """Every page's marked content and every annotation reach their structure element through the parent tree, and
    each element found there belongs to that page: what a merge that renumbers nothing would break."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        nums = document.Root.StructTreeRoot.ParentTree.Nums
        tree = {int(nums[index]): nums[index + 1] for index in range(0, len(nums), 2)}
        for page in document.pages:
            if "/StructParents" in page.obj:
                elements = [e for e in tree[int(page.obj.StructParents)] if e is not None]
                assert elements and {e.Pg.objgen for e in elements} == {page.obj.objgen}
            for annotation in page.obj.get("/Annots", []):
                element = tree[int(annotation.StructParent)]
                kids = element.K if isinstance(element.K, pikepdf.Array) else [element.K]
                assert annotation.objgen in {k.Obj.objgen for k in kids if isinstance(k, pikepdf.Dictionary)}


@pytest.fixture
def sent_meeting(secretary):
    meeting = MeetingFactory(date=datetime.date(2031, 5, 14))
    member = MembershipFactory(body=meeting.body, start_date=datetime.date(2031, 1, 1), end_date=None).person
    item = AgendaItemFactory(meeting=meeting, order=1, title="Hjälpmedel")
    made_here = html_to_pdf('<html lang="sv"><title>Avtal</title><body><h1>Avtal</h1><table><thead><tr><th>Part'
                            '</th></tr></thead><tbody><tr><td>VGR</td></tr></tbody></table><p><a href="https://vgr.se">'
                            'vgr.se</a></p></body></html>')  # fmt: skip
    attachment_add(item=item, upload=SimpleUploadedFile("avtal.pdf", made_here), content_type="application/pdf",
                   title="Avtal")  # fmt: skip
    return meeting, member, item


def _whole(client, meeting, member) -> tuple[bytes, str]:
    client.force_login(member_account(member))
    page = " ".join(client.get(reverse("mymeetings:meeting", args=[meeting.pk])).content.decode().split())
    return client.get(reverse("mymeetings:meeting_pdf", args=[meeting.pk])).content, page


def test_the_whole_meeting_keeps_the_notices_tags_and_claims_pdf_ua_when_every_part_is_tagged(client, secretary,
                                                                                             sent_meeting):  # fmt: skip
    meeting, member, _item = sent_meeting
    notice_send(meeting=meeting, by=secretary)
    pdf, page = _whole(client, meeting, member)
    assert problems(pdf) == []
    _parent_tree_holds_together(pdf)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        xmp = document.open_metadata()
        assert (xmp["pdfaid:part"], xmp["pdfuaid:part"]) == ("2", "1")
        assert str(document.Root.Lang) == "sv" and xmp["dc:title"] == f"{meeting.body.short_name} 2031-05-14"
        kinds, stack = [], [document.Root.StructTreeRoot.K[0]]
        while stack:
            element = stack.pop()
            kinds.append(str(element.S))
            kids = element.get("/K", [])
            kids = kids if isinstance(kids, pikepdf.Array) else [kids]
            stack += [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]
        assert kinds.count("/H1") >= 2 and "/Table" in kinds  # the notice's headings and the attachment's table
    assert "Kallelsen och alla bilagor i den är tillgänglighetsanpassade (PDF/UA-1)" in page


def test_an_untagged_attachment_stays_as_it_came_is_named_and_the_whole_claims_neither(client, secretary,
                                                                                     sent_meeting):  # fmt: skip
    meeting, member, item = sent_meeting
    attachment_add(item=item, upload=SimpleUploadedFile("skannad.pdf", blank_pdf(2)), content_type="application/pdf",
                   title="Skannat brev")  # fmt: skip
    notice_send(meeting=meeting, by=secretary)
    pdf, page = _whole(client, meeting, member)
    assert problems(pdf) == [NOT_CLAIMED]  # the notice's and the tagged attachment's structure all there
    _parent_tree_holds_together(pdf)
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert "pdfaid:part" not in document.open_metadata()  # a scan nobody checked is not claimed PDF/A either
        with document.open_outline() as outline:
            titles = [child.title for child in outline.root[1].children]
    assert titles == ["Avtal", "Skannat brev (inte tillgänglighetsanpassad: be sekreteraren om en tillgänglig version)"]
    assert "Bilagan Skannat brev är inte tillgänglighetsanpassad; be sekreteraren om en tillgänglig version." in page
    assert "Bilagan Avtal är inte" not in page


def test_a_pdf_attachment_that_does_not_read_is_left_out_and_the_rest_still_comes(client, secretary, sent_meeting):
    meeting, member, item = sent_meeting
    attachment_add(item=item, upload=SimpleUploadedFile("trasig.pdf", b"%PDF-1.7\n1 0 obj <<"),
                   content_type="application/pdf", title="Trasig")  # fmt: skip
    notice_send(meeting=meeting, by=secretary)
    pdf, page = _whole(client, meeting, member)
    with pikepdf.open(io.BytesIO(pdf)) as document, document.open_outline() as outline:
        assert [child.title for child in outline.root[1].children] == ["Avtal"]
    row = page[page.index(">Trasig<") :]
    assert row.index("Ingår inte i den samlade PDF:en") < row.index("</tr>")
    assert "Bilagan Trasig är inte" not in page


def test_a_part_archival_but_not_claiming_pdf_ua_leaves_the_whole_pdf_a_only():
    """A tagged PDF/A-2b that does not claim PDF/UA-1 (an office suite's export, say): its tags come along, the whole
    claims PDF/A-2b and not PDF/UA-1, and the part is named as not accessible."""
    notice = html_to_pdf('<html lang="sv"><title>Kallelse</title><body><h1>Kallelse</h1></body></html>')
    exported = html_to_pdf('<html lang="sv"><title>PM</title><body><h1>PM</h1></body></html>', claim_ua=False)
    merged = merge_pdfs([Part(notice, "Kallelse"), Part(exported, "PM", group="1. Hjälpmedel")], title="SRO")
    assert (merged.pdf_a, merged.pdf_ua) == (True, False)
    assert [part.title for part in merged.not_accessible] == ["PM"]
    assert problems(merged.content) == [NOT_CLAIMED]
    _parent_tree_holds_together(merged.content)
    with pikepdf.open(io.BytesIO(merged.content)) as document:
        assert document.open_metadata()["pdfaid:part"] == "2" and "pdfuaid:part" not in document.open_metadata()


def test_an_untagged_pdf_is_still_sealed_its_fields_described(pki):
    """None of the portal's own PDFs is untagged; one handed to the seal all the same is sealed, not refused."""
    sealed, signature = seal_approved(blank_pdf(1), reason="Godkänd")
    assert signature.level == "PAdES B-LTA" and check_seal(sealed).valid
    with pikepdf.open(io.BytesIO(sealed)) as document:
        assert all(str(widget.TU) for widget in document.pages[0].Annots)
