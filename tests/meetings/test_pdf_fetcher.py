"""WeasyPrint fetches only the portal's own static and media files."""

import io

import pytest
from django.test import override_settings
from pypdf import PdfReader
from weasyprint import HTML

from meetings.pdf import BASE_URL, PortalURLFetcher, local_file_for


def render(html: str) -> bytes:
    return HTML(string=html, base_url=BASE_URL, url_fetcher=PortalURLFetcher()).write_pdf()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:8000/admin/",
        "https://example.com/logo.png",
        BASE_URL + "static/../../../../etc/passwd",
        BASE_URL + "media/../../etc/passwd",
        BASE_URL + "admin/",
    ],
)
def test_anything_but_the_portals_own_files_is_refused(url):
    with pytest.raises(ValueError):
        PortalURLFetcher().fetch(url)


def test_the_portals_static_files_are_served():
    response = PortalURLFetcher().fetch(BASE_URL + "static/css/print.css")
    assert b"@page" in response.read()


def test_a_template_pointing_at_etc_passwd_renders_nothing_of_it(tmp_path):
    pdf = render(
        '<html><body><p>före</p><object data="file:///etc/passwd"></object>'
        '<img src="file:///etc/passwd"><iframe src="http://127.0.0.1:1/"></iframe><p>efter</p></body></html>'
    )
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "före" in text and "efter" in text
    assert "root:" not in text


def test_media_files_are_found_only_inside_media_root(tmp_path):
    (tmp_path / "bilaga.txt").write_text("x")
    with override_settings(MEDIA_ROOT=tmp_path):
        assert local_file_for(BASE_URL + "media/bilaga.txt") == tmp_path / "bilaga.txt"
        assert local_file_for(BASE_URL + "media/../bilaga.txt") is None


def test_a_render_that_takes_too_long_is_stopped_with_a_swedish_message(settings):
    from meetings.pdf import PdfTimeout, html_to_pdf

    settings.PDF_RENDER_SECONDS = 0.5
    rows = "".join(f"<tr><td>{n}</td><td>rad {n}</td></tr>" for n in range(30000))
    with pytest.raises(PdfTimeout) as stopped:
        html_to_pdf(f"<html lang='sv'><body><table>{rows}</table></body></html>")
    assert "tog mer än 0.5 sekunder" in str(stopped.value)
    assert html_to_pdf("<html lang='sv'><p>kort</p></html>").startswith(b"%PDF")  # the next render is not affected
