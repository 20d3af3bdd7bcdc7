"""The advice (het advies): result page, hand edits, the printable B&W advice and its PDF."""

from flask import Blueprint

bp = Blueprint("advice", __name__, url_prefix="/advies")

from wizard.advice import routes  # noqa: E402,F401  (routes attach themselves to bp)
from wizard.advice import report_refs  # noqa: E402,F401  (the filter 'van_het_rapport' of the B&W document)
