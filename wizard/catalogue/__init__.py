"""The catalogue: look things up without running the wizard (interventions, the model as a
tree, intervention types, and where the model lacks interventions)."""

from flask import Blueprint

bp = Blueprint("catalogue", __name__)

from wizard.catalogue import routes  # noqa: E402,F401  (routes attach themselves to bp)
