"""N-Triples without an rdflib Graph (parkgraph.ntriples, populate.article_ntriples) is byte-identical.

The reference is rdflib's own ``nt`` serializer, lines sorted (what ``output.ntriples`` was before it used
parkgraph.ntriples): the fast path must write the same bytes for the real article, for synthetic ones, and
for every kind of literal an annotation can bring (quotes, backslashes, newlines, control and non-BMP
characters, language tags, datatypes).
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from parkgraph import ntriples as nt
from parkgraph.annotations import load_annotations
from parkgraph.errors import EvidenceNotFoundError
from parkgraph.iris import IriMinter
from parkgraph.namespaces import DEFAULT_BASE, SCHEMA
from parkgraph.output import ntriples
from parkgraph.populate import article_ntriples, article_triples, decimal_literal, populate
from parkgraph.reader import read_capture
from parkgraph.synth import generate_corpus
from parkgraph.vocabulary import Vocabulary

ROOT = Path(__file__).resolve().parents[1]
FIRST = "000_64b6559f5e865fa2"

TRICKY_TEXTS = [
    "",
    "plain",
    'say "hi"',
    '"""triple"""',
    "back\\slash",
    "trailing\\",
    "\\n is not a newline",
    'escaped \\" quote',
    "two\nlines",
    "crlf\r\nline",
    "cr\ronly",
    "tab\there",
    "controls \x00\x01\x08\x0b\x0c\x1b\x1f\x7f\x85",
    "separators \u2028\u2029 and nbsp \xa0 and ideographic space \u3000",
    "non-BMP \U0001f600 \U00020b9f \U0010ffff",
    "宿迁市软件园获批“省大数据产业园”",
    "<not an iri> {braces} | ^ `",
]

LANGS = ["zh-Hans", "en", "EN-us", "x-private-tag"]

DATATYPES = [
    XSD.string,
    XSD.integer,
    XSD.decimal,
    XSD.dateTime,
    URIRef("https://example.org/custom#type"),
]


def rdflib_ntriples(graph: Graph) -> bytes:
    """The reference: rdflib's nt serializer, its lines sorted (``output.ntriples`` before the fast path)."""
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    lines = sorted(line for line in text.split("\n") if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8")


def tricky_literals() -> list[Literal]:
    literals = [Literal(text) for text in TRICKY_TEXTS]
    literals += [Literal(text, lang=lang) for text in TRICKY_TEXTS for lang in LANGS]
    literals += [Literal(text, datatype=datatype) for text in TRICKY_TEXTS for datatype in DATATYPES]
    literals += [
        Literal(12, datatype=XSD.nonNegativeInteger),
        Literal("012", datatype=XSD.integer),  # rdflib normalises the lexical form to "12"
        Literal("True", datatype=XSD.boolean),
        Literal(Decimal("1.50")),
        decimal_literal(Decimal("36.45E+8")),
        Literal(3.5),
        Literal(True),
    ]
    return literals


@pytest.fixture(scope="module")
def vocabulary(ontology: Graph) -> Vocabulary:
    return Vocabulary.from_graph(ontology)


def assert_same_bytes(capture: Path, notes_path: Path, vocabulary: Vocabulary, base: str) -> None:
    article, notes = read_capture(capture), load_annotations(notes_path)
    fast = article_ntriples(article, notes, vocabulary=vocabulary, base=base)
    graph = populate(article, notes, vocabulary=vocabulary, base=base)
    assert fast == ntriples(graph) == rdflib_ntriples(graph), capture.name
    triples = article_triples(article, notes, vocabulary=vocabulary, base=base)
    assert len(triples) == len(set(triples)) == len(graph) == fast.count(b"\n")


# --- article_ntriples == ntriples(populate(...)) ----------------------------------------------------------


@pytest.mark.parametrize("base", [DEFAULT_BASE, "https://example.org/kg#"])
def test_first_article(vocabulary: Vocabulary, base: str) -> None:
    assert_same_bytes(
        ROOT / "corpus" / f"{FIRST}.txt", ROOT / "annotations" / f"{FIRST}.yaml", vocabulary, base
    )


def test_synthetic_articles(tmp_path: Path, vocabulary: Vocabulary) -> None:
    ids = generate_corpus(20, tmp_path, seed=3)
    assert len(ids) == 20
    for ident in ids:
        assert_same_bytes(
            tmp_path / "corpus" / f"{ident}.txt",
            tmp_path / "annotations" / f"{ident}.yaml",
            vocabulary,
            DEFAULT_BASE,
        )


def test_populated_graph_is_the_parsed_ntriples(vocabulary: Vocabulary) -> None:
    """populate()'s Graph (made from the N-Triples terms) holds exactly what its N-Triples say."""
    article = read_capture(ROOT / "corpus" / f"{FIRST}.txt")
    notes = load_annotations(ROOT / "annotations" / f"{FIRST}.yaml")
    graph = populate(article, notes, vocabulary=vocabulary, base=DEFAULT_BASE)
    parsed = Graph().parse(
        data=article_ntriples(article, notes, vocabulary=vocabulary, base=DEFAULT_BASE), format="nt"
    )
    assert set(graph) == set(parsed)
    assert dict(graph.namespaces())["pg"] == URIRef("https://w3id.org/parkgraph/ontology#")


def test_tricky_annotation_literals(tmp_path: Path, vocabulary: Vocabulary) -> None:
    """Literals from annotation props and relations (reified: their statement IRI hashes rdflib's n3(),
    which writes a multi-line literal in triple quotes) come out as rdflib writes them."""
    for name in ("corpus", "annotations"):
        shutil.copytree(ROOT / name, tmp_path / name)
    path = tmp_path / "annotations" / f"{FIRST}.yaml"
    text = 'say "hi"\nback\\slash\ttab\r\x01 \U0001f600 宿迁'
    value = json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    path.write_text(
        path.read_text(encoding="utf-8")
        + f"  - {{s: suqian-software-park, p: schema:description, o: {value}, quote: 宿迁市软件园}}\n"
        + f"  - {{s: suqian-software-park, p: schema:description, o: {{en: {value}}}, quote: 软件园}}\n",
        encoding="utf-8",
    )
    article, notes = read_capture(tmp_path / "corpus" / f"{FIRST}.txt"), load_annotations(path)
    fast = article_ntriples(article, notes, vocabulary=vocabulary, base=DEFAULT_BASE)
    graph = populate(article, notes, vocabulary=vocabulary, base=DEFAULT_BASE)
    assert fast == rdflib_ntriples(graph)
    park = URIRef(f"{DEFAULT_BASE}id/suqian-software-park")
    minter = IriMinter(base=DEFAULT_BASE, article_id=FIRST)
    for literal in (Literal(text, lang="zh-Hans"), Literal(text, lang="en")):
        assert (park, SCHEMA.description, literal) in graph
        statement = minter.statement(str(park), str(SCHEMA.description), literal.n3())
        assert (statement, RDF.object, literal) in graph


def test_errors_are_the_same(tmp_path: Path, vocabulary: Vocabulary) -> None:
    for name in ("corpus", "annotations"):
        shutil.copytree(ROOT / name, tmp_path / name)
    path = tmp_path / "annotations" / f"{FIRST}.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("quote: 京东集团\n", "quote: 不存在的引文\n", 1),
        encoding="utf-8",
    )
    article, notes = read_capture(tmp_path / "corpus" / f"{FIRST}.txt"), load_annotations(path)
    messages = []
    for produce in (populate, article_ntriples):
        with pytest.raises(EvidenceNotFoundError) as caught:
            produce(article, notes, vocabulary=vocabulary, base=DEFAULT_BASE)
        messages.append(str(caught.value))
    assert messages[0] == messages[1] and "不存在的引文" in messages[0]


