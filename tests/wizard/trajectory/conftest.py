"""Fixtures for the trajectory tests: a logged-in adviseur, trajectories started through the
pages, and clients that joined by an invitation link."""

import pytest

from tests.helpers import detached
from tests.wizard.test_questionnaire import STEP1, STEP2, STEP4
from wizard.trajectory.models import Trajectory


@pytest.fixture
def adviseur(logged_in):
    """A logged-in client of a new adviseur, and that adviseur's e-mail address."""
    return logged_in("adviseur")


@pytest.fixture
def start():
    """start(client, municipality, questionnaire='') -> id of the trajectory the client started."""
    def do(client, municipality="Teststad", questionnaire="") -> int:
        response = client.post("/trajecten/nieuw", data={"municipality": municipality, "questionnaire": questionnaire})
        assert response.status_code == 303, response.get_data(as_text=True)
        return int(response.location.rstrip("/").split("/")[-1])
    return do


@pytest.fixture
def stored(app):
    def get(trajectory_id: int) -> Trajectory:
        return detached(app, Trajectory, trajectory_id)
    return get


@pytest.fixture
def joined(new_client):
    """joined(token) -> a new client without an account that opened /uitnodiging/<token>."""
    def join(token: str):
        client = new_client()
        assert client.get(f"/uitnodiging/{token}").status_code == 303
        return client
    return join


def answer_everything(client, sid: str) -> None:
    assert client.post(f"/wizard/{sid}/stap/1", data=STEP1).status_code == 303
    assert client.post(f"/wizard/{sid}/stap/2", data=STEP2).status_code == 303
    assert client.post(f"/wizard/{sid}/stap/3", data={"factoren": ["mediawijsheid"]}).status_code == 303
    assert client.post(f"/wizard/{sid}/stap/4", data=STEP4).status_code == 303


def compose(client, sid: str) -> str:
    """Answer every step and compose the advice; returns the advice id."""
    answer_everything(client, sid)
    response = client.post(f"/advies/nieuw/{sid}")
    assert response.status_code == 303
    return response.location.split("/")[2]


@pytest.fixture
def with_advice(adviseur, start, stored):
    """A trajectory whose adviseur answered the questionnaire and composed the advice:
    (adviseur client, trajectory, advice id)."""
    client, _ = adviseur
    trajectory = stored(start(client))
    return client, trajectory, compose(client, trajectory.wizard_session_id)
