"""SHACL Core shapes compiled to SPARQL SELECT queries for Oxigraph: one query per shape, returning its
violating focus nodes (``?this``).

pySHACL on an rdflib copy of the graph takes minutes at 10⁶ triples; these queries run on the store itself.
Each shape becomes a FILTER that is true when the focus node conforms; the query starts from the shape's
targets (index lookups: pyoxigraph has no optimiser) and keeps the nodes whose filter fails. A construct this
compiler does not know raises :class:`UnsupportedShape`, so that a new shape is never skipped silently.
pySHACL stays the reference: tests/test_shacl_sparql.py asserts both give the same violations.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

from rdflib import Graph, Literal, Node, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

from kg.errors import KgError

# Datatypes Oxigraph casts to: a cast to its own type fails on an ill-formed literal, as pySHACL's check does.
CASTABLE = {
    XSD[t]
    for t in ("date", "dateTime", "time", "gYear", "gYearMonth", "integer", "decimal", "double", "float", "boolean")
}
# Datatypes whose lexical form pySHACL (rdflib) never finds ill-typed: the datatype alone decides, as here.
# ontology/shapes.ttl uses xsd:anyURI besides castable ones (tests/test_shacl_sparql.py keeps it so).
LEXICAL_UNCHECKED = {XSD.anyURI, XSD.string}
_TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)
# Predicates that say nothing to the validator, or are handled elsewhere: sh:sparql runs in kg.validate, and
# sh:qualifiedValueShape and sh:flags are read with the constraint they qualify.
_IGNORED = {
    RDF.type,
    RDFS.label,
    RDFS.comment,
    SH.message,
    SH.severity,
    SH.name,
    SH.description,
    SH.sparql,
    SH.qualifiedValueShape,
    SH.qualifiedValueShapesDisjoint,
    SH.flags,
}
_COUNTS = {SH.minCount, SH.maxCount, SH.qualifiedMinCount, SH.qualifiedMaxCount}
_NODE_KINDS = {
    SH.IRI: "isIRI({v})",
    SH.BlankNode: "isBlank({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}
_COMPARISONS = {SH.minInclusive: ">=", SH.minExclusive: ">", SH.maxInclusive: "<=", SH.maxExclusive: "<"}
_PATH_FORMS = {SH.inversePath: "^{}", SH.zeroOrMorePath: "{}*", SH.oneOrMorePath: "{}+", SH.zeroOrOnePath: "{}?"}


class UnsupportedShape(KgError):
    """ontology/shapes.ttl uses a SHACL construct that kg/shacl_sparql.py does not compile."""


@dataclass(frozen=True)
class CompiledShape:
    shape: URIRef
    message: str
    select: str  # SELECT DISTINCT ?this: the focus nodes that violate the shape


def _term(node: Node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    raise UnsupportedShape(f"a blank node where a SHACL constraint needs an IRI or a literal: {node!r}")


def _string(text: str) -> str:
    return Literal(str(text)).n3()


Subclasses = Callable[[URIRef], list[URIRef]]  # a class, itself and its subclasses in the data graph


class _Compiler:
    def __init__(self, shapes: Graph, subclasses: Subclasses) -> None:
        self.g = shapes
        self.subclasses = subclasses
        self._names = itertools.count()

    def var(self) -> str:
        return f"?v{next(self._names)}"

    def items(self, head: Node) -> list[Node]:
        return list(Collection(self.g, head))

    def path(self, path: Node) -> str:
        """A SHACL path as a SPARQL property path."""
        if isinstance(path, URIRef):
            return f"<{path}>"
        if (path, RDF.first, None) in self.g:  # a sequence path
            return "(" + "/".join(self.path(p) for p in self.items(path)) + ")"
        for predicate, form in _PATH_FORMS.items():
            inner = self.g.value(path, predicate)
            if inner is not None:
                return "(" + form.format(self.path(inner)) + ")"
        alternatives = self.g.value(path, SH.alternativePath)
        if alternatives is not None:
            return "(" + "|".join(self.path(p) for p in self.items(alternatives)) + ")"
        raise UnsupportedShape(f"a SHACL path kg/shacl_sparql.py does not compile: {path!r}")

    def conforms(self, shape: Node, v: str) -> str:
        """A SPARQL expression, true when the node bound to ``v`` conforms to ``shape``."""
        parts: list[str] = []
        path = self.g.value(shape, SH.path)
        constraints = sorted(self.g.predicate_objects(shape), key=lambda po: (str(po[0]), str(po[1])))
        for predicate, value in constraints:
            if predicate in _IGNORED or predicate in _TARGETS or predicate == SH.path:
                continue
            if predicate == SH.deactivated:
                if value == Literal(True):
                    return "true"
                continue
            if path is not None and predicate in _COUNTS:
                parts.append(self.count(shape, self.path(path), predicate, value, v))
            elif path is not None and predicate == SH.hasValue:  # one of the values is, not every value
                parts.append(f"EXISTS {{ {v} {self.path(path)} {_term(value)} }}")
            elif path is None:
                parts.extend(self.logical(predicate, value, v) or [self.value_test(shape, predicate, value, v)])
            else:  # a constraint on each value of the path
                w = self.var()
                test = self.logical(predicate, value, w) or [self.value_test(shape, predicate, value, w)]
                parts.append(f"NOT EXISTS {{ {v} {self.path(path)} {w} . FILTER(!({' && '.join(test)})) }}")
        return "(" + " && ".join(parts) + ")" if parts else "true"

    def logical(self, predicate: Node, value: Node, v: str) -> list[str]:
        if predicate in (SH.property, SH.node):
            return [self.conforms(value, v)]
        if predicate == SH["not"]:
            return [f"!{self.conforms(value, v)}"]
        if predicate == SH["or"]:
            return ["(" + " || ".join(self.conforms(m, v) for m in self.items(value)) + ")"]
        if predicate == SH["and"]:
            return ["(" + " && ".join(self.conforms(m, v) for m in self.items(value)) + ")"]
        return []

    def count(self, shape: Node, path: str, predicate: Node, value: Node, v: str) -> str:
        """minCount, maxCount and the qualified counts: n distinct values exist (or do not)."""
        n = int(str(value))
        if predicate in (SH.qualifiedMinCount, SH.qualifiedMaxCount):
            if self.g.value(shape, SH.qualifiedValueShapesDisjoint) == Literal(True):
                raise UnsupportedShape(f"sh:qualifiedValueShapesDisjoint in {shape}")
            qualified = self.g.value(shape, SH.qualifiedValueShape)
            if qualified is None:
                raise UnsupportedShape(f"{shape} has a qualified count without sh:qualifiedValueShape")
            exists = self.distinct_values(v, path, n + (predicate == SH.qualifiedMaxCount), qualified)
            return exists if predicate == SH.qualifiedMinCount else f"!{exists}"
        if predicate == SH.minCount:
            return self.distinct_values(v, path, n, None)
        return f"!{self.distinct_values(v, path, n + 1, None)}"  # sh:maxCount

    def distinct_values(self, v: str, path: str, n: int, each: Node | None) -> str:
        """EXISTS n pairwise distinct values of ``path`` (each conforming to ``each``)."""
        if n <= 0:
            return "true"
        names = [self.var() for _ in range(n)]
        patterns = " . ".join(f"{v} {path} {w}" for w in names)
        filters = [f"!sameTerm({a}, {b})" for a, b in itertools.combinations(names, 2)]
        if each is not None:
            filters += [self.conforms(each, w) for w in names]
        where = f" FILTER({' && '.join(filters)})" if filters else ""
        return f"EXISTS {{ {patterns} .{where} }}"

    def value_test(self, shape: Node, predicate: Node, value: Node, v: str) -> str:
        """One value-type or value-range constraint on the node bound to ``v``."""
        if predicate == SH["class"]:  # the subclasses known first: a path with * per value is slow
            classes = self.subclasses(URIRef(str(value))) if isinstance(value, URIRef) else [_term(value)]
            if len(classes) == 1:
                return f"EXISTS {{ {v} <{RDF.type}> <{classes[0]}> }}"
            t = self.var()
            return f"EXISTS {{ {v} <{RDF.type}> {t} . FILTER({t} IN ({', '.join(f'<{c}>' for c in classes)})) }}"
        if predicate == SH.datatype:
            test = f"(isLiteral({v}) && DATATYPE({v}) = {_term(value)}"
            if value in CASTABLE:
                test += f" && COALESCE(DATATYPE({_term(value)}({v})) = {_term(value)}, false)"
            return test + ")"
        if predicate == SH.nodeKind and isinstance(value, URIRef) and value in _NODE_KINDS:
            return _NODE_KINDS[value].format(v=v)
        if predicate == SH.pattern:
            flags = self.g.value(shape, SH.flags)
            regex = f"REGEX(STR({v}), {_string(str(value))}{', ' + _string(str(flags)) if flags else ''})"
            return f"(!isBlank({v}) && {regex})"
        if predicate == SH["in"]:
            members = ", ".join(_term(m) for m in self.items(value))
            return f"COALESCE(({v} IN ({members})), false)" if members else "false"
        if isinstance(predicate, URIRef) and predicate in _COMPARISONS:
            return f"COALESCE(({v} {_COMPARISONS[predicate]} {_term(value)}), false)"
        if predicate == SH.languageIn:
            tags = [f"langMatches(LANG({v}), {_string(str(t))})" for t in self.items(value)]
            return f"(isLiteral({v}) && ({' || '.join(tags) or 'false'}))"
        if predicate == SH.hasValue:
            return f"sameTerm({v}, {_term(value)})"
        if predicate in (SH.minLength, SH.maxLength):
            op = ">=" if predicate == SH.minLength else "<="
            return f"(!isBlank({v}) && STRLEN(STR({v})) {op} {int(str(value))})"
        raise UnsupportedShape(f"a SHACL constraint kg/shacl_sparql.py does not compile: {predicate} in {shape}")


def _targets(shapes: Graph, shape: Node, subclasses: Subclasses) -> str:
    """The shape's focus nodes as a union of index lookups (each class with its subclasses)."""
    patterns = []
    for c in sorted(shapes.objects(shape, SH.targetClass), key=str):
        classes = subclasses(URIRef(str(c)))
        patterns += [f"{{ ?this <{RDF.type}> <{k}> }}" for k in classes]
    patterns += [f"{{ ?this <{p}> ?any_ }}" for p in sorted(shapes.objects(shape, SH.targetSubjectsOf), key=str)]
    patterns += [f"{{ ?any_ <{p}> ?this }}" for p in sorted(shapes.objects(shape, SH.targetObjectsOf), key=str)]
    patterns += [f"{{ BIND({_term(n)} AS ?this) }}" for n in sorted(shapes.objects(shape, SH.targetNode), key=str)]
    return " UNION ".join(patterns)


