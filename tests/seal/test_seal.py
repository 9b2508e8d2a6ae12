"""The electronic seal: every approved version sealed at approval (PAdES with pyHanko, a local test PKI and timestamp
authority, never the network), the stored hash that of the sealed file, still PDF/A; anyone can check a document;
without a certificate the portal warns at start-up and works."""

import datetime
import hashlib
import io
import re

import pikepdf
import pytest
from django.core.checks import run_checks
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from meetings.services import minutes as minutes_services
from seal.pki import make_chain
from seal.verify import check_seal
from tests.conftest import PASSWORD
from tests.factories import AgendaItemFactory, MeetingFactory, MembershipFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pki(tmp_path_factory, settings):
    """A root, the seal, a timestamp authority of the tests' own; the portal configured with them."""
    chain = make_chain(tmp_path_factory.mktemp("pki"), label="TEST", password="test")
    settings.SEAL_PKCS12_PATH, settings.SEAL_PKCS12_PASSWORD = str(chain.seal_p12), chain.password
    settings.SEAL_LOCAL_TSA_PKCS12_PATH = str(chain.tsa_p12)
    settings.SEAL_TRUST_ROOTS = [str(chain.root_pem)]
    return chain


@pytest.fixture
def notes(chair, secretary):
    meeting = MeetingFactory(date=datetime.date(2026, 3, 6))
    person = PersonFactory(first_name="Helén", last_name="Eliasson", user=chair)
    MembershipFactory(body=meeting.body, person=person, role="chair", start_date=datetime.date(2026, 1, 1),
                      end_date=None)  # fmt: skip
    AgendaItemFactory(meeting=meeting, order=1, title="Hjälpmedel",
                      proposals=["<div>SRO ställer sig bakom förslaget.</div>"])  # fmt: skip
    minutes = minutes_services.minutes_start(meeting=meeting, by=secretary)
    minutes_services.minutes_send_to_chair(minutes=minutes, by=secretary, remind=False)
    return minutes


def approve_and_publish(notes, chair, secretary):
    version = minutes_services.minutes_approve(minutes=notes, by=chair, password=PASSWORD)
    minutes_services.minutes_publish(minutes=notes, by=secretary, alert=False)
    version.refresh_from_db()
    return version


def stored(version) -> bytes:
    with version.pdf.open("rb") as pdf:
        return pdf.read()


def test_approval_seals_the_pdf_and_keeps_the_sealed_files_hash(pki, notes, chair, secretary):
    version = approve_and_publish(notes, chair, secretary)
    pdf = stored(version)
    assert version.seal_level == "PAdES B-LTA" and version.sealed_by == "SRO-portalen TEST elektroniskt sigill"
    assert hashlib.sha256(pdf).hexdigest() == version.pdf_sha256

    seal = check_seal(pdf)
    assert seal.valid and seal.timestamped
    assert seal.reason == f"Godkänd av ordföranden Helén Eliasson {timezone.localdate():%Y-%m-%d}"
    assert not re.search(r"\d{6,8}-?\d{4}", seal.reason + seal.signed_by)  # no personal identity number

    # Still PDF/A-2b, tagged: the seal is an incremental update, the approved document's bytes kept before it.
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert document.open_metadata().get("pdfaid:part") == "2"
        assert "/StructTreeRoot" in document.Root
    assert pdf.count(b"%%EOF") >= 2


def test_a_changed_byte_breaks_the_seal_and_the_portal_says_so(client, pki, notes, chair, secretary):
    version = approve_and_publish(notes, chair, secretary)
    pdf = bytearray(stored(version))
    at = pdf.index(b"Hj\xc3\xa4lpmedel") if b"Hj\xc3\xa4lpmedel" in pdf else len(pdf) // 3
    pdf[at] ^= 0x01
    response = client.post(reverse("seal:verify"), {"document": SimpleUploadedFile("kopia.pdf", bytes(pdf))})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Det här är en ändrad kopia av ett förseglat dokument." in page and "Sigillet är brutet" in page


