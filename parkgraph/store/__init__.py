"""Triple stores: serving the graph with Oxigraph and pushing it to any SPARQL 1.1 store (issue 4)."""
