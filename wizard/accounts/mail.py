"""Mail for Flask-Security (password reset links). Without MAIL_SERVER no mail can leave the
machine: the message, link included, goes to the log (the console of `bouwstenenwijzer run`
or the journal of the service) so that an administrator can pass it on."""

from flask import current_app
from flask_security import MailUtil


class LogOrSendMailUtil(MailUtil):
    def send_mail(self, template, subject, recipient, sender, body, html, **kwargs) -> None:
        if current_app.extensions.get("mail"):
            super().send_mail(template, subject, recipient, sender, body, html, **kwargs)
            return
        current_app.logger.warning("Geen MAIL_SERVER ingesteld; bericht '%s' voor %s:\n%s",
                                   subject, recipient, body)
