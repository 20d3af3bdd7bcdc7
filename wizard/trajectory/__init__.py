"""Advisory trajectories (adviestrajecten): an adviseur's pages under /trajecten, the invitation
links under /uitnodiging, and the access guard over a trajectory's questionnaire and advice
(access.py). Register both blueprints: `bp` and `invitation_bp`."""

from flask import Blueprint

bp = Blueprint("trajectory", __name__, url_prefix="/trajecten")
invitation_bp = Blueprint("invitation", __name__, url_prefix="/uitnodiging")

from wizard.trajectory import access, invitations, routes  # noqa: E402,F401  (they attach themselves)