def top_level_shapes(shapes: Graph) -> list[URIRef]:
    """The shapes with targets (the ones validation starts from), sorted."""
    found = {s for t in _TARGETS for s in shapes.subjects(t, None)}
    for s in found:
        if not isinstance(s, URIRef):
            raise UnsupportedShape(f"a shape with targets must have an IRI to report as its source: {s!r}")
    return sorted(URIRef(str(s)) for s in found)


def compile_shapes(shapes: Graph, subclasses: Subclasses) -> list[CompiledShape]:
    """One query per top-level shape with core constraints (SPARQL constraints are run by kg.validate).

    ``subclasses`` gives a class with its subclasses in the data graph (SHACL's class targets and sh:class
    follow rdfs:subClassOf there)."""
    compiled = []
    for shape in top_level_shapes(shapes):
        if shapes.value(shape, SH.severity, default=SH.Violation) != SH.Violation:
            raise UnsupportedShape(f"{shape}: only sh:Violation shapes are compiled")
        core = {p for p in shapes.predicates(shape) if p not in _IGNORED and p not in _TARGETS} - {SH.path}
        if not core or shapes.value(shape, SH.deactivated) == Literal(True):
            continue  # SPARQL constraints only, or switched off
        message = shapes.value(shape, SH.message)
        if message is None:
            raise UnsupportedShape(f"{shape} has no sh:message to report")
        test = _Compiler(shapes, subclasses).conforms(shape, "?this")
        select = f"SELECT DISTINCT ?this WHERE {{ {_targets(shapes, shape, subclasses)} FILTER(!{test}) }}"
        compiled.append(CompiledShape(shape, str(message), select))
    return compiled
