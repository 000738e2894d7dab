"""Reading what comes from outside the curated YAML: event tables (:mod:`kg.ingest.tables`)."""
