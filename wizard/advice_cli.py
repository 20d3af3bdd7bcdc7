"""`bouwstenenwijzer advies`: an advice from a profile file, without the web server."""

import json
from datetime import datetime, timezone
from pathlib import Path

import click
from flask.cli import with_appcontext

from rules.advise import advise
from rules.explain import advice_text
from wizard.advice import pdf
from wizard.advice.view import AdviceDocument
from wizard.cli_common import loaded_knowledge_base
from wizard.kb.access import version_id_of
from wizard.questionnaire import profile_file


@click.command("advies")
@with_appcontext
@click.argument("profiel", type=click.File("r", encoding="utf-8"))
@click.option("--format", "fmt", type=click.Choice(["json", "tekst", "pdf"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Schrijf naar dit bestand (verplicht bij --format pdf).")
def advies(profiel, fmt, output):
    """Stel een advies samen uit PROFIEL (JSON-bestand, of - voor standaardinvoer)."""
    if fmt == "pdf" and not output:
        raise click.UsageError("Geef bij --format pdf een uitvoerbestand op met -o, bijvoorbeeld -o advies.pdf.")
    kb = loaded_knowledge_base()
    try:
        data = json.load(profiel)
    except json.JSONDecodeError as exc:
        raise click.ClickException(f"Het profiel is geen geldige JSON (regel {exc.lineno}, kolom {exc.colno}).")
    try:
        profile, _ = profile_file.parse(data, kb)  # a bare profile, or a file the wizard exported
    except profile_file.ProfileRefused as exc:
        for message in exc.messages:
            click.echo(message, err=True)
        raise click.ClickException("Het profiel is ongeldig; er is geen advies samengesteld.")
    if fmt == "pdf":
        Path(output).write_bytes(_pdf(profile, kb))
        click.echo(f"PDF geschreven naar {output}.", err=True)
        return
    advice = advise(profile, kb)
    text = json.dumps(advice.to_json(), ensure_ascii=False, indent=2) + "\n" if fmt == "json" else advice_text(advice, kb)
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


def _pdf(profile, kb) -> bytes:
    """The same PDF as /advies/<id>.pdf, for an advice that is composed but not stored: a plain
    document, rendered in the app context (no request, no database row)."""
    result = advise(profile, kb).to_json()
    document = AdviceDocument(id="", profile=profile.model_dump(mode="json"), kb_version=kb.version,
                              kb_version_id=version_id_of(kb), result=result, current=result, edits=[],
                              notes={}, created_at=datetime.now(timezone.utc))
    return pdf.render_here(pdf.document_html(document, kb))
