"""News text to draft events (``kg extract``): articles read into sentences (article), dates (dates, tables),
language (language), names linked to the graph (gazetteer, entities, newcomers, spans, world_places), event
words grouped into events (lexicon, topics, events), their fields (fields), the JSON drafts (pipeline), YAML
records (draft_records), the check against the curated data (draft_check) and the scoring against gold
(scoring)."""
