"""`bouwstenenwijzer gebruiker ...`: accounts from the command line (the first beheerder is made
here)."""

import sys

import click
from flask.cli import AppGroup

from wizard.accounts import services
from wizard.accounts.models import ROLES

gebruiker = AppGroup("gebruiker", help="Accounts aanmaken en bekijken.")


def _password_from_stdin_or_prompt() -> str:
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\n")
    return click.prompt("Wachtwoord", hide_input=True, confirmation_prompt="Herhaal het wachtwoord")


@gebruiker.command("aanmaken")
@click.argument("email")
@click.option("--rol", type=click.Choice(list(ROLES)), required=True, help="De rol van het account.")
def create(email, rol):
    """Maak een account; het wachtwoord komt van een prompt of van stdin."""
    from flask import current_app
    password = _password_from_stdin_or_prompt()
    minimum = current_app.config["SECURITY_PASSWORD_LENGTH_MIN"]
    if len(password) < minimum:
        raise click.ClickException(f"Het wachtwoord moet minstens {minimum} tekens lang zijn.")
    try:
        user = services.create_user(email, rol, password)
    except services.AccountError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Account aangemaakt: {user.email} ({rol}).")


@gebruiker.command("lijst")
def list_users():
    """Toon alle accounts met rol, status en tweestapsverificatie."""
    users = services.all_users()
    if not users:
        click.echo("Er zijn nog geen accounts. Maak er een met 'bouwstenenwijzer gebruiker aanmaken'.")
    for user in users:
        status = "actief" if user.active else "gedeactiveerd"
        two_factor = "tweestapsverificatie aan" if user.tf_primary_method else "tweestapsverificatie uit"
        click.echo(f"{user.email}\t{', '.join(user.role_names) or '-'}\t{status}\t{two_factor}")


@gebruiker.command("herstellink")
@click.argument("email")
@click.option("--adres", default="http://127.0.0.1:5000", show_default=True,
              help="Het adres waarop de app bereikbaar is; de link begint daarmee.")
def reset_link(email, adres):
    """Druk een link af waarmee de persoon een nieuw wachtwoord instelt (zonder mailserver)."""
    from flask import current_app
    user = services.find_user(email)
    if user is None:
        raise click.ClickException(f"Er bestaat geen account voor {email}.")
    with current_app.test_request_context(base_url=adres):
        click.echo(services.reset_link(user))
