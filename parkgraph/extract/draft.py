"""The curator's draft: the extractor's annotations written as an annotation file (docs/model.md).

The draft is meant to be read, corrected and committed by a person, so it is laid out like the curated
files: grouped under comments, one record a line where it fits, CURIEs rather than IRIs, Chinese
as itself, each record with the extractor's ``confidence:`` (which the build records in the graph while
the file is a draft), and each record it is unsure of marked ``# confidence 0.55: check``. It is also
meant to be loaded as it is, so whatever :func:`~parkgraph.annotations.load_annotations` reads back
equals what was written: every scalar is checked against YAML's own rules (indicators, and plain text
YAML would read as a number, a date, a boolean or null) and quoted when it would not survive.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import yaml
import yaml.emitter

from ..annotations import Annotations, Concept, Entity, Fact, Prop, Quote, Relation, Scheme
from ..errors import ParkgraphError
from ..namespaces import PREFIXES

__all__ = ["CHECK_BELOW", "DraftError", "curie", "draft_yaml"]

#: Records the extractor is less sure of than this get a ``# confidence …: check`` comment.
CHECK_BELOW = 0.75

#: A record is written on one line (flow style) only if the line stays within this width.
_WIDTH = 110
#: Width of the ``# --- group ---`` rules, as in the curated files.
_RULE = 100

_STR_TAG = "tag:yaml.org,2002:str"
_RESOLVER = yaml.resolver.Resolver()
_EMITTER = yaml.emitter.Emitter(io.StringIO(), allow_unicode=True)
#: Characters that end a plain scalar inside ``{…}`` or ``[…]`` for PyYAML's or LibYAML's scanner.
_FLOW_STOPS = frozenset(",?[]{}")

#: (namespace, prefix), longest namespace first, so that a namespace inside another never wins.
_NAMESPACES = sorted(((ns, prefix) for prefix, ns in PREFIXES.items()), key=lambda item: -len(item[0]))

#: Entity groups, in the order they are written, and the classes (an entity's first type) of each;
#: a class not named here puts its entity under "others".
_GROUPS: dict[str, str] = {
    "places": "schema:Place schema:Country schema:AdministrativeArea schema:City pg:Region pg:Province "
    "pg:City pg:Facility pg:DataCentre org:Site",
    "government bodies": "pg:GovernmentBody pg:GovernmentDepartment pg:AdministrativeCommittee "
    "cv:PublicOrganisation",
    "party organisations": "pg:PartyOrganisation pg:PartyCommittee pg:PartyWorkingCommittee",
    "companies": "pg:Company schema:Corporation pg:NewsOrganisation schema:NewsMediaOrganization "
    "pg:Incubator",
    "institutes and universities": "pg:ResearchInstitute schema:ResearchOrganization pg:University "
    "schema:CollegeOrUniversity pg:EducationalInstitution schema:EducationalOrganization",
    "parks and zones": "pg:IndustrialPark pg:DevelopmentZone",
    "people": "foaf:Person schema:Person",
    "posts": "org:Post",
    "programmes and policies": "pg:Programme pg:Action pg:PolicyDocument schema:Legislation",
    "projects": "pg:Project",
}
_OTHERS = "others"


class DraftError(ParkgraphError):
    """The annotations hold something an annotation file cannot say (an IRI with no known prefix)."""


def _expand(curie_text: str) -> str:
    prefix, local = curie_text.split(":", 1)
    return PREFIXES[prefix] + local


_GROUP_OF: dict[str, str] = {_expand(c): title for title, classes in _GROUPS.items() for c in classes.split()}


def curie(iri: str) -> str:
    """``iri`` as the CURIE an annotation file names it by (the longest namespace of PREFIXES).

    >>> curie("https://w3id.org/parkgraph/ontology#IndustrialPark")
    'pg:IndustrialPark'
    """
    for namespace, prefix in _NAMESPACES:
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    raise DraftError(
        f"{iri!r} is in none of the namespaces of parkgraph.namespaces.PREFIXES; an annotation file "
        "names classes and properties by CURIE, so add the prefix there or use a known class"
    )


# --- scalars and flow collections ------------------------------------------------------------------


def _plain(text: str, *, flow: bool) -> bool:
    """Whether ``text`` may be written unquoted and still be read back as this very string.

    YAML's emitter knows the indicators; a ``:`` inside a word (a CURIE) is fine in ``{…}`` for both
    loaders, though the emitter quotes it, so the flow test is the block one plus the characters that
    end a plain scalar there. The resolver then refuses text that would be read as another type.
    """
    if not text or (flow and text[0] in "?:"):
        return False
    analysis = _EMITTER.analyze_scalar(text)
    if not analysis.allow_block_plain:
        return False
    if flow and not _FLOW_STOPS.isdisjoint(text):
        return False
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG


def _scalar(value: Any, *, flow: bool = False) -> str:
    """One scalar as YAML text on one line: plain when safe, else single- or double-quoted."""
    if isinstance(value, str):
        text = str(value)
        if _plain(text, flow=flow):
            return text
        analysis = _EMITTER.analyze_scalar(text)
        if analysis.allow_single_quoted and not analysis.multiline:
            return "'" + text.replace("'", "''") + "'"
        return yaml.safe_dump(text, default_style='"', allow_unicode=True, width=2**30).rstrip("\n")
    try:
        dumped = yaml.safe_dump(value, allow_unicode=True, width=2**30)
    except yaml.YAMLError as error:
        raise DraftError(f"{value!r} cannot be written in an annotation file: {error}") from None
    return dumped.split("\n", 1)[0]


def _flow(value: Any) -> str:
    """A value in flow style: ``[a, b]``, ``{k: v}`` or a scalar safe inside them."""
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_flow(item) for item in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_scalar(k, flow=True)}: {_flow(v)}" for k, v in value.items()) + "}"
    return _scalar(value, flow=True)


def _field(key: str, value: Any, indent: int) -> list[str]:
    """``key: value`` at ``indent``: on one line if it fits, else the collection in block style."""
    head = f"{' ' * indent}{_scalar(key)}:"
    if not isinstance(value, (list, tuple, Mapping)):
        return [f"{head} {_scalar(value)}"]
    line = f"{head} {_flow(value)}"
    if len(line) <= _WIDTH or not value:
        return [line]
    if isinstance(value, Mapping):
        return [head] + [text for k, v in value.items() for text in _field(k, v, indent + 2)]
    return [head] + [f"{' ' * (indent + 2)}- {_flow(item)}" for item in value]


# --- records ---------------------------------------------------------------------------------------


def _one_or_list(values: Sequence[Any]) -> Any:
    """What the loader reads back as ``values``: a lone value stands alone, others make a list."""
    return values[0] if len(values) == 1 else list(values)


def _quote(quote: Quote) -> Any:
    return quote.exact if quote.occurrence == 1 else {"exact": quote.exact, "occurrence": quote.occurrence}


def _quotes(quotes: Sequence[Quote]) -> Any:
    return _one_or_list([_quote(q) for q in quotes])


def _props(props: Iterable[Prop]) -> dict[str, Any]:
    """Props by CURIE; two props with one predicate become one key (YAML keys must be unique)."""
    merged: dict[str, list[Any]] = {}
    for prop in props:
        merged.setdefault(curie(prop.predicate), []).extend(prop.values)
    return {key: _one_or_list(values) for key, values in merged.items()}


def _labels(record: Concept | Entity | Fact) -> dict[str, Any]:
    fields: dict[str, Any] = {"label": record.label, "en": record.en}
    if record.alt and not isinstance(record, Fact):
        fields["alt"] = list(record.alt)
    return fields


def _sure(fields: dict[str, Any], record: Concept | Entity | Fact | Relation) -> dict[str, Any]:
    """``fields`` and, last, the extractor's confidence in the record where it has one."""
    if record.confidence is not None:
        fields["confidence"] = record.confidence
    return fields


