"""`bouwstenenwijzer advies`: an advice from a profile file, without the web server."""

import json

import click

from rules.advise import advise
from rules.explain import advice_text
from rules.profile import ProfileInvalid, parse_profile


@click.command("advies")
@click.argument("profiel", type=click.File("r", encoding="utf-8"))
@click.option("--format", "fmt", type=click.Choice(["json", "tekst"]), default="json", show_default=True)
def advies(profiel, fmt):
    """Stel een advies samen uit PROFIEL (JSON-bestand, of - voor standaardinvoer)."""
    from wizard.cli import loaded_knowledge_base
    kb = loaded_knowledge_base()
    try:
        data = json.load(profiel)
    except json.JSONDecodeError as exc:
        raise click.ClickException(f"Het profiel is geen geldige JSON (regel {exc.lineno}, kolom {exc.colno}).")
    try:
        profile = parse_profile(data, kb)
    except ProfileInvalid as exc:
        for field, message in exc.errors:
            click.echo(f"{field}: {message}", err=True)
        raise click.ClickException("Het profiel is ongeldig; er is geen advies samengesteld.")
    advice = advise(profile, kb)
    if fmt == "json":
        click.echo(json.dumps(advice, ensure_ascii=False, indent=2))
    else:
        click.echo(advice_text(advice, kb), nl=False)
