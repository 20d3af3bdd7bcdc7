"""What of the hand-edit log still counts after undo and restore (wizard/advice/edit_log.py)."""

from wizard.advice.edit_log import effective_edits, hand_added, hand_removed, last_undoable, replay


def _edit(revision, action, iid=None, **more):
    return {"actie": action, "revisie": revision, **({"interventie": iid} if iid else {}), **more}


def test_edits_apply_in_order_to_the_computed_package():
    log = [_edit(1, "verwijderd", "b"), _edit(2, "toegevoegd", "x"), _edit(3, "gewisseld", "a", vervangen_door="y")]
    assert replay(["a", "b", "c"], log) == ["y", "c", "x"]
    assert hand_added(log) == {"x", "y"}
    assert hand_removed(log) == {"a", "b"}


def test_an_undone_edit_no_longer_counts_but_stays_in_the_log():
    log = [_edit(1, "verwijderd", "b"), _edit(2, "toegevoegd", "x"), _edit(3, "ongedaan", maakt_ongedaan=2)]
    assert replay(["a", "b"], log) == ["a"]
    assert hand_added(log) == set()
    assert last_undoable(log)["revisie"] == 1  # undoing again reverts the edit before it
    log.append(_edit(4, "ongedaan", maakt_ongedaan=1))
    assert replay(["a", "b"], log) == ["a", "b"]
    assert last_undoable(log) is None
    assert len(log) == 4


def test_a_restore_drops_earlier_edits_and_undoing_it_brings_them_back():
    log = [_edit(1, "verwijderd", "b"), _edit(2, "hersteld")]
    assert replay(["a", "b"], log) == ["a", "b"]
    assert hand_removed(log) == set()
    assert last_undoable(log)["actie"] == "hersteld"
    log.append(_edit(3, "ongedaan", maakt_ongedaan=2))
    assert replay(["a", "b"], log) == ["a"]
    assert effective_edits(log) == [log[0]]


def test_putting_back_what_was_taken_out_is_no_hand_removal():
    log = [_edit(1, "verwijderd", "b"), _edit(2, "toegevoegd", "b")]
    assert hand_removed(log) == set() and replay(["a", "b"], log) == ["a", "b"]
