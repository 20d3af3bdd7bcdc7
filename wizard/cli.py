"""The `bouwstenenwijzer` command: Flask's own commands (run, db ...) plus `kb` and `advies`."""

import json
import sys

import click
from flask import Flask, current_app
from flask.cli import AppGroup, FlaskGroup

from wizard.extensions import db
from wizard.kb.domain import KnowledgeBaseNotLoaded, load_knowledge_base
from wizard.kb.errors import KnowledgeBaseInvalid
from wizard.kb.export import knowledge_base_json
from wizard.kb.files import read_knowledge_base
from wizard.kb.loader import replace_knowledge_base

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


def loaded_knowledge_base():
    try:
        return load_knowledge_base(db.session)
    except KnowledgeBaseNotLoaded as exc:
        raise click.ClickException(str(exc)) from None


@kb_cli.command("check")
def kb_check():
    """Controleer de databestanden in data/ (zonder iets te schrijven)."""
    kb = _validated()
    click.echo(f"De kennisbank is in orde: {len(kb.bouwstenen)} bouwstenen, "
               f"{sum(len(t.factoren) for b in kb.bouwstenen for t in b.themas)} beschermende factoren, "
               f"{len(kb.interventions)} interventies (versie {kb.version}).")


@kb_cli.command("load")
def kb_load():
    """Controleer data/ en vervang de kennisbank in de database in één transactie."""
    kb = _validated()
    replace_knowledge_base(db.session, kb)
    click.echo(f"Kennisbank geladen: versie {kb.version}, {len(kb.interventions)} interventies.")


@kb_cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
def kb_export(fmt):
    """Druk de geladen kennisbank af als JSON."""
    kb = loaded_knowledge_base()
    click.echo(json.dumps(knowledge_base_json(kb), ensure_ascii=False, indent=2))


def register(app: Flask) -> None:
    app.cli.add_command(kb_cli)
    from wizard.advice_cli import advies
    app.cli.add_command(advies)
    from wizard.accounts.cli import gebruiker
    app.cli.add_command(gebruiker)
    from wizard.links.cli import links
    app.cli.add_command(links)


def main() -> None:
    from wizard import create_app
    FlaskGroup(create_app=create_app, help="Bouwstenenwijzer").main()
