"""Compare-and-set writes, so that two browsers editing one row never lose an update.

A change is computed from the row as it is stored now and written only if nobody wrote in
between: `UPDATE ... SET ..., revision = revision + 1 WHERE id = :id AND revision = :read`.
When another write came first, the row is read again and the change computed again from the
newer data. Plain SQL, so it behaves the same on SQLite and PostgreSQL, and no lock is held
while the change is computed (the rule engine may take a while)."""

import functools
import random
import time
from collections.abc import Callable
from typing import TypeVar

import sqlalchemy as sa

from wizard.extensions import db

ATTEMPTS = 6

Row = TypeVar("Row")


class WriteContended(RuntimeError):
    """Every attempt lost its race against other writers; nothing was written."""


def read(model: type[Row], key: str, loaded: Row | None = None) -> Row:
    """The row as it is stored now (the identity map's copy is overwritten, not trusted).
    Ends the session's transaction first: nothing may be pending in it.
    `loaded`: a copy this request has just read, returned as is (see `apply`)."""
    if loaded is not None:
        return loaded
    db.session.rollback()  # a new transaction, so PostgreSQL shows what others committed
    return db.session.get(model, key, populate_existing=True)


_KEY, _READ, _NEXT = "_cas_key", "_cas_read", "_cas_next"  # parameter names no column has


@functools.cache
def _update(model: type, columns: tuple[str, ...]):
    """The compare-and-set UPDATE of `columns` (attribute names) of `model`'s table, with every
    value a parameter. Built once per model and set of columns, and on the table rather than
    the mapped class: per write, building it cost about as much CPU as sending it, and the ORM's
    handling of an UPDATE (which has nothing to synchronise here) a third more. Column defaults
    such as `onupdate` still apply."""
    table = model.__mapper__.columns
    return (sa.update(model.__table__).where(table["id"] == sa.bindparam(_KEY), table["revision"] == sa.bindparam(_READ))
            .values({table[c]: sa.bindparam(c, type_=table[c].type) for c in columns}
                    | {table["revision"]: sa.bindparam(_NEXT)}))


def apply(model: type[Row], key: str, change: Callable[[Row], dict | None],
          also: Callable[[Row, dict], None] | None = None, loaded: Row | None = None) -> Row:
    """Write `change(row)` (column -> value) over the freshest row, with its revision raised by one.

    `change` must compute its values from the row it is given alone, since it may be called
    again with a newer row; it returns None to write nothing and raises to refuse. The values
    are sent as parameters: plain values of the columns' types, not SQL expressions. The row
    returned (and any copy of it in the session) holds what is stored afterwards. `also(row,
    values)`, if given, runs only after the winning write, in its transaction (e.g. to add the
    snapshot of what `row` was), so it stands or falls with the write.

    `loaded`: the row as this request just read it, with nothing pending on it. The first attempt
    is computed from it instead of reading again (if another write came in between, the
    compare-and-set refuses it and the row is read afresh), and the row is not read back after
    the write: the commit expires it, so it reloads only if it is used.

    :raise WriteContended: after ATTEMPTS lost races."""
    for attempt in range(ATTEMPTS):
        row = read(model, key, loaded if attempt == 0 else None)
        values = change(row)
        if values is None:
            return row
        parameters = {**values, _KEY: key, _READ: row.revision, _NEXT: row.revision + 1}
        written = db.session.execute(_update(model, tuple(sorted(values))), parameters).rowcount == 1
        if written and also is not None:
            also(row, values)
        db.session.commit()
        if written:
            return row if loaded is not None else read(model, key)
        # two writers that keep colliding should not retry in lockstep
        time.sleep(random.uniform(0, 0.02 * (attempt + 1)))
    raise WriteContended(f"{model.__name__} {key}: {ATTEMPTS} pogingen verloren van andere schrijvers")