def _concept_fields(concept: Concept) -> dict[str, Any]:
    return _sure({**_labels(concept), "quote": _quotes(concept.quotes)}, concept)


def _entity_fields(entity: Entity) -> dict[str, Any]:
    fields: dict[str, Any] = {"type": _one_or_list([curie(t) for t in entity.types])}
    fields.update(_labels(entity))
    fields["quote"] = _quotes(entity.quotes)
    if entity.props:
        fields["props"] = _props(entity.props)
    return _sure(fields, entity)


def _relation_fields(relation: Relation) -> dict[str, Any]:
    fields = {
        "s": relation.subject,
        "p": curie(relation.predicate),
        "o": relation.obj,
        "quote": _quotes(relation.quotes),
    }
    return _sure(fields, relation)


def _fact_fields(fact: Fact) -> dict[str, Any]:
    fields: dict[str, Any] = {"id": fact.slug, "type": _one_or_list([curie(t) for t in fact.types])}
    fields.update(_labels(fact))
    fields["quote"] = _quotes(fact.quotes)
    for key in ("quantity", "unit", "time"):
        if getattr(fact, key) is not None:
            fields[key] = getattr(fact, key)
    if fact.props:
        fields["props"] = _props(fact.props)
    return _sure(fields, fact)


def _keyed(key: str, fields: Mapping[str, Any], indent: int, note: str, *, flow: bool) -> list[str]:
    """A record under its key: ``key: {…}`` if ``flow`` and it fits, else a block of fields."""
    head = f"{' ' * indent}{_scalar(key)}:"
    if flow:
        line = f"{head} {_flow(fields)}"
        if len(line) <= _WIDTH:
            return [line + note]
    return [head + note] + [text for k, v in fields.items() for text in _field(k, v, indent + 2)]


