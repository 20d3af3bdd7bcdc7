"""WTForms validators shared by every form with free text (one source: rules.text)."""

from wtforms.validators import ValidationError

from rules.text import text_problem


class StorableText:
    """Refuse bidi control characters, NUL and other control characters, and text made only of
    invisible characters, with a Dutch sentence: 'De tekst bevat geen zichtbare tekens.' The
    sentence does not name the field: the form macros put the label before every message
    (templates/questionnaire/_fields.html), as they do for the other validators' sentences."""

    def __call__(self, form, field) -> None:
        problem = text_problem(field.data or "")
        if problem:
            raise ValidationError(f"De tekst {problem}.")
