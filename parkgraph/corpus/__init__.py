"""The corpus build: a folder of articles → one graph, each article in its own named graph, streamed.

    articles (worker processes, cached by content) → resolve shared nodes → store + graph files

Why this shape: a corpus of 10k articles is about 50M triples, which rdflib cannot hold (about 16 MB of
memory per article) nor serialise in reasonable time. So nothing here keeps the corpus in memory:

* every article is built and validated on its own (:mod:`parkgraph.articles`), in a pool of worker
  processes, and cached by content hash: an unchanged article is read back from the cache;
* articles are then taken in id order, one at a time: their entities are resolved against the ones
  earlier articles introduced, their N-Triples rewritten accordingly and split into the article's own
  graph (its facts, statements, evidence, and which evidence supports which entity) and what it says
  about entities and concepts, which every article may say again and which goes, once, to the shared
  graph; then loaded into an on-disk Oxigraph store and written to the article's own file
  (``graph/dataset/articles/<id>.nq``), only if it changed;
* outputs that need the whole graph in rdflib (JSON-LD, the OWL 2 RL closure, networkx and the HTML
  views) are made only while the corpus is small (:data:`parkgraph.corpus.build.IN_MEMORY_LIMIT`).

One job a module, imported one way (``build`` uses the others; none uses ``build``):

=================  ===========================================================================
``build``          :func:`build_corpus`: the steps below, in order, and the result of a build
``workers``        the articles' work, in worker processes or in this one
``resolution``     entity resolution across articles (:class:`Resolver`, :func:`rewrite`)
``shared``         which line goes to the article's graph and which to the shared graph
``dataset``        each graph's own file (``graph/dataset/``), checked by its digest
``graphfiles``     the union files (N-Quads, TriG, N-Triples, Turtle) of a small corpus, staged
``store_update``   the Oxigraph store and its manifest, loaded fresh or updated in place
=================  ===========================================================================

This package's ``__init__`` imports nothing, so importing one module loads only what that one needs.
"""
