"""`bouwstenenwijzer links check`: meant to run nightly from cron or a systemd timer."""

import click
from flask.cli import AppGroup

from wizard.cli_common import loaded_knowledge_base
from wizard.links import store
from wizard.links.checker import OK, STATUS_LABELS, check_links

links = AppGroup("links", help="De weblinks van de interventies controleren.")


@links.command("check")
@click.option("--timeout", default=10.0, show_default=True, help="Seconden per link, doorverwijzingen inbegrepen.")
@click.option("--per-host", default=2, show_default=True, help="Hoogstens zoveel verzoeken tegelijk naar één server.")
@click.option("--tegelijk", "concurrency", default=20, show_default=True, help="Hoogstens zoveel verzoeken tegelijk.")
@click.option("--interventie", "only", multiple=True, help="Alleen de links van deze interventie (id); herhaalbaar.")
def check(timeout, per_host, concurrency, only):
    """Controleer alle weblinks en bewaar per link het resultaat (zie /beheer/links)."""
    all_links = store.links_of(loaded_knowledge_base())
    selected = [link for link in all_links if not only or link[0] in only]
    results = check_links(selected, timeout=timeout, per_host=per_host, concurrency=concurrency)
    store.save(results, selected, complete=not only)
    for result in results:
        if result.status != OK:
            detail = result.final_url if result.final_url and result.status == "verplaatst" else (
                result.http_status or result.error)
            click.echo(f"{STATUS_LABELS[result.status]}\t{result.intervention_id}\t{result.url}\t{detail}")
    problems = sum(r.status != OK for r in results)
    click.echo(f"{len(results)} links gecontroleerd, {problems} met een probleem.")
