"""Tests of the ontology (ontology/parkgraph.ttl), the SHACL shapes (ontology/shapes.ttl) and the SPARQL
quality checks (ontology/checks/*.rq).

The data graphs here are hand-made: one minimal graph that conforms (built from a short article body, so
every evidence span is real), and mutations of it that each break one rule. A non-default base IRI is used
throughout, to show that neither the shapes nor the checks hard-code ``https://w3id.org/parkgraph/``.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pyoxigraph
import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, RDF, RDFS, SH, SKOS, XSD
from rdflib.plugins.sparql import prepareQuery

from parkgraph.namespaces import OA, ORG, PG, SCHEMA, TIME, VANN

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "parkgraph.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
CHECKS = ROOT / "ontology" / "checks"
CHECK_NAMES = [
    "missing-zh-label", "missing-en-label", "fact-without-evidence", "dangling-iri",
    "evidence-span-mismatch", "multiple-preflabels", "unlabelled-ontology-term",
    "quantity-bound-mismatch", "interval-reversed", "statement-not-asserted",
]

PGSH = Namespace("https://w3id.org/parkgraph/shapes#")
ONTOLOGY_IRI = URIRef("https://w3id.org/parkgraph/ontology")

BASE = "https://example.org/pgtest/"   # deliberately not the default base
ARTICLE = "A"
FACT = f"{BASE}fact/{ARTICLE}/"


# ============================================================================ fixtures


@functools.cache
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@functools.cache
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def check_query(name: str) -> str:
    return (CHECKS / f"{name}.rq").read_text(encoding="utf-8")


# ============================================================================ the ontology


def test_ontology_parses_in_rdflib_and_pyoxigraph():
    triples = list(pyoxigraph.parse(path=str(ONTOLOGY), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(triples) == len(ontology()) > 1000


def test_ontology_metadata():
    g = ontology()
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in g
    assert g.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef("https://w3id.org/parkgraph/ontology/0.1.0")
    assert g.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    titles = {t.language for t in g.objects(ONTOLOGY_IRI, DCTERMS.title)}
    assert titles == {"zh-Hans", "en"}
    descriptions = {d.language for d in g.objects(ONTOLOGY_IRI, DCTERMS.description)}
    assert descriptions == {"zh-Hans", "en"}
    assert g.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert g.value(ONTOLOGY_IRI, DCTERMS.creator) == Literal("parkgraph developers")
    assert g.value(ONTOLOGY_IRI, DCTERMS.created) == Literal("2026-11-26", datatype=XSD.date)
    assert g.value(ONTOLOGY_IRI, VANN.preferredNamespacePrefix) == Literal("pg")
    assert str(g.value(ONTOLOGY_IRI, VANN.preferredNamespaceUri)) == str(PG)


def test_check_7_finds_no_unlabelled_pg_term():
    rows = list(ontology().query(check_query("unlabelled-ontology-term")))
    assert rows == [], [str(r.message) for r in rows]


DECLARATION_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


def declared_terms(g: Graph) -> set[URIRef]:
    return {t for kind in DECLARATION_TYPES for t in g.subjects(RDF.type, kind)}


def test_every_declared_term_is_labelled_defined_and_attributed():
    """Reused terms too: rdfs:label = skos:prefLabel in zh-Hans and en, definitions in both, isDefinedBy."""
    g = ontology()
    terms = declared_terms(g) | set(g.subjects(SKOS.inScheme, PG.QualifierScheme))
    problems = []
    for term in sorted(terms):
        for lang in ("zh-Hans", "en"):
            labels = {str(o) for o in g.objects(term, RDFS.label) if o.language == lang}
            pref = {str(o) for o in g.objects(term, SKOS.prefLabel) if o.language == lang}
            if len(pref) != 1 or labels != pref:
                problems.append(f"{term}: labels in {lang} {labels} / {pref}")
            if not any(o.language == lang for o in g.objects(term, SKOS.definition)):
                problems.append(f"{term}: no definition in {lang}")
        if term in declared_terms(g) and g.value(term, RDFS.isDefinedBy) is None:
            problems.append(f"{term}: no rdfs:isDefinedBy")
    assert problems == []


def test_reused_terms_are_defined_by_their_own_namespace():
    g = ontology()
    for term in declared_terms(g):
        defined_by = str(g.value(term, RDFS.isDefinedBy))
        if str(term).startswith(str(PG)):
            assert defined_by == str(ONTOLOGY_IRI), term
        else:
            assert str(term).startswith(defined_by), (term, defined_by)


def test_term_counts():
    g = ontology()
    classes = set(g.subjects(RDF.type, OWL.Class))
    assert len(classes) >= 80
    assert len([c for c in classes if str(c).startswith(str(PG))]) >= 35
    assert len(set(g.subjects(RDF.type, OWL.ObjectProperty))) >= 60
    assert len(set(g.subjects(RDF.type, OWL.DatatypeProperty))) == len(DATATYPE_RANGES)


# The datatype every literal-valued property gets: the population code reads exactly this.
DATATYPE_RANGES = {
    PG.surfaceForm: RDF.langString, PG.rank: XSD.integer, PG.sessionNumber: XSD.integer,
    PG.rankingCriterion: RDF.langString,
    SCHEMA.value: XSD.decimal, SCHEMA.minValue: XSD.decimal, SCHEMA.maxValue: XSD.decimal,
    SCHEMA.currency: XSD.string, SCHEMA.unitText: XSD.string, SCHEMA.unitCode: XSD.string,
    SCHEMA.description: RDF.langString, SCHEMA.headline: RDF.langString, SCHEMA.articleBody: RDF.langString,
    SCHEMA.keywords: RDF.langString, SCHEMA.datePublished: RDFS.Literal, SCHEMA.url: XSD.anyURI,
    SCHEMA.softwareVersion: XSD.string, SCHEMA.inLanguage: XSD.string,
    SCHEMA.identifier: XSD.string, SCHEMA.encodingFormat: XSD.string,
    OA.exact: RDF.langString, OA.prefix: RDF.langString, OA.suffix: RDF.langString,
    OA.start: XSD.nonNegativeInteger, OA.end: XSD.nonNegativeInteger,
    TIME.inXSDDate: XSD.date, TIME.inXSDgYear: XSD.gYear, TIME.inXSDgYearMonth: XSD.gYearMonth,
    SCHEMA.text: RDF.langString, SCHEMA.sha256: XSD.string,
    URIRef("http://www.w3.org/2005/11/its/rdf#taConfidence"): XSD.double,
}

OBJECT_PROPERTIES = [
    PG.evidence, PG.administers, PG.keyIndustry, PG.industry, PG.hasChain, PG.hasPlatform, PG.hasMember,
    PG.leadEnterprise, PG.reliesOn, PG.partner, PG.hasProject, PG.developer, PG.produces, PG.designation,
    PG.hasDesignation, PG.designatedEntity, PG.implementsPolicy, PG.listedOn, PG.indicator, PG.quantity,
    PG.qualifier, PG.rankedEntity, PG.rankingScope, PG.supports, PG.focusArea,
    ORG.subOrganizationOf, ORG.hasSubOrganization, ORG.holds, ORG.heldBy, ORG.postIn, ORG.hasPost, ORG.role,
    ORG.hasMember, ORG.memberOf, SCHEMA.containedInPlace, SCHEMA.containsPlace, SCHEMA.location,
    SCHEMA.author, SCHEMA.publisher, SCHEMA.sourceOrganization, SCHEMA.mentions, SCHEMA.about,
    SCHEMA.observationAbout, SCHEMA.legislationPassedBy, SCHEMA.legislationJurisdiction,
    SCHEMA.productionCompany, SCHEMA.creator, SCHEMA.isPartOf, SCHEMA.parentOrganization,
    URIRef("http://www.w3.org/ns/prov#wasAssociatedWith"), URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"),
    URIRef("http://www.w3.org/ns/prov#used"), TIME.hasTime, TIME.hasBeginning, TIME.hasEnd,
    OA.hasSource, OA.hasSelector, SKOS.inScheme, SKOS.broader, SKOS.narrower, SKOS.member,
    PG.counterparty, PG.visited, PG.eventProject, PG.approvedEntity, SCHEMA.attendee, SCHEMA.organizer,
    SCHEMA.founder, OA.hasBody, OA.hasTarget, OA.motivatedBy, URIRef("http://purl.org/dc/terms/spatial"),
]


def test_datatype_properties_have_exactly_one_range():
    g = ontology()
    for prop in g.subjects(RDF.type, OWL.DatatypeProperty):
        ranges = list(g.objects(prop, RDFS.range))
        assert len(ranges) == 1, (prop, ranges)
    for prop, datatype in DATATYPE_RANGES.items():
        assert (prop, RDF.type, OWL.DatatypeProperty) in g, prop
        assert g.value(prop, RDFS.range) == datatype, prop


def test_object_properties_are_declared_and_never_also_datatype_properties():
    g = ontology()
    for prop in OBJECT_PROPERTIES:
        assert (prop, RDF.type, OWL.ObjectProperty) in g, prop
    objects = set(g.subjects(RDF.type, OWL.ObjectProperty))
    datatypes = set(g.subjects(RDF.type, OWL.DatatypeProperty))
    annotations = set(g.subjects(RDF.type, OWL.AnnotationProperty))
    assert not objects & datatypes
    assert not (objects | datatypes) & annotations
    assert not (objects | datatypes | annotations) & set(g.subjects(RDF.type, OWL.Class))
    assert (PG.evidence, RDFS.subPropertyOf, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")) in g
    assert g.value(PG.evidence, RDFS.range) == PG.Evidence
    # Policies use pg:designation too (a policy that supports creating a designation); a domain of
    # pg:DesignationEvent would make RDFS inference type them as events.
    assert g.value(PG.designation, RDFS.domain) is None
    for prop, inverse in [(ORG.hasSubOrganization, ORG.subOrganizationOf), (ORG.heldBy, ORG.holds),
                          (ORG.hasPost, ORG.postIn), (ORG.memberOf, ORG.hasMember),
                          (SCHEMA.containsPlace, SCHEMA.containedInPlace), (SKOS.narrower, SKOS.broader)]:
        assert (prop, OWL.inverseOf, inverse) in g


def test_reused_properties_carry_no_domain_or_range():
    """So RDFS inference over the data only ever adds types parkgraph itself asserts."""
    g = ontology()
    for prop in declared_terms(g) - set(g.subjects(RDF.type, OWL.DatatypeProperty)):
        if not str(prop).startswith(str(PG)):
            assert g.value(prop, RDFS.domain) is None and g.value(prop, RDFS.range) is None, prop


@pytest.mark.parametrize(("sub", "sup"), [
    (PG.IndustrialPark, SCHEMA.Place), (PG.IndustrialPark, ORG.Site), (PG.University, FOAF.Agent),
    (PG.PartyWorkingCommittee, ORG.FormalOrganization), (PG.AdministrativeCommittee, URIRef(
        "http://data.europa.eu/m8g/PublicOrganisation")), (PG.Company, SCHEMA.Organization),
    (PG.DataCentre, SCHEMA.Place), (PG.Action, URIRef("http://www.w3.org/ns/prov#Activity")),
    (PG.DesignationEvent, SCHEMA.Event), (PG.Investment, SCHEMA.Observation),
    (PG.Evidence, OA.SpecificResource), (SCHEMA.MonetaryAmount, SCHEMA.StructuredValue),
    (TIME.ProperInterval, TIME.TemporalEntity), (PG.City, SCHEMA.AdministrativeArea),
    (PG.TaskForce, ORG.Organization), (PG.OrganisationGroup, FOAF.Agent),
])
def test_subclass_hierarchy(sub, sup):
    assert sup in set(ontology().transitive_objects(sub, RDFS.subClassOf))


def test_qualifier_scheme():
    g = ontology()
    qualifiers = {PG.Exactly, PG.MoreThan, PG.SlightlyMoreThan, PG.Exceeding, PG.Nearly, PG.Approximately,
                  PG.AtLeast, PG.LessThan, PG.AtMost}
    assert (PG.QualifierScheme, RDF.type, SKOS.ConceptScheme) in g
    assert set(g.subjects(SKOS.inScheme, PG.QualifierScheme)) == qualifiers
    from parkgraph.quantities import QUALIFIERS  # what the parser can say is what the scheme holds

    assert {PG[q] for q in QUALIFIERS} == qualifiers
    for q in qualifiers:
        assert (q, RDF.type, SKOS.Concept) in g
        assert g.value(q, SKOS.notation) is not None
    assert (PG.LowerBound, RDF.type, SKOS.Collection) in g
    assert set(g.objects(PG.LowerBound, SKOS.member)) == {PG.MoreThan, PG.SlightlyMoreThan, PG.Exceeding,
                                                          PG.AtLeast}


def test_ontology_references_only_declared_terms():
    """The dangling-IRI check over the ontology alone: every class or property it mentions is declared."""
    rows = list(ontology().query(check_query("dangling-iri")))
    assert rows == [], [str(r.message) for r in rows]


# ============================================================================ the shapes


def test_shapes_parse_and_are_valid_shacl():
    list(pyoxigraph.parse(path=str(SHAPES), format=pyoxigraph.RdfFormat.TURTLE))
    conforms, _, text = pyshacl.validate(Graph(), shacl_graph=shapes(), meta_shacl=True)
    assert conforms, text


def test_every_node_shape_has_severity_and_messages():
    s = shapes()
    node_shapes = set(s.subjects(RDF.type, SH.NodeShape))
    assert len(node_shapes) >= 20
    # The one warning: an extracted article whose text names no publisher has none.
    properties = set(s.objects(None, SH.property))
    warnings = {shape for shape in properties if s.value(shape, SH.path) == SCHEMA.publisher}
    assert len(warnings) == 1
    for shape in node_shapes | set(s.objects(None, SH.property)) - warnings:
        assert s.value(shape, SH.severity) == SH.Violation, shape
    assert all(s.value(shape, SH.severity) == SH.Warning for shape in warnings)
    for shape in set(s.objects(None, SH.property)) | set(s.objects(None, SH.sparql)):
        assert any(m.language == "en" for m in s.objects(shape, SH.message)), shape


def test_shapes_only_use_declared_classes_and_properties():
    s, g = shapes(), ontology()
    classes = set(g.subjects(RDF.type, OWL.Class)) | {RDF.Statement}
    for cls in s.objects(None, SH.targetClass):
        assert cls in classes, cls
    for cls in s.objects(None, SH["class"]):
        assert cls in classes, cls
    properties = declared_terms(g) - classes | {RDF.subject, RDF.predicate, RDF.object}
    for path in s.objects(None, SH.path):
        if isinstance(path, URIRef):
            assert path in properties, path


# ============================================================================ the minimal conforming graph

BODY = (
    "(速新闻记者 张云)9月2日,记者从市湖滨新区获悉,位于该区的宿迁市软件与服务外包产业园获批江苏省大数据产业园,"
    "这是今年省工信厅批复的唯一一家省级大数据产业园。\n"
    "据宿迁市软件园党委书记费新力介绍,目前,园区已经集聚数字经济类企业80余家,今年上半年,"
    "实现主营业务收入36.45亿元,同比增长103.38%。"
)
HEADLINE = "今年全省唯一!宿迁市软件园获批省大数据产业园"
DATELINE = "2022年09月03日 17:59 新浪网 作者 速新闻"
TEXT = "\n".join([HEADLINE, DATELINE, BODY])   # what evidence offsets index (schema:text)

PREFIXES = f"""\
@prefix pg:      <{PG}> .
@prefix org:     <{ORG}> .
@prefix schema:  <{SCHEMA}> .
@prefix foaf:    <{FOAF}> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix skos:    <{SKOS}> .
@prefix time:    <{TIME}> .
@prefix oa:      <{OA}> .
@prefix rdf:     <{RDF}> .
@prefix xsd:     <{XSD}> .
@prefix id:      <{BASE}id/> .
@prefix concept: <{BASE}concept/> .
@prefix role:    <{BASE}concept/roles/> .
@prefix designation: <{BASE}concept/designations/> .
@prefix indicator: <{BASE}concept/indicators/> .
@prefix industry: <{BASE}concept/industries/> .
@prefix fact:    <{BASE}fact/{ARTICLE}/> .
@prefix art:     <{BASE}article/> .
"""


def evidence(quote: str) -> str:
    """A pg:Evidence IRI and its description, for the first occurrence of ``quote`` in TEXT."""
    start = TEXT.index(quote)
    end = start + len(quote)
    iri = f"{BASE}evidence/{ARTICLE}/{start}-{end}"
    prefix, suffix = TEXT[max(0, start - 16):start], TEXT[end:end + 16]
    quote_lines = [f'oa:exact "{quote}"@zh-Hans']
    if prefix:
        quote_lines.append(f"oa:prefix {Literal(prefix, lang='zh-Hans').n3()}")
    if suffix:
        quote_lines.append(f"oa:suffix {Literal(suffix, lang='zh-Hans').n3()}")
    EVIDENCE[iri] = f"""
