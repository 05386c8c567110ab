#!/usr/bin/env python3
"""Build the parkgraph knowledge graph in one step: ``python build_graph.py``.

Reads corpus/*.txt with annotations/*.yaml, validates against ontology/ (SHACL + SPARQL checks) and
writes graph/parkgraph.{ttl,nt,jsonld} and graph/build-report.json. Same as ``parkgraph build``; takes
the same options (``--strict`` among them) and exits with the same status (3: captures set aside).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from parkgraph.cli import main

if __name__ == "__main__":
    sys.exit(main(["--project", str(Path(__file__).resolve().parent), "build", *sys.argv[1:]]))