def test_anyone_checks_a_copy_or_a_hash_and_learns_which_version_it_is(client, pki, notes, chair, secretary):
    version = approve_and_publish(notes, chair, secretary)
    response = client.post(reverse("seal:verify"), {"document": SimpleUploadedFile("kopia.pdf", stored(version))})
    page = " ".join(response.content.decode().split())
    assert "Det här är en godkänd och publicerad version av minnesanteckningarna." in page
    assert "version 1, godkänd av Helén Eliasson" in page and "Sigillet är giltigt." in page
    assert "Certifikatet leder till en utfärdare som portalen litar på." in page
    assert "En giltig tidsstämpel visar att det förseglades" in page

    # The notes page shows the seal and the hash, and links the check with the hash filled in.
    notes_page = client.get(reverse("public:minutes", args=[notes.meeting.pk])).content.decode()
    assert "Förseglad vid godkännandet av SRO-portalen TEST elektroniskt sigill (PAdES B-LTA)" in notes_page
    by_hash = client.get(f"{reverse('seal:verify')}?sha256={version.pdf_sha256.upper()}")
    assert "Sigillet är giltigt." in by_hash.content.decode()

    # A correction approved and published: the first version is told to have a newer one.
    minutes_services.minutes_correct(minutes=notes, by=secretary, reason="Fel datum")
    minutes_services.minutes_send_to_chair(minutes=notes, by=secretary, remind=False)
    approve_and_publish(notes, chair, secretary)
    again = client.get(f"{reverse('seal:verify')}?sha256={version.pdf_sha256}").content.decode()
    assert "Det finns en nyare, rättad version: version 2" in again


def test_an_approved_version_not_yet_published_gets_its_own_answer_and_nothing_more(client, pki, notes, chair):
    version = minutes_services.minutes_approve(minutes=notes, by=chair, password=PASSWORD)
    version.refresh_from_db()
    for response in (
        client.get(f"{reverse('seal:verify')}?sha256={version.pdf_sha256}"),
        client.post(reverse("seal:verify"), {"document": SimpleUploadedFile("kopia.pdf", stored(version))}),
    ):
        page = " ".join(response.content.decode().split())
        assert "Det här är en godkänd version av minnesanteckningar som inte är publicerad (ännu)." in page
        assert "publicerad version av minnesanteckningarna." not in page and "Mötet i" not in page
        assert "inte ett av portalens dokument" not in page and "ändrad kopia" not in page