<{iri}> a oa:SpecificResource , pg:Evidence ;
    oa:hasSource art:{ARTICLE} ;
    oa:hasSelector <{iri}/quote> , <{iri}/position> .
<{iri}/quote> a oa:TextQuoteSelector ; {" ; ".join(quote_lines)} .
<{iri}/position> a oa:TextPositionSelector ;
    oa:start "{start}"^^xsd:nonNegativeInteger ; oa:end "{end}"^^xsd:nonNegativeInteger .
"""
    return f"<{iri}>"


EVIDENCE: dict[str, str] = {}


def labels(zh: str, en: str) -> str:
    return (f'skos:prefLabel "{zh}"@zh-Hans , "{en}"@en ;\n'
            f'    rdfs:label "{zh}"@zh-Hans , "{en}"@en')


def minimal_turtle() -> str:
    EVIDENCE.clear()
    body = Literal(BODY, lang="zh-Hans").n3()
    text = Literal(TEXT, lang="zh-Hans").n3()
    statement_iri = f"{BASE}fact/{ARTICLE}/stmt-0123456789ab"
    data = f"""\
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

art:{ARTICLE} a schema:NewsArticle ;
    schema:headline "{HEADLINE}"@zh-Hans ;
    schema:datePublished "2022-09-03T17:59:00+08:00"^^xsd:dateTime ;
    schema:articleBody {body} ;
    schema:text {text} ;
    schema:publisher id:suxinwen ;
    schema:mentions id:suxinwen , id:hubin , id:park , id:jiangsu , id:jiangsu-miit ,
        id:park-party-committee , id:fei-xinli , id:park-party-committee-secretary .