# --- the formatter against rdflib's nt serializer -----------------------------------------------------------


@pytest.mark.parametrize("literal", tricky_literals(), ids=repr)
def test_literal_as_rdflib_writes_it(literal: Literal) -> None:
    graph = Graph()
    graph.add((URIRef("urn:s"), URIRef("urn:p"), literal))
    expected = rdflib_ntriples(graph)
    assert ntriples(graph) == expected
    term = nt.literal_term(literal)
    assert nt.canonical([("<urn:s>", "<urn:p>", term)]) == expected
    assert nt.literal(str(literal), lang=literal.language, datatype=literal.datatype) == term
    back = nt.to_rdflib(term)
    assert back == literal and back.language == literal.language


def test_all_tricky_literals_in_one_graph() -> None:
    graph = Graph()
    for index, literal in enumerate(tricky_literals()):
        graph.add((URIRef(f"urn:s{index % 7}"), URIRef(f"urn:p{index % 3}"), literal))
    assert ntriples(graph) == rdflib_ntriples(graph)
    assert Graph().parse(data=ntriples(graph), format="nt").isomorphic(graph)


def test_language_tag_case_is_kept() -> None:
    """rdflib keeps a tag as written (and compares tags case-insensitively); so does the formatter."""
    graph = Graph()
    graph.add((URIRef("urn:s"), URIRef("urn:p"), Literal("x", lang="zh-Hans")))
    graph.add((URIRef("urn:t"), URIRef("urn:p"), Literal("x", lang="ZH-hans")))
    assert ntriples(graph) == rdflib_ntriples(graph)
    assert b'"x"@ZH-hans' in ntriples(graph) and b'"x"@zh-Hans' in ntriples(graph)