def red_text_appended(pdf: bytes) -> bytes:
    """The sealed PDF with a line of red text drawn on its first page by one incremental update: the signed bytes
    untouched, the page a reader sees changed."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    font = writer.add_object(generic.DictionaryObject({
        generic.NameObject("/Type"): generic.NameObject("/Font"),
        generic.NameObject("/Subtype"): generic.NameObject("/Type1"),
        generic.NameObject("/BaseFont"): generic.NameObject("/Helvetica"),
    }))  # fmt: skip
    red = b"BT /FRed 18 Tf 1 0 0 rg 72 90 Td (Beslut: avslag) Tj ET"
    text = writer.add_object(generic.StreamObject(stream_data=red))
    resources = generic.DictionaryObject(
        {generic.NameObject("/Font"): generic.DictionaryObject({generic.NameObject("/FRed"): font})}
    )
    writer.add_stream_to_page(0, text, resources=resources)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_red_text_added_after_the_seal_is_a_changed_copy_not_an_intact_one(client, pki, notes, chair, secretary):
    version = approve_and_publish(notes, chair, secretary)
    changed = red_text_appended(stored(version))
    assert changed.startswith(stored(version)) and b"Beslut: avslag" in changed  # one update after the sealed bytes

    seal = check_seal(changed)
    assert seal.present and seal.intact and seal.changed_after and not seal.unchanged and not seal.valid
    response = client.post(reverse("seal:verify"), {"document": SimpleUploadedFile("kopia.pdf", changed)})
    page = " ".join(response.content.decode().split())
    assert response.status_code == 200
    assert "Det här är en ändrad kopia av ett förseglat dokument." in page
    assert "innehåll har lagts till i dokumentet efter att det förseglades" in page
    assert "Sigillet är giltigt" not in page and "oförändrat sedan det förseglades" not in page
    assert "publicerad version av minnesanteckningarna" not in page

    # The genuine copy, its validation data and document timestamp after the seal (B-LTA), is still intact.
    genuine = check_seal(stored(version))
    assert genuine.unchanged and genuine.valid and not genuine.changed_after


def test_a_pdf_bomb_is_refused_quickly_in_swedish_and_the_web_worker_is_spared(client, settings):
    """A crafted PDF with 60,000 form fields takes pyHanko half a minute and hundreds of MB (300,000: over a minute
    and 570 MB, measured here): checked in a process of its own with VERIFY_SECONDS, it is refused in about that."""
    import time

    settings.VERIFY_SECONDS = 3
    count = 60_000
    parts, offsets, at = [b"%PDF-1.7\n"], [], 9
    objects = [b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields ["
               + b" ".join(b"%d 0 R" % i for i in range(3, count)) + b"] >> >>\nendobj\n",
               b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n",
               *(b"%d 0 obj\n<< /FT /Sig /T (s%d) >>\nendobj\n" % (i, i) for i in range(3, count))]  # fmt: skip
    for obj in objects:
        offsets.append(at)
        parts.append(obj)
        at += len(obj)
    xref = b"xref\n0 %d\n0000000000 65535 f \n" % count + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    bomb = b"".join(parts) + xref + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (count, at)

    started = time.monotonic()
    response = client.post(reverse("seal:verify"), {"document": SimpleUploadedFile("bomb.pdf", bomb)})
    assert time.monotonic() - started < 10
    page = " ".join(response.content.decode().split())
    assert response.status_code == 200
    assert "Filens sigill kunde inte kontrolleras: filen kräver mer tid eller minne än kontrollen tillåter." in page


def test_a_check_that_needs_more_memory_than_allowed_is_refused(pki, notes, chair, secretary, settings):
    version = approve_and_publish(notes, chair, secretary)
    settings.VERIFY_MEMORY_MB = 40  # less than pyHanko needs to start: the limit is there, and holds
    seal = check_seal(stored(version))
    assert seal.refused and not seal.present and not seal.valid


def test_uploads_are_limited_per_visitor(client, settings):
    from django.core.cache import cache

    cache.clear()
    settings.VERIFY_PER_HOUR = 2
    for expected in (200, 200, 429):
        response = client.post(reverse("seal:verify"), {"document": SimpleUploadedFile("a.pdf", b"%PDF-1.7\nx")})
        assert response.status_code == expected
    assert "För många filer har kontrollerats från din adress." in response.content.decode()


def test_a_seal_from_an_issuer_not_trusted_is_said_to_be_so(client, pki, notes, chair, secretary, settings,
                                                            tmp_path):  # fmt: skip
    version = approve_and_publish(notes, chair, secretary)
    other = make_chain(tmp_path / "other", label="ANNAN", password="x")
    settings.SEAL_PKCS12_PATH, settings.SEAL_PKCS12_PASSWORD = str(other.seal_p12), "x"
    settings.SEAL_TRUST_ROOTS = [str(other.root_pem)]
    seal = check_seal(stored(version))
    assert seal.intact and not seal.trusted and not seal.valid


@pytest.mark.parametrize(
    ("data", "message", "status"),
    [
        ({"document": SimpleUploadedFile("bild.pdf", b"GIF89a")}, "”bild.pdf” är inte en PDF-fil.", 400),
        ({"sha256": "abc"}, "En SHA-256 är 64 tecken, 0–9 och a–f.", 400),
        ({}, "Välj en PDF-fil, eller klistra in dess SHA-256.", 400),
    ],
)
def test_wrong_input_is_refused_in_swedish(client, data, message, status):
    response = client.post(reverse("seal:verify"), data)
    assert response.status_code == status and message in response.content.decode()


def test_a_file_over_the_limit_is_refused_unread(client, settings):
    settings.VERIFY_MAX_MB = 1
    big = SimpleUploadedFile("stor.pdf", b"%PDF-1.7\n" + b"0" * (1024 * 1024 + 100 * 1024))
    response = client.post(reverse("seal:verify"), {"document": big})
    assert response.status_code == 413 and "Filen är större än 1 MB." in response.content.decode()


def test_without_a_certificate_approval_works_unsealed_and_start_up_says_so(notes, chair, secretary, settings):
    settings.SEAL_PKCS12_PATH = ""
    version = approve_and_publish(notes, chair, secretary)
    assert version.seal_level == "" and not check_seal(stored(version)).present
    settings.DEBUG = False
    assert [w.id for w in run_checks() if w.id.startswith("seal.")] == ["seal.W001"]
    settings.SEAL_PKCS12_PATH = "/finns/inte.p12"
    assert [w.id for w in run_checks() if w.id.startswith("seal.")] == ["seal.W002"]


def test_load_demo_makes_a_demo_chain_and_seals_the_demos_approved_notes(settings):
    from django.core.management import call_command

    from meetings.models import MinutesVersion

    settings.SEAL_PKCS12_PATH = ""
    call_command("load_demo", verbosity=0)
    assert (settings.SEAL_DEMO_DIR / "seal.p12").is_file()
    versions = list(MinutesVersion.objects.all())
    assert versions and {v.seal_level for v in versions} == {"PAdES B-LTA"}
    assert {v.sealed_by for v in versions} == {"SRO-portalen DEMO elektroniskt sigill"}
    settings.SEAL_TRUST_ROOTS = [str(settings.SEAL_DEMO_DIR / "root.pem")]
    checks = [check_seal(stored(v)) for v in versions]
    assert all(c.valid and c.timestamped for c in checks)  # intact, timestamped, chained to the demo root
    # Still the real notes: the text reads back from the sealed file.
    notes_2022 = next(v for v in versions if v.minutes.meeting.date == datetime.date(2022, 10, 19))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(stored(notes_2022))).pages).split())
    assert "Mötesanteckning SRO" in text and "Godkänd av Johnny Magnusson den 2 november 2022" in text


def test_a_random_pdf_is_no_version_and_has_no_seal(client):
    from meetings.pdf import html_to_pdf

    other = html_to_pdf("<html lang='sv'><p>Ett annat dokument</p></html>")
    page = client.post(reverse("seal:verify"), {"document": SimpleUploadedFile("annat.pdf", other)})
    text = page.content.decode()
    assert page.status_code == 200 and "Det här är inte ett av portalens dokument" in text
    assert "Filen har inget elektroniskt sigill." in text


def test_malformed_parameters_are_never_a_500(client):
    from tests.test_malformed_input import BAD_QUERIES

    client.raise_request_exception = False
    for query in [*BAD_QUERIES, "sha256=%00", "sha256=" + "a" * 5000, "sha256=" + "g" * 64]:
        for method in (client.get, client.post):
            assert method(f"{reverse('seal:verify')}?{query}").status_code < 500, query


def test_sealing_and_checking_work_under_a_running_event_loop(pki):
    """pyHanko runs an event loop of its own: under a running one (an ASGI server) it is given a thread."""
    import asyncio

    from meetings.pdf import html_to_pdf
    from seal.signers import configured_signer

    async def under_a_loop():
        pdf, signature = configured_signer().sign(html_to_pdf("<html lang='sv'><p>x</p></html>"), reason="Test")
        return signature, check_seal(pdf)

    signature, seal = asyncio.run(under_a_loop())
    assert signature.level == "PAdES B-LTA" and seal.valid and seal.timestamped


def test_the_check_page_answers_every_role_alike(client, cast):
    """A public page: anonymous, member, guest, secretary, chair and administrator all reach it."""
    from django.test import Client

    for role, user in cast.items():
        visitor = Client()
        if user:
            visitor.force_login(user)
        assert visitor.get(reverse("seal:verify")).status_code == 200, role


def test_the_seal_is_dated_as_the_day_was_in_sweden():
    from seal.services import approval_reason

    half_past_midnight = datetime.datetime(2025, 3, 19, 23, 30, tzinfo=datetime.UTC)  # 00.30 on 20 March in Sweden
    reason = approval_reason(name="Helén Eliasson", chair=True, when=half_past_midnight)
    assert reason == "Godkänd av ordföranden Helén Eliasson 2025-03-20"