id:suxinwen a pg:NewsOrganisation ;
    {labels("速新闻", "Su News")} ;
    pg:evidence {evidence("速新闻")} .

id:jiangsu a pg:Province ;
    {labels("江苏省", "Jiangsu Province")} ;
    pg:evidence {evidence("江苏省")} .

id:jiangsu-miit a pg:GovernmentDepartment ;
    {labels("江苏省工业和信息化厅", "Jiangsu Department of Industry and Information Technology")} ;
    skos:altLabel "省工信厅"@zh-Hans ;
    pg:evidence {evidence("省工信厅")} .

id:hubin a pg:DevelopmentZone ;
    {labels("宿迁市湖滨新区", "Suqian Hubin New District")} ;
    pg:evidence {evidence("市湖滨新区")} .

id:park a pg:IndustrialPark ;
    {labels("宿迁市软件与服务外包产业园", "Suqian Software and Service Outsourcing Industrial Park")} ;
    skos:altLabel "宿迁市软件园"@zh-Hans ;
    schema:containedInPlace id:hubin ;
    pg:hasDesignation designation:provincial-big-data-park ;
    pg:evidence {evidence("宿迁市软件与服务外包产业园")} .

<{statement_iri}> a rdf:Statement ;
    rdf:subject id:park ; rdf:predicate schema:containedInPlace ; rdf:object id:hubin ;
    pg:evidence {evidence("位于该区的宿迁市软件与服务外包产业园")} .

