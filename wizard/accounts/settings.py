"""Flask-Security settings, derived from the app's config. Applied with setdefault, so a test
or a deployment can override any of them."""

import hashlib
import hmac

from flask import Flask


def _derived(secret: str, purpose: str) -> str:
    # one SECRET_KEY to manage; each use gets its own key so that none can stand in for another
    return hmac.new(secret.encode(), purpose.encode(), hashlib.sha256).hexdigest()


# messages that Flask-Security's Dutch translation leaves in English (or gets wrong)
MESSAGES = {
    "GENERIC_AUTHN_FAILED": ("Inloggen mislukt: het e-mailadres of het wachtwoord klopt niet.", "error"),
    "GENERIC_RECOVERY": ("Als dit e-mailadres bij ons bekend is, ontvangt u een e-mail met een link om "
                         "uw wachtwoord opnieuw in te stellen.", "info"),
    "UNAUTHENTICATED": ("Log in om deze pagina te bekijken.", "error"),
    "LOGIN": ("Log in om deze pagina te bekijken.", "info"),
    "UNAUTHORIZED": ("U hebt geen toegang tot deze pagina.", "error"),
    "PASSWORD_RESET": ("Uw wachtwoord is gewijzigd. Log in met uw nieuwe wachtwoord.", "success"),
    "PASSWORD_CHANGE": ("Uw wachtwoord is gewijzigd.", "success"),
    "TWO_FACTOR_INVALID_TOKEN": ("De code klopt niet. Probeer het opnieuw met de code die uw app nu toont.", "error"),
    "TWO_FACTOR_LOGIN_SUCCESSFUL": ("Uw code is bevestigd.", "success"),
    "TWO_FACTOR_CHANGE_METHOD_SUCCESSFUL": ("Tweestapsverificatie is ingesteld.", "success"),
    "TWO_FACTOR_DISABLED": ("Tweestapsverificatie is uitgezet.", "success"),
    "ANONYMOUS_USER_REQUIRED": ("U bent al ingelogd.", "error"),
    "INVALID_PASSWORD_CODE": ("Het wachtwoord of de code klopt niet.", "error"),
    "PASSWORD_INVALID_LENGTH": ("Het wachtwoord moet minstens %(length)s tekens lang zijn.", "error"),
    "API_ERROR": ("Deze invoer is hier niet geldig.", "error"),
}


def apply(app: Flask) -> None:
    secret = app.config["SECRET_KEY"]
    defaults = {
        "SECURITY_PASSWORD_HASH": "argon2",
        "SECURITY_PASSWORD_SALT": _derived(secret, "password-salt"),
        "SECURITY_PASSWORD_LENGTH_MIN": 12,
        "SECURITY_TOTP_SECRETS": {"1": _derived(secret, "totp")},
        "SECURITY_TOTP_ISSUER": "Bouwstenenwijzer",
        "SECURITY_TWO_FACTOR": True,
        "SECURITY_TWO_FACTOR_ENABLED_METHODS": ["authenticator"],
        "SECURITY_RECOVERABLE": True,
        "SECURITY_CHANGEABLE": True,
        # the same answer whether or not an account exists, so the login page tells nobody which
        # e-mail addresses have one
        "SECURITY_RETURN_GENERIC_RESPONSES": True,
        "SECURITY_EMAIL_VALIDATOR_ARGS": {"check_deliverability": False},
        "SECURITY_EMAIL_SENDER": app.config.get("MAIL_DEFAULT_SENDER") or "noreply@bouwstenenwijzer.invalid",
        "SECURITY_EMAIL_SUBJECT_PASSWORD_RESET": "Wachtwoord herstellen voor de Bouwstenenwijzer",
        "SECURITY_LOGIN_URL": "/inloggen",
        "SECURITY_LOGOUT_URL": "/uitloggen",
        "SECURITY_RESET_URL": "/wachtwoord-herstellen",
        "SECURITY_CHANGE_URL": "/wachtwoord-wijzigen",
        "SECURITY_VERIFY_URL": "/opnieuw-bevestigen",
        "SECURITY_TWO_FACTOR_SETUP_URL": "/tweestapsverificatie",
        "SECURITY_TWO_FACTOR_TOKEN_VALIDATION_URL": "/tweestapsverificatie/code",
        "SECURITY_TWO_FACTOR_RESCUE_URL": "/tweestapsverificatie/hulp",
        "SECURITY_TWO_FACTOR_SELECT_URL": "/tweestapsverificatie/kiezen",
        "SECURITY_POST_LOGIN_VIEW": "accounts.after_login",
        "SECURITY_POST_LOGOUT_VIEW": "main.home",
        "SECURITY_POST_RESET_VIEW": "security.login",
        "SECURITY_I18N_DIRNAME": "builtin",
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        # in production the site is served over TLS (README): cookies of a logged-in session never travel in clear
        "SESSION_COOKIE_SECURE": bool(app.config.get("PRODUCTION")),
        "REMEMBER_COOKIE_SECURE": bool(app.config.get("PRODUCTION")),
    }
    defaults.update({f"SECURITY_MSG_{key}": value for key, value in MESSAGES.items()})
    for key, value in defaults.items():
        app.config.setdefault(key, value)
