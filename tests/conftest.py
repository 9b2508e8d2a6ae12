"""The fixed cast of users and the shared fixtures of the suite."""

import pytest
from django.core.management import call_command

from meetings.integrity import guard_disabled
from meetings.roles import grant
from tests.factories import BodyFactory, UserFactory

PASSWORD = "correct-horse-battery"


@pytest.fixture
def member_user(db):
    """Logged-in somebody with no role: sits in SRO, but keeps no notes and approves nothing."""
    return UserFactory(username="ledamot")


@pytest.fixture
def guest_user(db):
    """An invited guest's account for the members' area: made by the portal, no password, no role."""
    from mymeetings.services import member_account
    from tests.factories import PersonFactory

    return member_account(PersonFactory(first_name="Gun", last_name="Gäst", email="gun@example.se"))


@pytest.fixture
def secretary(db):
    """The secretary of SRO (the first body; tests of other bodies make their own)."""
    user = UserFactory(username="sekreterare", is_staff=True)
    grant(user, BodyFactory(), "secretary")
    return user


@pytest.fixture
def chair(db):
    """A chair's account in SRO; she approves a meeting's notes only while she chairs it (its presidium)."""
    user = UserFactory(username="ordforande", is_staff=True)
    grant(user, BodyFactory(), "chair")
    return user


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def cast(member_user, guest_user, secretary, chair, superuser):
    """Every role by name, anonymous as None: for tables of URLs × roles."""
    return {"anonymous": None, "member": member_user, "guest": guest_user, "secretary": secretary, "chair": chair,
            "superuser": superuser}  # fmt: skip


@pytest.fixture
def demo(db):
    """The real SRO as load_demo loads it."""
    call_command("load_demo", verbosity=0, no_seal=True)  # sealing the demo has a test of its own
    from members.models import Body

    return Body.objects.get(short_name="SRO")


@pytest.fixture
def committed_db(transactional_db):
    """For tests that commit: the flush that ends them (row by row on SQLite) would be refused by the
    record's guards (meetings.integrity), so it runs with the guard lifted and puts it back."""
    yield
    with guard_disabled():
        call_command("flush", interactive=False, verbosity=0)
