"""When the database cannot be reached the portal answers a clear Swedish 503; other errors a Swedish 500."""

import pytest
from django.db import OperationalError

from meetings import sections

pytestmark = pytest.mark.django_db


@pytest.fixture
def failing_home(client, monkeypatch):
    client.raise_request_exception = False

    def fail_with(error):
        def fail(*args, **kwargs):
            raise error

        monkeypatch.setattr(sections, "default_body", fail)
        return client.get("/")

    return fail_with


def test_a_lost_database_gives_a_swedish_503_that_asks_to_try_again(failing_home):
    response = failing_home(OperationalError("connection to server at 127.0.0.1 failed: Connection refused"))
    assert response.status_code == 503 and response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Portalen är tillfälligt otillgänglig" in page and "Försök igen om en minut." in page
    assert '<html lang="sv">' in page


def test_any_other_error_gives_a_swedish_500(failing_home):
    response = failing_home(ValueError("ett fel"))
    assert response.status_code == 500
    assert "Något gick fel" in response.content.decode()