def test_iris() -> None:
    assert nt.iri("https://w3id.org/parkgraph/id/a-b") == "<https://w3id.org/parkgraph/id/a-b>"
    assert nt.iri("urn:x#ü?q=%20") == "<urn:x#ü?q=%20>"
    assert nt.to_rdflib("<urn:x>") == URIRef("urn:x")
    for bad in ("urn:a b", "urn:<a>", 'urn:"', "urn:{", "urn:|", "urn:\\", "urn:^", "urn:`"):
        with pytest.raises(ValueError, match="does not look like a valid URI"):
            nt.iri(bad)
        graph = Graph()
        graph.add((URIRef("urn:s"), URIRef("urn:p"), URIRef(bad)))
        with pytest.raises(Exception, match="does not look like a valid URI"):
            rdflib_ntriples(graph)
        with pytest.raises(ValueError, match="does not look like a valid URI"):
            ntriples(graph)


# rdflib 7.6's own Dataset() constructor uses its deprecated default_context.
@pytest.mark.filterwarnings("ignore:Dataset.default_context is deprecated:DeprecationWarning")
def test_blank_nodes_datasets_and_empty_graphs() -> None:
    graph = Graph()
    graph.add((BNode("b1"), URIRef("urn:p"), BNode("b2")))
    graph.add((URIRef("urn:s"), URIRef("urn:p"), BNode("b1")))
    graph.add((Literal("generalised\nsubject"), URIRef("urn:p"), Literal("o")))
    assert ntriples(graph) == rdflib_ntriples(graph)
    dataset = Dataset()
    dataset.graph(URIRef("urn:g")).add((URIRef("urn:s"), URIRef("urn:p"), Literal("in g")))
    dataset.add((URIRef("urn:s"), URIRef("urn:p"), Literal("in default")))
    assert ntriples(dataset) == rdflib_ntriples(dataset)
    assert ntriples(Graph()) == rdflib_ntriples(Graph()) == b"\n"
    assert nt.canonical([]) == b"\n"


@pytest.mark.parametrize("text", ["x", "<urn:x", '"x"@', '"x"^^<urn:t', "'x'", '"x" @en'])
def test_to_rdflib_refuses_what_it_did_not_write(text: str) -> None:
    with pytest.raises(ValueError):
        nt.to_rdflib(text)


# --- the annotation loader's string shortcut ---------------------------------------------------------------

YAML_KINDS = """\
plain: text
quoted: "1"
tagged: !!str 12
number: 12
float: 1.5
bool: yes
nothing: ~
date: 2022-09-03
anchored: &name {label: 宿迁, list: [a, &s shared, 3]}
alias: *name
scalar-alias: *s
merged: {<<: *name, extra: x}
multi: |
  two
  lines
"""


@pytest.mark.parametrize("text", [YAML_KINDS, (ROOT / "annotations" / f"{FIRST}.yaml").read_text("utf-8")])
def test_annotation_yaml_loads_as_safe_load(text: str) -> None:
    """The loader's shortcut for strings builds what PyYAML's safe loader builds."""
    from parkgraph.annotations import _LineLoader

    loader = _LineLoader(text)
    loader.name = "test.yaml"
    try:
        data = loader.get_single_data()
    finally:
        loader.dispose()
    assert data == yaml.safe_load(text)
