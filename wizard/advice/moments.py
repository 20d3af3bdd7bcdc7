"""How the advice pages write a moment: Dutch day and wall-clock time in the Netherlands.

Every moment is stored in UTC (edit-log entries as ISO text with +00:00, columns as
DateTime(timezone=True), which SQLite hands back naive); one function writes them all, so an
edit, a note, a version and the B&W document name the same minute for the same moment."""

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

LOCAL_TIME = ZoneInfo("Europe/Amsterdam")


def stamp(moment: str | datetime | None) -> str:
    """A stored moment as "1-12-2026 14:05" in Dutch local time ('' when unknown; text that is
    not an ISO moment is returned as it is)."""
    if not moment:
        return ""
    if isinstance(moment, str):
        try:
            moment = datetime.fromisoformat(moment)
        except ValueError:
            return moment
    moment = local(moment)
    return f"{moment.day}-{moment.month}-{moment.year} {moment.hour:02d}:{moment.minute:02d}"


def local(moment: datetime) -> datetime:
    """A stored moment in Dutch local time (naive: a UTC column read back from SQLite)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(LOCAL_TIME)


def local_day(moment: datetime | None) -> date:
    """The Dutch calendar day of a stored moment, today's when unknown: an advice composed at
    00:39 on 2 December in the Netherlands is dated 2 December, not the UTC day before."""
    return local(moment or datetime.now(timezone.utc)).date()
