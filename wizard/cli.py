"""The `kb` and `advies` commands of `bouwstenenwijzer` (the entry point is `wizard.main`)."""

import json
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from rules.model import read_stored
from wizard.accounts.cli import gebruiker
from wizard.advice_cli import advies
from wizard.links.cli import links
from wizard.extensions import db
from wizard.kb.errors import KnowledgeBaseInvalid
from wizard.kb.export import SCHEMA_PATH, export_document, schema_text, write_data_files
from wizard.kb.files import read_knowledge_base
from wizard.kb import drafts
from wizard.kb.loader import replace_knowledge_base
from wizard.kb.spreadsheet import SheetInvalid, read_workbook, write_workbook
from wizard.kb.schema import KnowledgeBaseContent
from wizard.kb.versions import newest_version_id
from wizard.models import KnowledgeBaseVersion

kb_cli = AppGroup("kb", help="De kennisbank controleren, laden en exporteren.")


def _validated():
    data_dir = current_app.config["KB_DATA_DIR"]
    try:
        return read_knowledge_base(data_dir)
    except KnowledgeBaseInvalid as exc:
        for error in exc.errors:
            click.echo(str(error), err=True)
        click.echo(f"{len(exc.errors)} fout(en) gevonden in {data_dir}; er is niets gewijzigd.", err=True)
        sys.exit(1)


@kb_cli.command("check")
def kb_check():
    """Controleer de databestanden in data/ (zonder iets te schrijven)."""
    kb = _validated()
    for warning in kb.warnings:
        click.echo(f"Let op: {warning}", err=True)
    click.echo(f"De kennisbank is in orde: {len(kb.bouwstenen)} bouwstenen, "
               f"{sum(len(t.factoren) for b in kb.bouwstenen for t in b.themas)} beschermende factoren, "
               f"{len(kb.interventions)} interventies (versie {kb.version}).")


@kb_cli.command("load")
def kb_load():
    """Controleer data/ en voeg het toe als nieuwe kennisbankversie (eerdere versies blijven bewaard)."""
    kb = _validated()
    version, created = replace_knowledge_base(db.session, kb)
    if created:
        click.echo(f"Kennisbank geladen als versie {version.id}: {len(kb.interventions)} interventies.")
    else:
        click.echo(f"De kennisbank is ongewijzigd: versie {version.id} is al de nieuwste; er is niets toegevoegd.")


@kb_cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["json", "yaml", "xlsx"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(), help="Map voor --format yaml (de vorm van data/), bestand voor xlsx.")
@click.option("--versie", "version_id", type=int, help="Een eerdere kennisbankversie in plaats van de nieuwste.")
def kb_export(fmt, output, version_id):
    """Exporteer een kennisbankversie als JSON, of als databestanden in de vorm van data/."""
    row = _version_row(version_id)
    content = read_stored(KnowledgeBaseContent, row.content)
    if fmt == "json":
        click.echo(json.dumps(export_document(content, str(row.id)), ensure_ascii=False, indent=2))
        return
    if fmt == "xlsx":
        if not output:
            raise click.UsageError("Geef bij --format xlsx een bestand op met -o, bijvoorbeeld -o bouwstenenmodel.xlsx.")
        Path(output).write_bytes(write_workbook(content))
        click.echo(f"Versie {row.id} geschreven naar {output}.")
        return
    if not output:
        raise click.UsageError("Geef bij --format yaml een map op met -o, bijvoorbeeld -o data-export.")
    written = write_data_files(content, Path(output))
    click.echo(f"Versie {row.id} geschreven naar {output}: {len(written)} bestanden.")


@kb_cli.command("import")
@click.argument("werkmap", type=click.Path(exists=True, dir_okay=False))
@click.option("--dry-run", "dry_run", is_flag=True, help="Alleen controleren en de wijzigingen tonen.")
@click.option("--reden", default="Import van een bewerkt spreadsheet", show_default=True,
              help="Waarom deze wijzigingen (komt in het concept en het audit log).")
def kb_import(werkmap, dry_run, reden):
    """Lees een bewerkt spreadsheet (zie kb export --format xlsx) en zet de wijzigingen in een concept."""
    base = read_stored(KnowledgeBaseContent, _version_row(None).content)
    try:
        content, changes = read_workbook(Path(werkmap).read_bytes(), base)
    except SheetInvalid as exc:
        for error in exc.errors:
            click.echo(str(error), err=True)
        raise click.ClickException(f"{len(exc.errors)} fout(en) in {werkmap}; er is niets gewijzigd.")
    for change in changes:
        click.echo(str(change))
    if not changes:
        click.echo("Geen wijzigingen.")
        return
    if dry_run:
        click.echo(f"{len(changes)} wijziging(en); niets opgeslagen (--dry-run).")
        return
    try:
        draft = drafts.open_or_start(db.session, "systeem")
        drafts.replace_content(db.session, draft, content, {str(c): (c.old, c.new) for c in changes}, reden, "systeem")
    except drafts.DraftRefused as exc:
        db.session.rollback()
        raise click.ClickException(str(exc))
    db.session.commit()
    click.echo(f"{len(changes)} wijziging(en) in concept {draft.id}; publiceer het via /beheer.")


@kb_cli.command("schema")
@click.option("--controleer", "check", is_flag=True, help="Alleen controleren of docs/ bij is.")
def kb_schema(check):
    """Schrijf het JSON Schema van de export (docs/kennisbank-export.schema.json) opnieuw uit de modellen."""
    if check:
        if not SCHEMA_PATH.exists() or SCHEMA_PATH.read_text(encoding="utf-8") != schema_text():
            raise click.ClickException(f"{SCHEMA_PATH.name} is niet bij: voer 'bouwstenenwijzer kb schema' uit.")
        click.echo(f"{SCHEMA_PATH.name} is bij.")
        return
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    click.echo(f"{SCHEMA_PATH} geschreven.")


def _version_row(version_id: int | None):
    version_id = version_id or newest_version_id(db.session)
    row = db.session.get(KnowledgeBaseVersion, version_id) if version_id else None
    if row is None:
        raise click.ClickException("Die kennisbankversie bestaat niet; voer eerst 'bouwstenenwijzer kb load' uit."
                                   if version_id else "De kennisbank is nog niet geladen: voer 'bouwstenenwijzer kb load' uit.")
    return row


def register(app: Flask) -> None:
    app.cli.add_command(kb_cli)
    app.cli.add_command(advies)
    app.cli.add_command(gebruiker)
    app.cli.add_command(links)
