"""/feedback: anyone can report a missing intervention, outdated information or a new
evaluation, without an account."""

from flask import Blueprint

bp = Blueprint("feedback", __name__)

from wizard.feedback import routes  # noqa: E402,F401  (routes attach themselves to bp)