id:park-party-committee a pg:PartyCommittee ;
    {labels("宿迁市软件园党委", "Party Committee of Suqian Software Park")} ;
    pg:evidence {evidence("宿迁市软件园党委")} .

id:fei-xinli a foaf:Person ;
    {labels("费新力", "Fei Xinli")} ;
    org:holds id:park-party-committee-secretary ;
    pg:evidence {evidence("费新力")} .

id:park-party-committee-secretary a org:Post ;
    {labels("宿迁市软件园党委书记", "Secretary of the Party Committee of Suqian Software Park")} ;
    org:postIn id:park-party-committee ;
    org:role role:secretary ;
    pg:evidence {evidence("党委书记费新力")} .

concept:roles a skos:ConceptScheme ; {labels("角色", "roles")} .
role:secretary a skos:Concept ;
    skos:inScheme concept:roles ;
    {labels("书记", "secretary")} ;
    pg:evidence {evidence("书记")} .

concept:designations a skos:ConceptScheme ; {labels("称号", "designations")} .
designation:provincial-big-data-park a skos:Concept ;
    skos:inScheme concept:designations ;
    {labels("江苏省大数据产业园", "Jiangsu provincial big data industrial park")} ;
    pg:evidence {evidence("江苏省大数据产业园")} .

concept:indicators a skos:ConceptScheme ; {labels("指标", "indicators")} .
indicator:main-business-revenue a skos:Concept ;
    skos:inScheme concept:indicators ;
    {labels("主营业务收入", "main business revenue")} ;
    pg:evidence {evidence("主营业务收入")} .
