"""Fixtures for the account, beheer, feedback and link-check tests: accounts made per test
(unique e-mail addresses, so tests sharing the session database do not meet) and clients with
their own client address (the rate limits count per address)."""

import itertools

import pytest
import sqlalchemy as sa

from wizard.accounts import services
from wizard.audit import AuditEvent
from wizard.extensions import db

PASSWORD = "een-lang-testwachtwoord"
_numbers = itertools.count(1)


@pytest.fixture
def new_client(app):
    """A factory of test clients, each from its own (made-up) IP address."""
    def make():
        n = next(_numbers)
        client = app.test_client()
        client.environ_base["REMOTE_ADDR"] = f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"
        return client
    return make


@pytest.fixture
def make_user(app):
    """make_user(role) -> e-mail address of a new active account with password PASSWORD."""
    def make(role: str, password: str = PASSWORD) -> str:
        email = f"persoon{next(_numbers)}@gemeente.example"
        with app.app_context():
            services.create_user(email, role, password)
        return email
    return make


@pytest.fixture
def login():
    def do(client, email, password=PASSWORD, follow=False):
        return client.post("/inloggen", data={"email": email, "password": password}, follow_redirects=follow)
    return do


@pytest.fixture
def logged_in(make_user, new_client, login):
    """logged_in(role) -> a logged-in client of a new account with `role`, and its e-mail address."""
    def make(role: str):
        email = make_user(role)
        client = new_client()
        assert login(client, email).status_code == 302
        return client, email
    return make


@pytest.fixture
def beheerder(logged_in):
    """A logged-in client of a new beheerder, and that beheerder's e-mail address."""
    return logged_in("beheerder")


@pytest.fixture
def audit_events(app):
    """audit_events(**filters) -> the matching audit rows, oldest first."""
    def find(**filters):
        with app.app_context():
            return list(db.session.scalars(sa.select(AuditEvent).filter_by(**filters).order_by(AuditEvent.id)))
    return find
