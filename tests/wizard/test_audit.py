import pytest
import sqlalchemy as sa

from wizard import audit
from wizard.audit import AuditEvent
from wizard.extensions import db


def test_record_outside_a_request_is_the_system(app):
    with app.app_context():
        entry = audit.record("proef", target="interventie:alfa", changes={"naam": ("Oud", "Nieuw")}, reason="test")
        db.session.commit()
        stored = db.session.get(AuditEvent, entry.id)
        assert (stored.actor, stored.event, stored.target, stored.result) == ("systeem", "proef", "interventie:alfa",
                                                                             "gelukt")
        assert stored.changes == {"naam": ["Oud", "Nieuw"]} and stored.reason == "test" and stored.at is not None


def test_record_in_an_anonymous_request_is_the_municipality(app):
    with app.test_request_context("/"):
        assert audit.record("proef").actor == "gemeente"
        db.session.rollback()


def test_result_must_be_gelukt_or_geweigerd(app):
    with app.app_context(), pytest.raises(ValueError):
        audit.record("proef", result="misschien")


def test_the_orm_refuses_to_change_or_delete_a_line(app):
    with app.app_context():
        entry = audit.record("blijft staan")
        db.session.commit()
        entry.reason = "achteraf veranderd"
        with pytest.raises(PermissionError):
            db.session.commit()
        db.session.rollback()
        db.session.delete(db.session.get(AuditEvent, entry.id))
        with pytest.raises(PermissionError):
            db.session.commit()
        db.session.rollback()


@pytest.mark.parametrize("statement", ["DELETE FROM audit_event", "UPDATE audit_event SET reason = 'weg'"])
def test_the_database_refuses_raw_updates_and_deletes(app, statement):
    with app.app_context():
        audit.record("blijft ook staan")
        db.session.commit()
        count = db.session.scalar(sa.select(sa.func.count(AuditEvent.id)))
        with pytest.raises(sa.exc.DatabaseError, match="append-only"):
            with db.engine.begin() as conn:
                conn.execute(sa.text(statement))
        assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id))) == count


def test_changed_lists_only_fields_that_differ():
    assert audit.changed({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": None}) == {"b": (2, 3)}


def test_events_for_a_target_come_newest_first(app):
    with app.app_context():
        audit.record("eerste", target="interventie:historie-proef")
        audit.record("ander doel", target="interventie:iets-anders")
        audit.record("tweede", target="interventie:historie-proef")
        db.session.commit()
        assert [e.event for e in audit.events_for("interventie:historie-proef")] == ["tweede", "eerste"]


def test_record_now_writes_the_row_record_writes(app):
    columns = ("actor", "actor_id", "target", "changes", "reason", "result")
    with app.test_request_context("/"):
        for changes in ({"naam": ("Oud", "Nieuw"), "lijst": ([], ["a"])}, None):
            kwargs = {"target": "vragenlijst:#abc", "changes": changes, "reason": "proef"}
            audit.record("als object", **kwargs)
            db.session.flush()
            audit.record_now("als statement", **kwargs)
            db.session.commit()
            rows = db.session.execute(
                sa.select(AuditEvent.__table__).order_by(AuditEvent.id.desc()).limit(2)).mappings().all()
            now, before = rows
            assert (now["event"], before["event"]) == ("als statement", "als object")
            assert {c: now[c] for c in columns} == {c: before[c] for c in columns}
            assert now["actor"] == "gemeente" and now["at"] is not None
            # stored alike, also no changes: JSON null as the ORM writes None, not SQL NULL
            raw = dict(db.session.execute(sa.select(AuditEvent.id, sa.cast(AuditEvent.changes, sa.Text)).where(
                AuditEvent.id.in_([now["id"], before["id"]]))).all())
            assert raw[now["id"]] == raw[before["id"]] and (changes or raw[now["id"]] == "null")


def test_record_now_refuses_an_unknown_result(app):
    with app.test_request_context("/"), pytest.raises(ValueError):
        audit.record_now("proef", result="misschien")
