"""The Goldstein scale of CAMEO codes, read from the ontology (``dkg:goldsteinScale`` in vocabularies.ttl).

The Goldstein (1992) conflict–cooperation scale runs from -10 (most conflictual) to +10 (most cooperative);
the values per CAMEO code are the GDELT Project's (CAMEO.goldsteinscale.txt; source, publisher and date are
stated on ``dkg:goldsteinScale`` in ontology/diplomatic-kg.ttl). They are data, so they live in the ontology,
and this module only reads them: a code without a value there has none here.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from rdflib import Literal, URIRef
from rdflib.namespace import SKOS

from kg.namespaces import DKG
from kg.vocab import ontology_graph


@cache
def scale() -> dict[str, float]:
    """CAMEO code (``"042"``) → its Goldstein value (``1.9``), for every code of the ontology that has one."""
    g = ontology_graph()
    found: dict[str, float] = {}
    for concept, value in g.subject_objects(DKG.goldsteinScale):
        code = g.value(concept, SKOS.notation) if isinstance(concept, URIRef) else None
        if code is not None and isinstance(value, Literal):
            found[str(code)] = float(value.toPython())
    return dict(sorted(found.items()))


def of_codes(codes: Iterable[str]) -> float | None:
    """The Goldstein value of an event coded with ``codes``: the mean of the values its codes have (one code
    in practice; several where sources disagree), None when none of them has a value."""
    values = [v for c in codes if (v := scale().get(c)) is not None]
    return sum(values) / len(values) if values else None
