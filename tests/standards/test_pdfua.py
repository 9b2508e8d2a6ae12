"""Every PDF kind the public gets, read by the machine-checkable rules of veraPDF's PDF/UA-1 profile
(tests/standards/pdfua.py): the notice, the compilation and the yearly review claim PDF/UA-1 and break none; the
notes keep their structure right but do not claim it (the seal's widgets are not tagged yet). A fault of each kind
mended, put back, is reported."""

import pytest
from django.test import Client
from weasyprint import HTML

from meetings.pdf import html_to_pdf
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
    for name in ("notice_pdf", "compilation_pdf", "review_pdf"):
        assert problems(_pdf(client, urls[name])) == [], name
    assert problems(_pdf(client, urls["minutes_pdf"])) == [NOT_CLAIMED]  # the 2022 notes: 13 list items


def test_the_rules_find_each_fault_the_portal_mends_when_it_is_put_back():
    html = '<html lang="sv"><title>Prov</title><body><ul><li><p>Ett</p><p>Två</p></li></ul></body></html>'
    assert problems(html_to_pdf(html)) == []
    as_weasyprint_writes_it = HTML(string=html).write_pdf(pdf_variant="pdf/a-2b", pdf_tags=True)
    assert problems(as_weasyprint_writes_it) == [NOT_CLAIMED, "7.2-20: LI holds P"]
    assert problems(html_to_pdf(html, claim_ua=False)) == [NOT_CLAIMED]
