"""policygen inside other tools: the MkDocs plugin (docs/integrations/)."""
