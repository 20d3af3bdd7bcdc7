"""/beheer/audit: the newest lines of the audit log, to review who did what (BIO 8.15)."""

from flask import render_template, request

from wizard import audit
from wizard.beheer import audit_display, bp  # noqa: F401  (audit_display: the table's helpers)

SHOWN = 200


@bp.get("/audit")
def audit_log():
    actor = (request.args.get("wie") or "").strip()[:255] or None
    target = (request.args.get("waarop") or "").strip()[:300] or None
    return render_template("beheer/audit.html", events=audit.recent(SHOWN, actor, target), actor=actor,
                           target=target, shown=SHOWN)
