"""The closed vocabulary of kg: every ontology term and IRI base used in the code.

``KG.Capture`` works, ``KG.Captur`` raises ``AttributeError``: a typo fails loudly.

>>> str(KG.Capture)
'https://w3id.org/kg-news/ontology#Capture'
>>> KG.Captur
Traceback (most recent call last):
...
AttributeError: term 'Captur' not in namespace 'https://w3id.org/kg-news/ontology#'
"""

from rdflib import Namespace
from rdflib.namespace import DefinedNamespace

NS = "https://w3id.org/kg-news/ontology#"
ID = "https://w3id.org/kg-news/id/"
ENTITIES_GRAPH = ID + "graph/entities"

SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")


class KG(DefinedNamespace):
    """Terms of ``ontology/kg.ttl``."""

    _NS = Namespace(NS)
    _fail = True

    # classes
    Actor: object
    Person: object
    MilitaryUnit: object
    Organization: object
    Country: object
    Place: object
    Settlement: object
    Region: object
    Waterbody: object
    Event: object
    Attack: object
    Clash: object
    Capture: object
    Encirclement: object
    Offensive: object
    Withdrawal: object
    Meeting: object
    Visit: object
    Statement: object
    Negotiation: object
    Casualties: object
    Article: object
    RelationStatement: object
    Claim: object
    NewsOutlet: object
    AnonymousSource: object
    AliasMerge: object
    # relations between entities
    reportedTo: object
    met: object
    operatesNear: object
    locatedIn: object
    visited: object
    memberOf: object
    partOf: object
    leads: object
    commands: object
    # event properties
    agent: object
    place: object
    date: object
    claimedBy: object
    evidence: object
    killed: object
    wounded: object
    trapped: object
    captured: object
    equipmentDestroyed: object
    countQualifier: object
    polarity: object
    # claims
    about: object
    claimDate: object
    earliestDate: object
    latestDate: object
    datePrecision: object
    # provenance and bookkeeping
    article: object
    mentions: object
    confidence: object
    fileName: object
    contentHash: object
    description: object
    geonamesId: object
    precision: object
    adminRegion: object
    # entity resolution
    mergedInto: object
    alias: object
    mergeReason: object


ENTITY_CLASSES = ("Person", "MilitaryUnit", "Organization", "Country", "Settlement", "Region", "Waterbody", "Place")
EVENT_CLASSES = (
    "Attack", "Clash", "Capture", "Encirclement", "Offensive", "Withdrawal",
    "Meeting", "Visit", "Statement", "Negotiation", "Casualties",
)
COUNTS = {"killed": "killed", "wounded": "wounded", "trapped": "trapped", "captured": "captured",
          "equipment_destroyed": "equipmentDestroyed"}
COARSE = {"Settlement": "Place", "Region": "Place", "Waterbody": "Place"}
