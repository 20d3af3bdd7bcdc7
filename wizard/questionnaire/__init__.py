"""The questionnaire (de vragenlijst): stepwise answers -> the rule engine's profile contract."""

from flask import Blueprint

bp = Blueprint("questionnaire", __name__, url_prefix="/wizard")

from wizard.questionnaire import fragments, last, routes  # noqa: E402,F401  (they attach themselves to bp)
