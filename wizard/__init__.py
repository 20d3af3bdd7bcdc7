"""Bouwstenenwijzer: the Flask app. Only `create_app` builds it."""

import os

import sqlalchemy.exc
from flask import Flask
from flask.cli import FlaskGroup
from werkzeug.middleware.proxy_fix import ProxyFix

from rules.check import assert_rules_fit

from wizard import (absolute_links, access_log, accounts, actor, advice, beheer, catalogue, cli, errors, feedback, filters, main,
                    page_shell, questionnaire, retention, security, trajectory)
from wizard.config import (PROJECT_ROOT, Config, base_url, database_uri, from_environment, proxy_hops,
                           retention_months, secret_key)
from wizard.extensions import csrf, db, htmx, migrate
from wizard.kb.access import knowledge_base
from wizard.kb.domain import KnowledgeBaseNotLoaded


def create_app(config: type[Config] = Config, **overrides) -> Flask:
    app = Flask(__name__, instance_relative_config=True,
                template_folder=str(PROJECT_ROOT / "templates"))
    app.config.from_object(config)
    if config.READ_ENVIRONMENT:
        app.config.update(from_environment(os.environ))
    app.config.update(overrides)
    os.makedirs(app.instance_path, exist_ok=True)
    app.config["SQLALCHEMY_DATABASE_URI"] = database_uri(app.config, app.instance_path)
    app.config["SECRET_KEY"] = secret_key(app.config, app.instance_path)
    app.config["BASE_URL"] = base_url(app.config)
    app.config["BEWAARTERMIJN_MAANDEN"] = retention_months(app.config)
    app.config["SESSION_COOKIE_SECURE"] = bool(app.config["PRODUCTION"])
    hops = proxy_hops(app.config)
    if hops:
        # the client's address for rate limits and lock-out, and https for cookies and HSTS
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=0, x_prefix=0)

    access_log.mask_keys_in(app.logger)  # Flask logs the path of an uncaught error
    db.init_app(app)
    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "wizard" / "migrations"),
                     render_as_batch=True)
    csrf.init_app(app)
    htmx.init_app(app)

    # first of the request hooks: the trajectory guard looks a NUL-bearing path up in the database
    security.register(app)
    accounts.init_app(app)
    app.register_blueprint(main.bp)
    app.register_blueprint(questionnaire.bp)
    app.register_blueprint(advice.bp)
    app.register_blueprint(catalogue.bp)
    app.register_blueprint(beheer.bp)
    app.register_blueprint(feedback.bp)
    app.register_blueprint(trajectory.bp)
    app.register_blueprint(trajectory.invitation_bp)
    filters.register(app)
    page_shell.register(app)
    actor.register(app)
    absolute_links.register(app)
    retention.register(app)
    errors.register(app)
    cli.register(app)
    _check_rule_table(app)
    return app


def run_cli() -> None:
    """The `bouwstenenwijzer` command: Flask's own commands (run, db, ...) plus ours."""
    FlaskGroup(create_app=create_app, help="Bouwstenenwijzer").main()


def _check_rule_table(app: Flask) -> None:
    """Refuse to start when the rule table names something the loaded knowledge base lacks.

    :raise RuleTableInvalid: with a Dutch message naming each unknown factor, value, type or risk factor."""
    with app.app_context():
        try:
            kb = knowledge_base()
        except (KnowledgeBaseNotLoaded, sqlalchemy.exc.SQLAlchemyError):
            return  # nothing loaded yet (or no schema): `kb load` runs the same check on data/
        finally:
            db.session.remove()
    assert_rules_fit(kb)
