"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the knowledge graph, with stored queries and a page.

Modules, in the order a request meets them:

- :mod:`kg.serve.server` loads the data, saves it for the workers and runs uvicorn;
- :mod:`kg.serve.app` is the Starlette application (routes, CORS, the request log);
- :mod:`kg.serve.protocol` reads a SPARQL Protocol request and refuses what a read-only endpoint refuses;
- :mod:`kg.serve.negotiation` chooses the response format from ``Accept`` (or ``format=``);
- :mod:`kg.serve.stored` answers the stored queries (``/queries``);
- :mod:`kg.serve.description` writes the service description;
- :mod:`kg.serve.page` is the page at ``/`` with the YASGUI editor;
- :mod:`kg.serve.workers` keeps the worker processes, which run :mod:`kg.serve.jobs` (the query and its
  whole answer, written by :mod:`kg.serve.render`) and are killed when their time is up.
"""