def _item(fields: Mapping[str, Any], indent: int, note: str, *, flow: bool) -> list[str]:
    """A record as a list item: ``- {…}`` on one line however long if ``flow`` (a relation, so that
    the relations read as a table, as in the curated files), else ``- first: …`` and a block."""
    pad = " " * indent
    if flow:
        return [f"{pad}- {_flow(fields)}{note}"]
    lines = [text for k, v in fields.items() for text in _field(k, v, indent + 2)]
    lines[0] = f"{pad}- {lines[0].lstrip()}{note}"
    return lines


def _note(ref: str, confidence: Mapping[str, float], record: Concept | Entity | Fact | None = None) -> str:
    """The check-me comment for a record the extractor is unsure of (by ``confidence``, else the
    record's own), else nothing."""
    value = confidence.get(ref, record.confidence if record is not None else None)
    if value is None or value >= CHECK_BELOW:
        return ""
    return f"  # confidence {value:.2f}: check"


def _rule(title: str, indent: int) -> str:
    head = f"{' ' * indent}# --- {title} "
    return head + "-" * max(3, _RULE - len(head))


# --- sections --------------------------------------------------------------------------------------


def _header(annotations: Annotations, source: str) -> list[str]:
    what = " ".join((source or f"article {annotations.article_id}").split())
    by = "the parkgraph extractor"
    if annotations.extractor_version:
        by += f" {annotations.extractor_version}"
    return [
        f"# Annotations of {what}: a MACHINE DRAFT by {by}.",
        "# Curate it before use: check every record against the article, above all those marked",
        f"# '# confidence N: check' (the extractor was less than {CHECK_BELOW:.2f} sure); correct or delete",
        '# what is wrong, then delete this notice. The format is in docs/model.md ("Annotation file").',
    ]


def _top(annotations: Annotations) -> list[str]:
    lines = [f"article: {_scalar(annotations.article_id)}"]
    if annotations.extracted:
        lines += [
            "# Delete the next line once you have curated this file: the graph then records the article",
            "# as curated; while it stands, the build records the extractor's provenance as for a capture",
            "# with no file (the same graph as the extraction's).",
            f"extracted: {_scalar(annotations.extractor_version or 'unknown')}",
        ]
    if annotations.about:
        lines.append(f"about: {_flow(_one_or_list(list(annotations.about)))}")
    return lines


def _schemes(schemes: Mapping[str, Scheme]) -> list[str]:
    if not schemes:
        return []
    lines = ["schemes:"]
    for slug, scheme in schemes.items():
        lines += _keyed(slug, {"label": scheme.label, "en": scheme.en}, 2, "", flow=True)
    return lines


