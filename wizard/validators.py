"""WTForms validators shared by every form with free text (one source: rules.text)."""

from wtforms.validators import ValidationError

from rules.text import text_problem


class StorableText:
    """Refuse bidi control characters, NUL and other control characters, and text made only of
    invisible characters, with a Dutch message that names the field:
    'Naam van de gemeente bevat geen zichtbare tekens.'"""

    def __call__(self, form, field) -> None:
        problem = text_problem(field.data or "")
        if problem:
            raise ValidationError(f"{field.label.text} {problem}.")
