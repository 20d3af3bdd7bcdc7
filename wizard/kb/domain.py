"""The knowledge base of a version as `rules` domain objects, cached per version so that a
request costs one small query while the versions it reads are already built."""

import gc
import threading
from collections import OrderedDict

from sqlalchemy.orm import Session

from rules import model as d
from wizard import models as m
from wizard.kb.versions import from_row, newest_version_id

# versions are immutable, so a cached one never goes stale; old advices read old versions
_CACHE_SIZE = 8
_cache: OrderedDict[tuple[str, int], d.KnowledgeBase] = OrderedDict()
_lock = threading.Lock()


class KnowledgeBaseNotLoaded(RuntimeError):
    pass


class VersionNotFound(LookupError):
    pass


def load_knowledge_base(session: Session, version_id: int | None = None) -> d.KnowledgeBase:
    """The knowledge base of `version_id`, or the newest one.

    :raise KnowledgeBaseNotLoaded: if `kb load` has not run against this database.
    :raise VersionNotFound: if no version has that id."""
    if version_id is None:
        version_id = newest_version_id(session)
        if version_id is None:
            raise KnowledgeBaseNotLoaded("De kennisbank is nog niet geladen: voer 'bouwstenenwijzer kb load' uit.")
    # keyed by database too: version 1 of one database is not version 1 of another (tests use several)
    key = (str(session.get_bind().url), version_id)
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    row = session.get(m.KnowledgeBaseVersion, version_id)
    if row is None:
        raise VersionNotFound(f"Kennisbankversie {version_id} bestaat niet.")
    kb = from_row(row)
    # a knowledge base is long-lived: keep the collector from scanning its objects on every pass
    # (measured: the 10x knowledge base's p95 advice halved; benchmarks/run.py --gc-unfreeze shows it)
    gc.freeze()
    with _lock:
        _cache[key] = kb
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return kb


def current_version(session: Session) -> str | None:
    version_id = newest_version_id(session)
    return None if version_id is None else str(version_id)
