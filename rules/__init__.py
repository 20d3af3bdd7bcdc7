"""The domain: the bouwstenenmodel as plain objects and the rule engine that turns a
municipality's profile into an explained advice. Imports neither Flask nor SQLAlchemy."""
