"""The login form: Flask-Security's, behind a rate limit per client and the account lock-out.
Both are checked before the password is, so a locked account gives no hint whether a guess
was right, and a blocked client costs no argon2 hashing."""

from datetime import timedelta

from flask import current_app
from flask_security import forms as fs_forms
from flask_security.mail_util import EmailValidateException

from wizard import audit, ratelimit
from wizard.accounts.models import LOCKED_MESSAGE, UNKNOWN_ACCOUNT, account_locked, record_failed_login
from wizard.extensions import db

CLIENT_LIMIT = 20
CLIENT_WINDOW = timedelta(minutes=5)
TOO_MANY_ATTEMPTS = "Te veel inlogpogingen vanaf dit adres. Probeer het over enkele minuten opnieuw."
EMPTY_EMAIL = "uw e-mailadres"
BAD_EMAIL = "een geldig e-mailadres (bijvoorbeeld naam@gemeente.nl)"
EMPTY_PASSWORD = "uw wachtwoord"


class LoginForm(fs_forms.LoginForm):
    """`invalid_fields` names the fields the one form-level message is about, so the template
    marks them: an empty field or an e-mail address that is no address. Those may be named,
    because they say nothing about whether an account exists; a wrong password or an unknown
    account keep Flask-Security's one generic message (SECURITY_RETURN_GENERIC_RESPONSES)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.invalid_fields: set[str] = set()

    def _incomplete(self, email: str) -> str | None:
        """One sentence asking for what is missing or malformed, or None when both are there.
        Flask-Security would move each field's own error to the form as the same generic
        message, once per field."""
        missing = []
        if not email:
            missing.append(("email", EMPTY_EMAIL))
        else:
            try:
                current_app.extensions["security"].mail_util.normalize(email)
            except EmailValidateException:
                missing.append(("email", BAD_EMAIL))
        if not self.password.data:
            missing.append(("password", EMPTY_PASSWORD))
        if not missing:
            return None
        self.invalid_fields = {field for field, _ in missing}
        return "Vul " + " en ".join(words for _, words in missing) + " in."

    def validate(self, **kwargs) -> bool:
        email = (self.email.data or "").strip() if isinstance(self.email.data, str) else ""
        client = ratelimit.client_key("login")
        refusal = None
        if ratelimit.exceeded(client, CLIENT_LIMIT, CLIENT_WINDOW):
            refusal = TOO_MANY_ATTEMPTS
        else:
            ratelimit.add(client)  # every attempt counts, refused ones too
            if email and account_locked(email):
                refusal = LOCKED_MESSAGE
        if refusal:
            self.form_errors.append(refusal)
            audit.record("inloggen", target="account:" + (email or UNKNOWN_ACCOUNT), result=audit.REFUSED,
                         reason=refusal, actor=email or UNKNOWN_ACCOUNT)
            db.session.commit()
            return False
        incomplete = self._incomplete(email)
        if incomplete:
            self.form_errors.append(incomplete)
            if email and self.password.data:  # an attempt with a password, as before: logged and counted
                record_failed_login(email, UNKNOWN_ACCOUNT)
            db.session.commit()
            return False
        valid = super().validate(**kwargs)
        if not valid and self.user is None and email and self.password.data:
            record_failed_login(email, "onbekend account")
        db.session.commit()
        return valid


class TwoFactorVerifyCodeForm(fs_forms.TwoFactorVerifyCodeForm):
    """The code step of a log-in counts towards the same lock-out as the password step, so the
    six digits cannot be guessed by someone who knows the password."""

    def validate(self, **kwargs) -> bool:
        if self.user is not None and not self.is_setup and account_locked(self.user.email):
            self.code.errors = [LOCKED_MESSAGE]
            audit.record("inloggen", target=f"account:{self.user.email}", result=audit.REFUSED,
                         reason=LOCKED_MESSAGE, actor=self.user.email, actor_id=self.user.id)
            db.session.commit()
            return False
        return super().validate(**kwargs)
