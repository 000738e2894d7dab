"""The tables of the data format, read from the ontology — the one place they are written.

- record kinds: the ``skos:notation`` of each class under an ontology root (``kind: state-visit`` →
  ``dkg:StateVisit``), with its superclasses and its default CAMEO and PLOVER codes (``dkg:defaultCameo``,
  ``dkg:defaultPlover``; a meeting mode may override the CAMEO code, as phone calls do);
- roles: the notation of each ``dkg:Role`` concept, its ``dkg:directProperty`` and its broader roles
  (a host is also a participant, so a host gets ``dkg:host`` and ``dkg:participant``);
- meeting modes, statuses and sectors: the notations of their concepts.

Mapping, export, network views, parameter types, the JSON Schema and the format reference all read them
from :func:`vocabulary`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef

from kg import iris
from kg.errors import Input, UsageError
from kg.fuzzy import closest
from kg.namespaces import DKG
from kg.resources import ontology_files

# The record kinds whose records carry a ``kind``, and the root class of each.
ROOTS: dict[str, URIRef] = {
    "event": DKG.DiplomaticEvent,
    "organisation": DKG.Organisation,
    "document": DKG.Document,
    "place": DKG.Place,
    "source": DKG.Source,
}
# Vocabulary concept classes, by the name of their scheme (the IRI kind: id/mode/video).
SCHEMES: dict[str, URIRef] = {"mode": DKG.MeetingMode, "status": DKG.EventStatus, "sector": DKG.Sector}
_NS = str(DKG._NS)


@cache
def ontology_graph() -> Graph:
    """The ontology and vocabularies as an rdflib graph (class hierarchy, codes, concepts)."""
    g = Graph()
    for path in ontology_files():
        g.parse(path, format="turtle")
    return g


def _english(g: Graph, node: URIRef) -> str:
    labels = [o for o in g.objects(node, RDFS.label) if isinstance(o, Literal) and o.language == "en"]
    return str(min(labels, key=str)) if labels else ""


def _definition(g: Graph, node: URIRef) -> str:
    found = [o for o in g.objects(node, SKOS.definition) if isinstance(o, Literal) and o.language == "en"]
    return str(min(found, key=str)) if found else ""


def _code(g: Graph, node: URIRef, prop: URIRef) -> str | None:
    value = g.value(node, prop)
    return iris.local_id(str(value)) if isinstance(value, URIRef) else None


@dataclass(frozen=True)
class Kind:
    """A kind of record in the data format and the class it maps to."""

    id: str  # as written in data/: "state-visit"
    section: str  # the record kind it belongs to: "event"
    cls: URIRef
    label: str  # the class's English label
    superclasses: tuple[URIRef, ...]  # the class and its superclasses in our namespace, sorted
    cameo: str | None = None  # default codes: "042", "CONSULT"
    plover: str | None = None
    definition: str = ""  # the class's English skos:definition


@dataclass(frozen=True)
class Role:
    id: str
    concept: URIRef
    label: str
    direct: URIRef  # the property linking an event straight to the agent: dkg:host
    broader: tuple[str, ...]  # broader roles, transitively: ("participant",)
    description: str = ""


@dataclass(frozen=True)
class Concept:
    id: str
    iri: URIRef
    label: str
    cameo: str | None = None  # modes only: the CAMEO code an event held this way gets
    definition: str = ""


class Vocabulary:
    """Every table, read once from the ontology graph."""

    def __init__(self, g: Graph) -> None:
        self.kinds: dict[str, dict[str, Kind]] = {}
        for section, root in ROOTS.items():
            found = {}
            for cls in sorted({c for c in g.transitive_subjects(RDFS.subClassOf, root) if isinstance(c, URIRef)}):
                notation = g.value(cls, SKOS.notation)
                if not isinstance(cls, URIRef) or notation is None:
                    continue
                supers = sorted(
                    {s for s in g.transitive_objects(cls, RDFS.subClassOf) if isinstance(s, URIRef)}
                    & {c for c in g.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
                )
                found[str(notation)] = Kind(
                    str(notation),
                    section,
                    cls,
                    _english(g, cls),
                    tuple(s for s in supers if str(s).startswith(_NS)),
                    _code(g, cls, DKG.defaultCameo),
                    _code(g, cls, DKG.defaultPlover),
                    _definition(g, cls),
                )
            self.kinds[section] = found
        self._by_class = {str(k.cls): k for table in self.kinds.values() for k in table.values()}
        self.roles: dict[str, Role] = {}
        for concept in sorted(c for c in g.subjects(RDF.type, DKG.Role) if isinstance(c, URIRef)):
            direct = g.value(concept, DKG.directProperty)
            broader = sorted(
                str(g.value(b, SKOS.notation)) for b in g.transitive_objects(concept, SKOS.broader) if b != concept
            )
            definition = g.value(concept, SKOS.definition)
            self.roles[str(g.value(concept, SKOS.notation))] = Role(
                str(g.value(concept, SKOS.notation)),
                concept,
                _english(g, concept),
                URIRef(str(direct)),
                tuple(broader),
                str(definition or ""),
            )
        self.concepts: dict[str, dict[str, Concept]] = {}
        for scheme, cls in SCHEMES.items():
            self.concepts[scheme] = {
                str(g.value(c, SKOS.notation)): Concept(
                    str(g.value(c, SKOS.notation)), c, _english(g, c), _code(g, c, DKG.defaultCameo), _definition(g, c)
                )
                for c in sorted(c for c in g.subjects(RDF.type, cls) if isinstance(c, URIRef))
            }

    # --- kinds
    def kind(self, section: str, kind_id: str) -> Kind:
        table = self.kinds[section]
        if kind_id in table:
            return table[kind_id]
        raise UsageError(
            f"unknown {section} kind '{kind_id}'",
            about=Input("option", "kind"),
            value=kind_id,
            allowed=sorted(table),
            closest=closest(kind_id, table),
        )

    def event_kind(self, kind_id: str) -> Kind:
        """An event kind by id, in any case; UsageError naming the closest kinds otherwise."""
        return self.kind("event", kind_id.strip().lower())

    def kind_of_class(self, cls: str) -> Kind | None:
        return self._by_class.get(cls)

    def narrower(self, kind: Kind) -> list[Kind]:
        """The kind and every kind below it: ``visit`` → visit, state-visit, official-visit, working-visit."""
        return [k for k in self.kinds[kind.section].values() if kind.cls in k.superclasses]

    def most_specific(self, classes: set[str]) -> list[Kind]:
        """The kinds among ``classes`` that no other of them specialises, sorted by id."""
        kinds = [k for c in classes if (k := self.kind_of_class(c)) is not None]
        return sorted(
            (k for k in kinds if not any(o is not k and k.cls in o.superclasses for o in kinds)),
            key=lambda k: k.id,
        )

    def cameo(self, kind: Kind, mode: str | None = None) -> str | None:
        """The CAMEO code an event of ``kind`` held in ``mode`` gets: the mode's code, else the kind's."""
        by_mode = self.concepts["mode"].get(mode or "")
        return (by_mode.cameo if by_mode else None) or kind.cameo

    # --- roles
    def role_properties(self, role_id: str) -> list[URIRef]:
        """The direct properties an event states for an agent in this role: its own and its broader roles'."""
        role = self.roles[role_id]
        return sorted({role.direct, *(self.roles[b].direct for b in role.broader)})

    @property
    def role_by_property(self) -> dict[str, Role]:
        return {str(r.direct): r for r in self.roles.values()}


@cache
def vocabulary() -> Vocabulary:
    return Vocabulary(ontology_graph())