def _concepts(annotations: Annotations, confidence: Mapping[str, float]) -> list[str]:
    """Concepts under their scheme, schemes in declaration order (undeclared ones after, as found)."""
    by_scheme: dict[str, list[Concept]] = {slug: [] for slug in annotations.schemes}
    for concept in annotations.concepts.values():
        by_scheme.setdefault(concept.scheme, []).append(concept)
    lines = []
    for scheme, concepts in by_scheme.items():
        if not concepts:
            continue
        lines.append(f"  {_scalar(scheme)}:")
        for concept in concepts:
            note = _note(concept.ref, confidence, concept)
            lines += _keyed(concept.slug, _concept_fields(concept), 4, note, flow=True)
    return ["concepts:", *lines] if lines else []


def _group(entity: Entity) -> str:
    return _GROUP_OF.get(entity.types[0], _OTHERS) if entity.types else _OTHERS


def _entities(entities: Mapping[str, Entity], confidence: Mapping[str, float]) -> list[str]:
    """Entities under a comment per kind (by first type), in the groups' order, each group as given."""
    titles = [*_GROUPS, _OTHERS]
    grouped: dict[str, list[Entity]] = {title: [] for title in titles}
    for entity in entities.values():
        grouped[_group(entity)].append(entity)
    lines = ["entities:" if entities else "entities: {}"]
    for title, members in grouped.items():
        if not members:
            continue
        lines.append(_rule(title, 2))
        for entity in members:
            note = _note(entity.slug, confidence, entity)
            lines += _keyed(entity.slug, _entity_fields(entity), 2, note, flow=False)
    return lines


def _facts(annotations: Annotations, confidence: Mapping[str, float]) -> list[str]:
    """Simple relations first, one a line, then the n-ary facts in block style."""
    lines = []
    if annotations.relations:
        lines.append(_rule("relations", 2))
        for relation in annotations.relations:
            lines += _item(_relation_fields(relation), 2, "", flow=True)
    if annotations.facts:
        if lines:
            lines.append("")
        lines.append(_rule("events, statistics and claims", 2))
        for fact in annotations.facts.values():
            lines += _item(_fact_fields(fact), 2, _note(fact.slug, confidence, fact), flow=False)
            if fact.alt:
                lines.append(f"    # other names (a fact takes no alt): {'、'.join(fact.alt)}")
    return ["facts:", *lines] if lines else []


def draft_yaml(
    annotations: Annotations, *, confidence: Mapping[str, float] | None = None, source: str = ""
) -> str:
    """The annotation file a curator starts from: ``annotations`` in the documented format.

    ``confidence`` (entity slug, fact id or concept ref ``scheme/slug`` → 0..1) marks the records to
    check; ``source`` names the capture in the header. Records keep the order they are given in
    (grouped), so the same annotations always give the same text; loading it gives them back.

    >>> from pathlib import Path
    >>> from parkgraph.annotations import Annotations, Entity, Quote
    >>> park = Entity("lakeside-park", "湖畔产业园", "Lakeside Park: phase #2", (Quote("湖畔产业园", 2, 0),),
    ...               0, types=("https://w3id.org/parkgraph/ontology#IndustrialPark",))
    >>> notes = Annotations(Path("x.yaml"), "001_abc", (), {}, {}, {"lakeside-park": park}, (), {})
    >>> text = draft_yaml(notes, confidence={"lakeside-park": 0.5}, source="corpus/001_abc.txt")
    >>> print(text.split("\\n\\n", 1)[1], end="")
    article: 001_abc
    <BLANKLINE>
    entities:
      # --- parks and zones ----------------------------------------------------------------------------
      lakeside-park:  # confidence 0.50: check
        type: pg:IndustrialPark
        label: 湖畔产业园
        en: 'Lakeside Park: phase #2'
        quote: {exact: 湖畔产业园, occurrence: 2}
    """
    confidence = confidence or {}
    sections = [
        _header(annotations, source),
        _top(annotations),
        _schemes(annotations.schemes),
        _concepts(annotations, confidence),
        _entities(annotations.entities, confidence),
        _facts(annotations, confidence),
    ]
    return "\n\n".join("\n".join(section) for section in sections if section) + "\n"
