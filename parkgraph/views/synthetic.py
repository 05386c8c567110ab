"""Synthetic graphs shaped like parkgraph's, for the views' scale benchmark and browser tests.

``synthetic_graph(n)`` makes an RDF graph following docs/model.md with ``n`` entities of the real
ontology's classes, linked with preferential attachment (a few hubs, many leaves, like the real graph),
plus concepts, statistics with quantity and time nodes, reified statements and evidence spans into one
synthetic article. ``labels`` sets the first entities' labels: the XSS test names entities
``<img src=x onerror=alert(1)>`` and ``</script>…`` this way.

>>> g = synthetic_graph(20, seed=1)
>>> len(set(g.subjects(RDF.type, PG.Statistic))) > 0
True
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import FOAF, RDF, RDFS, SKOS, TIME, XSD

from ..namespaces import DEFAULT_BASE, OA, ORG, PG, SCHEMA

#: (class, share of the entities, zh suffix, en word)
ENTITY_TYPES = (
    (PG.Company, 0.34, "科技有限公司", "Technology Co."),
    (PG.Project, 0.14, "项目", "Project"),
    (PG.IndustrialPark, 0.05, "产业园", "Industrial Park"),
    (PG.IndustrialChain, 0.03, "特色产业链", "Industrial Chain"),
    (PG.SupportPlatform, 0.04, "服务平台", "Service Platform"),
    (PG.Action, 0.02, "行动", "Action"),
    (FOAF.Person, 0.08, "", "Person"),
    (PG.GovernmentBody, 0.06, "管理委员会", "Administrative Committee"),
    (PG.City, 0.02, "市", "City"),
    (PG.DataCentre, 0.05, "数据中心", "Data Centre"),
    (PG.PolicyDocument, 0.05, "发展规划", "Development Plan"),
    (ORG.Post, 0.05, "主任", "Director"),
    (PG.ResearchInstitute, 0.07, "研究院", "Research Institute"),
)
#: object properties used between entities (subject class not checked: this is for drawing)
LINKS = (
    PG.hasMember,
    SCHEMA.containedInPlace,
    PG.partner,
    PG.supports,
    PG.hasProject,
    PG.reliesOn,
    PG.leadEnterprise,
    ORG.subOrganizationOf,
)
SYLLABLES = tuple("云数智华创新鑫宏远博兴盛泰安达恒联科信通汇天海江湖山金星光源")
SURNAMES = tuple("王李张刘陈杨黄赵吴周徐孙马朱胡")


@dataclass
class _Text:
    """The synthetic article text, grown sentence by sentence, with evidence spans into it."""

    parts: list[str]
    length: int = 0

    def sentence(self, before: str, quote: str, after: str) -> tuple[int, int]:
        start = self.length + len(before)
        self.parts.append(before + quote + after)
        self.length += len(before) + len(quote) + len(after)
        return start, start + len(quote)


def synthetic_graph(
    n: int,
    *,
    seed: int = 0,
    base: str = DEFAULT_BASE,
    labels: Sequence[tuple[str, str, URIRef]] = (),
    alt_labels: Sequence[str] = (),
) -> Graph:
    """An RDF graph with ``n`` entities (see the module docstring); ``labels``: (zh, en, class) of the
    first entities; ``alt_labels``: alternative labels given to the first entity."""
    rng = random.Random(seed)
    g = Graph()
    g.bind("pgid", f"{base}id/")
    article_id = "syn"
    article = URIRef(f"{base}article/{article_id}")
    text = _Text([])
    spans: dict[tuple[int, int], URIRef] = {}

    def evidence(subject: URIRef, before: str, quote: str, after: str) -> None:
        start, end = text.sentence(before, quote, after)
        e = URIRef(f"{base}evidence/{article_id}/{start}-{end}")
        spans[(start, end)] = e
        g.add((subject, PG.evidence, e))
        g.add((e, RDF.type, PG.Evidence))
        g.add((e, RDF.type, OA.SpecificResource))
        g.add((e, OA.hasSource, article))
        quote_node, position = URIRef(f"{e}/quote"), URIRef(f"{e}/position")
        g.add((e, OA.hasSelector, quote_node))
        g.add((e, OA.hasSelector, position))
        g.add((quote_node, RDF.type, OA.TextQuoteSelector))
        g.add((quote_node, OA.exact, Literal(quote, lang="zh-Hans")))
        g.add((position, RDF.type, OA.TextPositionSelector))
        g.add((position, OA.start, Literal(start)))
        g.add((position, OA.end, Literal(end)))

    def label(node: URIRef, zh: str, en: str) -> None:
        for predicate in (SKOS.prefLabel, RDFS.label):
            g.add((node, predicate, Literal(zh, lang="zh-Hans")))
            g.add((node, predicate, Literal(en, lang="en")))

    # concepts: industries
    scheme = URIRef(f"{base}concept/industries")
    g.add((scheme, RDF.type, SKOS.ConceptScheme))
    label(scheme, "产业", "industries")
    concepts = []
    for j in range(max(3, n // 25)):
        concept = URIRef(f"{base}concept/industries/c{j:05d}")
        name = "".join(rng.choice(SYLLABLES) for _ in range(2)) + "产业"
        g.add((concept, RDF.type, SKOS.Concept))
        g.add((concept, SKOS.inScheme, scheme))
        label(concept, name, f"industry {j}")
        evidence(concept, "重点发展", name, "。")
        concepts.append(concept)

    # entities
    weights = [share for _, share, _, _ in ENTITY_TYPES]
    entities: list[URIRef] = []
    kinds: list[URIRef] = []
    for i in range(n):
        node = URIRef(f"{base}id/e{i:06d}")
        if i < len(labels):
            zh, en, cls = labels[i]
        else:
            cls, _, suffix, word = ENTITY_TYPES[rng.choices(range(len(ENTITY_TYPES)), weights)[0]]
            if cls == FOAF.Person:
                zh = rng.choice(SURNAMES) + "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 2)))
            else:
                zh = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) + suffix
            en = f"{word} {i}"
        g.add((node, RDF.type, cls))
        label(node, zh, en)
        g.add((article, SCHEMA.mentions, node))
        evidence(node, "据介绍,", zh, "近年来发展迅速。")
        entities.append(node)
        kinds.append(cls)
    for alt in alt_labels:
        g.add((entities[0], SKOS.altLabel, Literal(alt, lang="zh-Hans")))

    # links: preferential attachment (an endpoint list makes hubs), plus an industry for some
    endpoints: list[int] = [0]
    statement = 0
    for i in range(1, n):
        for _ in range(1 if rng.random() < 0.6 else 2):
            j = rng.choice(endpoints)
            if j == i:
                continue
            predicate = rng.choice(LINKS)
            s, o = entities[j], entities[i]
            if (s, predicate, o) in g:
                continue
            g.add((s, predicate, o))
            st = URIRef(f"{base}fact/{article_id}/stmt-{statement:06d}")
            statement += 1
            g.add((st, RDF.type, RDF.Statement))
            g.add((st, RDF.subject, s))
            g.add((st, RDF.predicate, predicate))
            g.add((st, RDF.object, o))
            zs, zo = (str(g.value(x, SKOS.prefLabel)) for x in (s, o))
            evidence(st, "", f"{zs}与{zo}", "签署合作协议。")
            endpoints += [i, j]
        if rng.random() < 0.25:
            g.add((entities[i], PG.industry, rng.choice(concepts)))

    # statistics with a quantity and a time
    for k in range(max(1, int(n * 0.3))):
        about = entities[rng.choice(endpoints)]
        fact = URIRef(f"{base}fact/{article_id}/stat-{k:06d}")
        number = rng.randint(2, 900)
        zh_about = str(g.value(about, SKOS.prefLabel))
        g.add((fact, RDF.type, PG.Statistic))
        label(fact, f"{zh_about}营业收入", f"revenue of {about.rsplit('/', 1)[-1]}")
        g.add((fact, SCHEMA.observationAbout, about))
        g.add((fact, PG.indicator, rng.choice(concepts)))
        quantity = URIRef(f"{fact}/value")
        g.add((fact, PG.quantity, quantity))
        g.add((quantity, RDF.type, SCHEMA.MonetaryAmount))
        g.add((quantity, SCHEMA.value, Literal(f"{number * 100000000}.0", datatype=XSD.decimal)))
        g.add((quantity, SCHEMA.currency, Literal("CNY")))
        g.add((quantity, PG.qualifier, PG.Exactly))
        g.add((quantity, PG.surfaceForm, Literal(f"{number}亿元", lang="zh-Hans")))
        when = URIRef(f"{fact}/time")
        g.add((fact, TIME.hasTime, when))
        g.add((when, RDF.type, TIME.Instant))
        g.add((when, TIME.inXSDgYear, Literal(str(2015 + k % 8), datatype=XSD.gYear)))
        g.add((when, PG.surfaceForm, Literal(f"{2015 + k % 8}年", lang="zh-Hans")))
        evidence(fact, f"{2015 + k % 8}年,", f"{zh_about}实现营业收入{number}亿元", "。")

    g.add((article, RDF.type, SCHEMA.NewsArticle))
    g.add((article, SCHEMA.identifier, Literal(article_id)))
    g.add((article, SCHEMA.headline, Literal("合成报道", lang="zh-Hans")))
    g.add((article, SCHEMA.text, Literal("".join(text.parts), lang="zh-Hans")))
    return g