indicator:digital-economy-enterprises a skos:Concept ;
    skos:inScheme concept:indicators ;
    {labels("数字经济类企业数量", "number of digital economy enterprises")} ;
    pg:evidence {evidence("数字经济类企业")} .

fact:designation a pg:DesignationEvent ;
    {labels("宿迁市软件园获批江苏省大数据产业园",
            "Suqian Software Park approved as provincial big data park")} ;
    pg:designatedEntity id:park ;
    pg:designation designation:provincial-big-data-park ;
    prov:wasAssociatedWith id:jiangsu-miit ;
    time:hasTime fact:designation\\/time ;
    pg:evidence {evidence("获批江苏省大数据产业园")} .
fact:designation\\/time a time:Instant ;
    time:inXSDDate "2022-09-02"^^xsd:date ;
    pg:surfaceForm "9月2日"@zh-Hans .

fact:only-provincial-big-data-park-2022 a pg:RankingClaim ;
    {labels("今年省工信厅批复的唯一一家省级大数据产业园",
            "the only provincial big data park approved this year")} ;
    pg:rankedEntity id:park ;
    pg:rank 1 ;
    pg:rankingCriterion "今年省工信厅批复的唯一一家省级大数据产业园"@zh-Hans ;
    pg:rankingScope id:jiangsu ;
    pg:evidence {evidence("这是今年省工信厅批复的唯一一家省级大数据产业园")} .

fact:h1-2022-revenue a pg:Statistic ;
    {labels("宿迁市软件园2022年上半年主营业务收入", "Suqian Software Park main business revenue, H1 2022")} ;
    schema:observationAbout id:park ;
    pg:indicator indicator:main-business-revenue ;
    pg:quantity fact:h1-2022-revenue\\/value ;
    time:hasTime fact:h1-2022-revenue\\/time ;
    pg:evidence {evidence("今年上半年,实现主营业务收入36.45亿元")} .
fact:h1-2022-revenue\\/value a schema:MonetaryAmount ;
    schema:value 3645000000.0 ;
    schema:currency "CNY" ;
    pg:qualifier pg:Exactly ;
    pg:surfaceForm "36.45亿元"@zh-Hans .
fact:h1-2022-revenue\\/time a time:ProperInterval ;
    time:hasBeginning fact:h1-2022-revenue\\/time\\/begin ;
    time:hasEnd fact:h1-2022-revenue\\/time\\/end ;
    pg:surfaceForm "今年上半年"@zh-Hans .
fact:h1-2022-revenue\\/time\\/begin a time:Instant ; time:inXSDDate "2022-01-01"^^xsd:date .
fact:h1-2022-revenue\\/time\\/end a time:Instant ; time:inXSDDate "2022-06-30"^^xsd:date .

fact:enterprise-count a pg:Statistic ;
    {labels("宿迁市软件园数字经济类企业数量", "Suqian Software Park digital economy enterprises")} ;
    schema:observationAbout id:park ;
    pg:indicator indicator:digital-economy-enterprises ;
    pg:quantity fact:enterprise-count\\/value ;
    time:hasTime fact:enterprise-count\\/time ;
    pg:evidence {evidence("目前,园区已经集聚数字经济类企业80余家")} .
fact:enterprise-count\\/value a schema:QuantitativeValue ;
    schema:value 80.0 ;
    schema:minValue 80.0 ;
    schema:unitText "enterprises" ;
    schema:unitCode "C62" ;
    pg:qualifier pg:SlightlyMoreThan ;
    pg:surfaceForm "80余家"@zh-Hans .
fact:enterprise-count\\/time a time:Instant ;
    time:inXSDDate "2022-09-03"^^xsd:date ;
    pg:surfaceForm "目前"@zh-Hans .
