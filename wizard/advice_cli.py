"""`bouwstenenwijzer advies`: an advice from a profile file, without the web server."""

import click


@click.command("advies")
@click.argument("profiel", type=click.File("r", encoding="utf-8"))
@click.option("--format", "fmt", type=click.Choice(["json", "tekst"]), default="json", show_default=True)
def advies(profiel, fmt):
    """Stel een advies samen uit PROFIEL (JSON-bestand, of - voor standaardinvoer)."""
    raise click.ClickException("De regelmotor is nog niet beschikbaar.")
