"""How the advice pages write a moment: Dutch day and wall-clock time in the Netherlands.

Every moment is stored in UTC (edit-log entries as ISO text with +00:00, columns as
DateTime(timezone=True), which SQLite hands back naive); one function writes them all, so an
edit, a note, a version and the B&W document name the same minute for the same moment."""

from datetime import datetime, timezone
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
    if moment.tzinfo is None:  # naive: a UTC column read back from SQLite
        moment = moment.replace(tzinfo=timezone.utc)
    moment = moment.astimezone(LOCAL_TIME)
    return f"{moment.day}-{moment.month}-{moment.year} {moment.hour:02d}:{moment.minute:02d}"
