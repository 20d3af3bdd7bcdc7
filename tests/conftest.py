"""Fixtures only. Two knowledge bases: a small hand-made one for fast rule tests, and the real
one (data/) loaded into a real database for integrity and integration tests."""

import os
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from rules import model as d
from wizard import create_app
from wizard.config import PROJECT_ROOT, TestConfig
from wizard.extensions import db
from wizard.kb.access import knowledge_base
from wizard.kb.files import read_knowledge_base
from wizard.kb.loader import replace_knowledge_base

DATA_DIR = PROJECT_ROOT / "data"


def _fresh_schema(app):
    """An empty database at the newest migration (SQLite file or the PostgreSQL of CI)."""
    with app.app_context():
        # every table, also those of earlier revisions that no model knows any more
        existing = sa.MetaData()
        existing.reflect(db.engine)
        existing.drop_all(db.engine)
        with db.engine.begin() as conn:
            conn.execute(sa.text("DROP TABLE IF EXISTS alembic_version"))
        upgrade()


def make_app(tmp_path: Path, **overrides):
    settings = {"DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{tmp_path / 'test.sqlite'}",
                "KB_DATA_DIR": DATA_DIR, **overrides}
    return create_app(TestConfig, **settings)


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    """The app on a database with the real knowledge base loaded (once per test run)."""
    app = make_app(tmp_path_factory.mktemp("db"))
    _fresh_schema(app)
    with app.app_context():
        replace_knowledge_base(db.session, read_knowledge_base(DATA_DIR))
    return app


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture(scope="session")
def real_kb(app) -> d.KnowledgeBase:
    with app.app_context():
        return knowledge_base()


@pytest.fixture
def newest_kb(app) -> d.KnowledgeBase:
    """The newest version now: tests that load changed data restore the real data as a newer
    version, so the session's first version (`real_kb`) need not be the newest one."""
    with app.app_context():
        return knowledge_base()


@pytest.fixture(scope="session")
def artifacts_dir() -> str:
    """Where tests leave files for a human reviewer (PDF pages, screenshots); not in git."""
    path = PROJECT_ROOT / "artifacts"
    path.mkdir(exist_ok=True)
    return str(path)


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of data/, for tests that break a file on purpose."""
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _factor(fid, bouwsteen, types, interventions):
    return d.ProtectiveFactor(id=fid, name=fid.replace("-", " ").capitalize(), bouwsteen=bouwsteen,
                              theme="Thema", types=tuple(types), intervention_ids=tuple(interventions))


def _intervention(iid, factors, types, level=2, source="eigen inschatting", offered="ja", explicit=True,
                  groups=("jongeren",), settings=("school",), levels=("universeel",), approach="collectief",
                  online=False, municipalities=()):
    return d.Intervention(
        id=iid, name=iid.replace("-", " ").title(), offered=offered, description="Omschrijving.",
        aim="Doel.", explicit=explicit, level=level, level_source=source if level is not None else None,
        level_reason="het rapport vermeldt er geen" if level is None else None,
        types=tuple(types), factor_ids=tuple(factors), target_groups=tuple(groups), settings=tuple(settings),
        prevention_levels=tuple(levels), approach=approach, online=online, broadly_applicable=True,
        municipalities=tuple(municipalities))


def build_small_kb() -> d.KnowledgeBase:
    """Six factors over bouwstenen 1, 2, 4 and 6 and eight interventions with known properties."""
    interventions = [
        _intervention("alfa", ["identiteit"], ["4"], level=3),
        _intervention("beta", ["identiteit", "mediawijsheid"], ["1.1"], level=None, offered="nee", online=True,
                      settings=("online",)),
        _intervention("gamma", ["mediawijsheid"], ["1.2"], level=1, explicit=False, online=True,
                      settings=("online",), municipalities=("Arnhem",)),
        _intervention("delta", ["opvoeding"], ["2"], level=2, groups=("ouders-opvoeders",), settings=("gezin",),
                      approach="persoonsgericht", levels=("selectief",)),
        _intervention("epsilon", ["netwerk"], ["9"], level=2, groups=("gemeente",), settings=("gemeente-netwerk",)),
        _intervention("zeta", ["mediawijsheid"], ["1.1"], level=2, online=True, settings=("online",)),
        _intervention("eta", [], ["4"], level=None, offered="onbekend", explicit=None, levels=("geindiceerd",),
                      approach="persoonsgericht"),
        _intervention("theta", ["contact"], ["5"], level=0, source="eigen inschatting", groups=("bewoners",),
                      settings=("wijk",)),
    ]
    by_factor: dict[str, list[str]] = {}
    for i in interventions:
        for f in i.factor_ids:
            by_factor.setdefault(f, []).append(i.id)
    factors = [
        _factor("identiteit", 1, ["4"], by_factor.get("identiteit", [])),
        _factor("opvoeding", 2, ["2"], by_factor.get("opvoeding", [])),
        _factor("mediawijsheid", 4, ["1.1"], by_factor.get("mediawijsheid", [])),
        _factor("contact", 4, ["5"], by_factor.get("contact", [])),
        _factor("zonder-interventie", 1, ["7"], []),
        _factor("netwerk", 6, ["9"], by_factor.get("netwerk", [])),
    ]
    vocab = {name: tuple(d.Term(t, t, t) for t in terms) for name, terms in {
        "doelgroepen": ["jongeren", "ouders-opvoeders", "families", "gemeente", "bewoners"],
        "settings": ["school", "online", "gezin", "wijk", "gemeente-netwerk"],
        "preventieniveau": ["universeel", "selectief", "geindiceerd"],
        "verschijningsvormen": ["verticale-polarisatie", "jihadistisch"],
        "fase": ["start", "in-ontwikkeling", "gevestigd"],
    }.items()}
    return d.KnowledgeBase(
        version="test", bouwstenen=(), factors={f.id: f for f in factors},
        interventions={i.id: i for i in interventions}, types={}, levels=(),
        risk_factors={"discriminatie": d.RiskFactor("discriminatie", "Discriminatie", 5)},
        vocabularies=vocab)


@pytest.fixture(scope="session")
def small_kb() -> d.KnowledgeBase:
    return build_small_kb()
