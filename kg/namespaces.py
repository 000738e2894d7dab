"""Namespaces of diplomatic-kg and the standard vocabularies it aligns with.

``DKG`` is a closed namespace: a misspelled term raises instead of minting a new IRI.
The ontology in ``ontology/diplomatic-kg.ttl`` defines every term listed here (a test checks both ways).
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/diplomatic-kg/ontology"
ID_BASE = "https://w3id.org/diplomatic-kg/id/"


class DKG(DefinedNamespace):
    """The diplomatic-kg ontology, ``https://w3id.org/diplomatic-kg/ontology#``."""

    _fail = True
    _NS = Namespace(ONTOLOGY_IRI + "#")

    # --- event classes
    DiplomaticEvent: URIRef
    Meeting: URIRef
    Visit: URIRef
    StateVisit: URIRef
    OfficialVisit: URIRef
    WorkingVisit: URIRef
    Conference: URIRef
    Summit: URIRef
    Session: URIRef
    Signing: URIRef
    Opening: URIRef
    InterstateBodyMeeting: URIRef
    Initiative: URIRef
    Statement: URIRef
    Ceremony: URIRef
    Decision: URIRef
    BusinessForum: URIRef
    ConstructionInitiative: URIRef
    Donation: URIRef
    # --- machine-coded events (kg import)
    MachineCodedEvent: URIRef
    MachineCodedSource: URIRef
    ImportActivity: URIRef
    importFormat: URIRef
    importedFile: URIRef
    eventIdentifier: URIRef
    eventCode: URIRef
    actorCode: URIRef
    actorName: URIRef
    eventGoldsteinScale: URIRef
    averageTone: URIRef
    mentionCount: URIRef
    sourceCount: URIRef
    articleCount: URIRef
    eventIntensity: URIRef
    eventMode: URIRef
    eventContext: URIRef
    # --- agents, places
    Agent: URIRef
    Country: URIRef
    Person: URIRef
    Organisation: URIRef
    Ministry: URIRef
    Agency: URIRef
    Government: URIRef
    IntergovernmentalOrganisation: URIRef
    IntergovernmentalInstitution: URIRef
    InterstateCouncil: URIRef
    Place: URIRef
    City: URIRef
    FormerName: URIRef
    # --- posts
    Post: URIRef
    Tenure: URIRef
    # --- participation
    Participation: URIRef
    # --- documents
    Document: URIRef
    Treaty: URIRef
    Agreement: URIRef
    MemorandumOfUnderstanding: URIRef
    JointStatement: URIRef
    ActionPlan: URIRef
    Protocol: URIRef
    Amendment: URIRef
    # --- provenance
    Source: URIRef
    NewsArticle: URIRef
    OfficialPage: URIRef
    Citation: URIRef
    # --- vocabulary classes
    Sector: URIRef
    Role: URIRef
    MeetingMode: URIRef
    EventStatus: URIRef
    CameoCategory: URIRef
    PloverCategory: URIRef

    # --- event properties
    startDate: URIRef
    endDate: URIRef
    earliestDate: URIRef
    latestDate: URIRef
    location: URIRef
    online: URIRef
    mode: URIRef
    status: URIRef
    sector: URIRef
    involvesCountry: URIRef
    subEventOf: URIRef
    onMarginsOf: URIRef
    cameo: URIRef
    plover: URIRef
    defaultCameo: URIRef
    defaultPlover: URIRef
    goldsteinScale: URIRef
    concerns: URIRef
    documentCount: URIRef
    # --- participation
    participant: URIRef
    host: URIRef
    guest: URIRef
    visitor: URIRef
    signatory: URIRef
    chair: URIRef
    organiser: URIRef
    speaker: URIRef
    accompanying: URIRef
    delegationHead: URIRef
    qualifiedParticipation: URIRef
    agent: URIRef
    role: URIRef
    inPost: URIRef
    directProperty: URIRef
    # --- agents
    countryCode: URIRef
    wikidata: URIRef
    country: URIRef
    subOrganisationOf: URIRef
    formerName: URIRef
    name: URIRef
    nationality: URIRef
    spouse: URIRef
    # --- posts and tenures
    postIn: URIRef
    holds: URIRef
    holder: URIRef
    post: URIRef
    tenure: URIRef
    startEarliest: URIRef
    startLatest: URIRef
    endEarliest: URIRef
    endLatest: URIRef
    # --- documents
    documentType: URIRef
    party: URIRef
    signingEvent: URIRef
    signedDocument: URIRef
    dateSigned: URIRef
    establishes: URIRef
    establishedBy: URIRef
    amends: URIRef
    implements: URIRef
    basedOn: URIRef
    # --- provenance
    publisher: URIRef
    url: URIRef
    language: URIRef
    published: URIRef
    accessed: URIRef
    summary: URIRef
    quote: URIRef
    source: URIRef
    reports: URIRef
    mentions: URIRef
    citedRecord: URIRef
    citingSource: URIRef


ID = Namespace(ID_BASE)
SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
TIME = Namespace("http://www.w3.org/2006/time#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
WD = Namespace("http://www.wikidata.org/entity/")

# Graph names: one per source (the source IRI itself), plus these.
GRAPH_ONTOLOGY = ID["graph/ontology"]
GRAPH_COUNTRIES = ID["graph/countries"]
GRAPH_CATALOGUE = ID["graph/catalogue"]

PREFIXES: dict[str, str] = {
    "dkg": str(DKG._NS),
    "id": ID_BASE,
    "country": ID_BASE + "country/",
    "person": ID_BASE + "person/",
    "org": str(ORG),
    "organisation": ID_BASE + "organisation/",
    "event": ID_BASE + "event/",
    "document": ID_BASE + "document/",
    "post": ID_BASE + "post/",
    "place": ID_BASE + "place/",
    "source": ID_BASE + "source/",
    "sector": ID_BASE + "sector/",
    "role": ID_BASE + "role/",
    "mode": ID_BASE + "mode/",
    "status": ID_BASE + "status/",
    "cameo": ID_BASE + "cameo/",
    "plover": ID_BASE + "plover/",
    "tenure": ID_BASE + "tenure/",
    "participation": ID_BASE + "participation/",
    "citation": ID_BASE + "citation/",
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "time": str(TIME),
    "sem": str(SEM),
    "wd": str(WD),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "sh": "http://www.w3.org/ns/shacl#",
}