"""
    return PREFIXES + data + "".join(EVIDENCE.values())


UPDATE_PREFIXES = "\n".join(
    f"PREFIX {line.split()[1]} {line.split()[2]}" for line in PREFIXES.splitlines()
) + "\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"


def minimal_graph(update: str | None = None) -> Graph:
    g = Graph().parse(data=minimal_turtle(), format="turtle")
    if update:
        g.update(UPDATE_PREFIXES + update)
    return g


def shacl(data: Graph, mode: str = "rdfs") -> tuple[bool, list[tuple[str, str, str]], str]:
    """pySHACL over data + ontology; returns conforms, (focus, source shape, message) triples, report text.

    ``rdfs``: pySHACL's RDFS inference over the merged graph. (Passing the ontology as ``ont_graph=``
    instead gives the same results but took minutes per call with pySHACL 0.40, against under a
    second for the merged graph.) ``subclass``: only the rdf:type triples entailed through
    rdfs:subClassOf (RDFS rule rdfs9), all the shapes rely on.
    """
    merged = data + ontology()
    if mode == "subclass":
        supers = {cls: set(ontology().transitive_objects(cls, RDFS.subClassOf))
                  for cls in set(ontology().subjects(RDFS.subClassOf, None))}
        for node, cls in list(merged.subject_objects(RDF.type)):
            for parent in supers.get(cls, ()):
                merged.add((node, RDF.type, parent))
    conforms, results, text = pyshacl.validate(
        merged, shacl_graph=shapes(), inference="rdfs" if mode == "rdfs" else "none", advanced=True,
    )
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        shape = results.value(result, SH.sourceShape)
        found.append((
            str(results.value(result, SH.focusNode)),
            str(shape) if isinstance(shape, URIRef) else "",
            " ".join(str(m) for m in results.objects(result, SH.resultMessage)),
        ))
    return conforms, found, text


@pytest.mark.parametrize("mode", ["rdfs", "subclass"])
def test_minimal_graph_conforms(mode):
    conforms, _, text = shacl(minimal_graph(), mode)
    assert conforms, text


def test_ontology_concepts_need_no_evidence_but_data_concepts_do():
    conforms, found, _ = shacl(minimal_graph("""
        DELETE WHERE { role:secretary pg:evidence ?e }"""))
    assert not conforms
    assert [(f, s) for f, s, _ in found] == [(f"{BASE}concept/roles/secretary", str(PGSH.AnyEntityShape))]


# name, SPARQL update breaking the minimal graph, expected focus node, source shape, message fragment
SHACL_CASES = [
    ("statistic without pg:quantity",
     "DELETE WHERE { fact:h1-2022-revenue pg:quantity ?q }",
     f"{BASE}fact/A/h1-2022-revenue", PGSH.QuantityProperty, "exactly one pg:quantity"),
    ("selector with start >= end",
     """DELETE { ?p oa:end ?e } INSERT { ?p oa:end "0"^^xsd:nonNegativeInteger }
        WHERE { ?ev a pg:Evidence ; oa:hasSelector ?p . ?p oa:end ?e .
                id:park pg:evidence ?ev . ?p a oa:TextPositionSelector }""",
     None, PGSH.StartBeforeEndProperty, "oa:start < oa:end"),
    ("post without org:postIn",
     "DELETE WHERE { id:park-party-committee-secretary org:postIn ?o }",
     f"{BASE}id/park-party-committee-secretary", PGSH.PostInProperty, "exactly one org:postIn"),
    ("entity without an English label",
     'DELETE WHERE { id:hubin skos:prefLabel "Suqian Hubin New District"@en }',
     f"{BASE}id/hubin", PGSH.PrefLabelEnProperty, "no skos:prefLabel in en"),
    ("entity without a Chinese label",
     'DELETE WHERE { id:jiangsu skos:prefLabel "江苏省"@zh-Hans }',
     f"{BASE}id/jiangsu", PGSH.PrefLabelZhProperty, "no skos:prefLabel in zh-Hans"),
    ("two English labels",
     'INSERT DATA { id:jiangsu skos:prefLabel "Jiangsu"@en }',
     f"{BASE}id/jiangsu", PGSH.PrefLabelUniqueLangProperty, "more than one skos:prefLabel"),
    ("label in another language",
     'INSERT DATA { id:jiangsu skos:prefLabel "Jiangsu"@de }',
     f"{BASE}id/jiangsu", PGSH.PrefLabelLanguageProperty, "zh-Hans or en"),
    ("entity without evidence",
     "DELETE WHERE { id:fei-xinli pg:evidence ?e }",
     f"{BASE}id/fei-xinli", PGSH.AnyEntityShape, "has no pg:evidence"),
    ("quantity with a qualifier outside the scheme",
     "DELETE { ?v pg:qualifier pg:Exactly } INSERT { ?v pg:qualifier pg:Roughly } "
     "WHERE { fact:h1-2022-revenue pg:quantity ?v }",
     f"{BASE}fact/A/h1-2022-revenue/value", PGSH.QualifierProperty, "pg:QualifierScheme"),
    ("statistic value not a decimal",
     'DELETE { ?v schema:value ?x } INSERT { ?v schema:value "36.45亿元" } '
     "WHERE { fact:h1-2022-revenue pg:quantity ?v . ?v schema:value ?x }",
     f"{BASE}fact/A/h1-2022-revenue/value", PGSH.QuantityValueProperty, "xsd:decimal"),
    ("monetary amount whose currency is no ISO 4217 code",
     'DELETE { ?v schema:currency "CNY" } INSERT { ?v schema:currency "美元" } '
     "WHERE { fact:h1-2022-revenue pg:quantity ?v }",
     f"{BASE}fact/A/h1-2022-revenue/value", None, "schema:currency"),
    ("ranking claim with rank 0",
     "DELETE { ?c pg:rank 1 } INSERT { ?c pg:rank 0 } WHERE { ?c a pg:RankingClaim }",
     f"{BASE}fact/A/only-provincial-big-data-park-2022", PGSH.RankProperty, "at least 1"),
    ("designation event without its designating body",
     "DELETE WHERE { fact:designation prov:wasAssociatedWith ?o }",
     f"{BASE}fact/A/designation", PGSH.DesignatedByProperty, "prov:wasAssociatedWith"),
    ("instant with two positions",
     f'INSERT DATA {{ <{FACT}enterprise-count/time> time:inXSDgYear "2022"^^xsd:gYear }}',
     f"{BASE}fact/A/enterprise-count/time", PGSH.InstantShape, "exactly one of time:inXSDDate"),
    ("time of a fact without surface form",
     f"DELETE WHERE {{ <{FACT}enterprise-count/time> pg:surfaceForm ?s }}",
     f"{BASE}fact/A/enterprise-count/time", None,
     "the object of time:hasTime needs exactly one pg:surfaceForm"),
    ("evidence whose source is not an article",
     f"DELETE {{ ?ev oa:hasSource art:{ARTICLE} }} INSERT {{ ?ev oa:hasSource art:typo }} "
     "WHERE { id:park pg:evidence ?ev }",
     None, PGSH.EvidenceSourceProperty, "schema:NewsArticle"),
    ("evidence without a quote selector",
     "DELETE { ?ev oa:hasSelector ?q } WHERE { id:park pg:evidence ?ev . ?ev oa:hasSelector ?q . "
     "?q a oa:TextQuoteSelector }",
     None, PGSH.QuoteSelectorProperty, "oa:TextQuoteSelector"),
    ("reified statement without evidence",
     "DELETE { ?st pg:evidence ?e } WHERE { ?st a rdf:Statement ; pg:evidence ?e }",
     f"{BASE}fact/A/stmt-0123456789ab", None, "at least one pg:evidence"),
    ("article without a body",
     f"DELETE WHERE {{ art:{ARTICLE} schema:articleBody ?b }}",
     f"{BASE}article/{ARTICLE}", None, "schema:articleBody"),
    ("article without its text",
     f"DELETE WHERE {{ art:{ARTICLE} schema:text ?b }}",
     f"{BASE}article/{ARTICLE}", None, "schema:text"),
    ("place contained in a non-place",
     "INSERT DATA { id:hubin schema:containedInPlace id:fei-xinli }",
     f"{BASE}id/hubin", None, "schema:containedInPlace must point to a schema:Place"),
]


@pytest.mark.parametrize(("update", "focus", "shape", "message"),
                         [case[1:] for case in SHACL_CASES], ids=[case[0] for case in SHACL_CASES])
@pytest.mark.parametrize("mode", ["rdfs", "subclass"])
def test_shape_violation(update, focus, shape, message, mode):
    conforms, found, text = shacl(minimal_graph(update), mode)
    assert not conforms
    matching = [
        (f, s, m) for f, s, m in found
        if (focus is None or f == focus) and (shape is None or s == str(shape)) and message in m
    ]
    assert matching, text


# ============================================================================ the SPARQL checks


def rdflib_rows(name: str, data: Graph) -> list[tuple[str, str]]:
    union = data + ontology()
    return sorted((str(r.entity), str(r.message)) for r in union.query(check_query(name)))


def oxigraph_rows(name: str, data: Graph) -> list[tuple[str, str]]:
    store = pyoxigraph.Store()
    store.load((data + ontology()).serialize(format="nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return sorted((s["entity"].value, s["message"].value) for s in store.query(check_query(name)))


def test_check_files_are_documented_selects():
    assert sorted(p.stem for p in CHECKS.glob("*.rq")) == sorted(CHECK_NAMES)
    for name in CHECK_NAMES:
        text = check_query(name)
        assert re.search(r"^# title: \S", text, re.M), name
        assert re.search(r"^# description: \S", text, re.M), name
        assert "?message" in text and "?entity" in text, name
        assert not re.search(r"lang\([^)]*\)\s*=", text, re.I), name   # langMatches, never lang() = "…"


@pytest.mark.parametrize("name", CHECK_NAMES)
def test_check_parses_in_both_engines(name):
    query = prepareQuery(check_query(name))
    assert query.algebra.name == "SelectQuery"
    assert list(pyoxigraph.Store().query(check_query(name))) == []


@pytest.mark.parametrize("name", CHECK_NAMES)
def test_check_passes_on_the_minimal_graph(name):
    data = minimal_graph()
    assert rdflib_rows(name, data) == []
    assert oxigraph_rows(name, data) == []


CHECK_CASES = [
    ("missing-zh-label", 'DELETE WHERE { id:jiangsu skos:prefLabel "江苏省"@zh-Hans }', f"{BASE}id/jiangsu"),
    ("missing-zh-label", "DELETE WHERE { fact:h1-2022-revenue skos:prefLabel ?l }",
     f"{BASE}fact/A/h1-2022-revenue"),
    ("missing-en-label", 'DELETE WHERE { id:hubin skos:prefLabel "Suqian Hubin New District"@en }',
     f"{BASE}id/hubin"),
    ("missing-en-label", 'DELETE WHERE { role:secretary skos:prefLabel "secretary"@en }',
     f"{BASE}concept/roles/secretary"),
    ("fact-without-evidence", "DELETE WHERE { fact:enterprise-count pg:evidence ?e }",
     f"{BASE}fact/A/enterprise-count"),
    ("fact-without-evidence", "DELETE { ?st pg:evidence ?e } WHERE { ?st a rdf:Statement ; pg:evidence ?e }",
     f"{BASE}fact/A/stmt-0123456789ab"),
    ("fact-without-evidence", "DELETE WHERE { id:park-party-committee-secretary pg:evidence ?e }",
     f"{BASE}id/park-party-committee-secretary"),
    ("fact-without-evidence", "DELETE WHERE { role:secretary pg:evidence ?e }",
     f"{BASE}concept/roles/secretary"),
    ("dangling-iri", "INSERT DATA { id:park pg:keyIndustry industry:clould-computing }",
     f"{BASE}concept/industries/clould-computing"),
    ("dangling-iri", "INSERT DATA { id:park schema:containedInPlace id:suqain }", f"{BASE}id/suqain"),
    ("evidence-span-mismatch",
     'DELETE { ?q oa:exact ?x } INSERT { ?q oa:exact "江苏省"@zh-Hans } '
     "WHERE { id:park pg:evidence ?ev . ?ev oa:hasSelector ?q . ?q oa:exact ?x }", None),
    ("evidence-span-mismatch",
     'DELETE { ?q oa:prefix ?x } INSERT { ?q oa:prefix "不对"@zh-Hans } '
     "WHERE { id:park pg:evidence ?ev . ?ev oa:hasSelector ?q . ?q oa:prefix ?x }", None),
    ("evidence-span-mismatch",
     'DELETE { ?q oa:suffix ?x } INSERT { ?q oa:suffix "不对"@zh-Hans } '
     "WHERE { id:park pg:evidence ?ev . ?ev oa:hasSelector ?q . ?q oa:suffix ?x }", None),
    ("multiple-preflabels", 'INSERT DATA { id:jiangsu skos:prefLabel "苏"@zh-Hans }', f"{BASE}id/jiangsu"),
    ("multiple-preflabels", 'INSERT DATA { id:jiangsu skos:prefLabel "Jiangsu"@EN }', f"{BASE}id/jiangsu"),
    ("quantity-bound-mismatch",
     f"DELETE WHERE {{ <{FACT}enterprise-count/value> schema:minValue ?m }}",
     f"{BASE}fact/A/enterprise-count/value"),
    ("interval-reversed",
     'DELETE { ?b time:inXSDDate ?d } INSERT { ?b time:inXSDDate "2022-12-31"^^xsd:date } '
     f"WHERE {{ <{FACT}h1-2022-revenue/time> time:hasBeginning ?b . ?b time:inXSDDate ?d }}",
     f"{BASE}fact/A/h1-2022-revenue/time"),
    ("statement-not-asserted",
     "DELETE DATA { id:park schema:containedInPlace id:hubin }",
     f"{BASE}fact/A/stmt-0123456789ab"),
]


@pytest.mark.parametrize(("name", "update", "entity"), CHECK_CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CHECK_CASES)])
def test_check_finds_the_violation_in_both_engines(name, update, entity):
    data = minimal_graph(update)
    rows = rdflib_rows(name, data)
    assert rows == oxigraph_rows(name, data)
    if entity is None:   # the evidence node of id:park
        entity = str(data.value(URIRef(f"{BASE}id/park"), PG.evidence))
    assert [e for e, _ in rows] == [entity], rows
    assert all(message for _, message in rows)


def test_unlabelled_ontology_term_check_finds_missing_labels():
    g = Graph().parse(data=f"""
        @prefix pg: <{PG}> . @prefix owl: <{OWL}> . @prefix skos: <{SKOS}> . @prefix rdfs: <{RDFS}> .
        pg:Widget a owl:Class ; rdfs:label "widget"@en ; skos:prefLabel "widget"@en .
        pg:Labelled a owl:DatatypeProperty ;
            rdfs:label "标签"@zh-Hans , "labelled"@en ; skos:prefLabel "标签"@zh-Hans , "labelled"@en ;
            skos:definition "Defined."@en , "已定义。"@zh-Hans .
        """, format="turtle")
    for rows in (rdflib_rows_alone(g), oxigraph_rows_alone(g)):
        assert {e for e, _ in rows} == {str(PG.Widget)}
        assert len(rows) == 4   # zh-Hans rdfs:label, zh-Hans prefLabel, en and zh-Hans definitions


def rdflib_rows_alone(g: Graph) -> list[tuple[str, str]]:
    return sorted((str(r.entity), str(r.message)) for r in g.query(check_query("unlabelled-ontology-term")))


def oxigraph_rows_alone(g: Graph) -> list[tuple[str, str]]:
    store = pyoxigraph.Store()
    store.load(g.serialize(format="nt"), format=pyoxigraph.RdfFormat.N_TRIPLES)
    return sorted((s["entity"].value, s["message"].value)
                  for s in store.query(check_query("unlabelled-ontology-term")))


def test_blank_nodes_are_reported_without_failing():
    data = minimal_graph()
    node = BNode()
    data.add((node, RDF.type, PG.Company))
    rows = rdflib_rows("missing-en-label", data)
    assert [m for _, m in rows] == ["a blank node has no skos:prefLabel in en"]
    assert [m for _, m in oxigraph_rows("missing-en-label", data)] == [m for _, m in rows]
