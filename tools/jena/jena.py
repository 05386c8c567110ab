#!/usr/bin/env python3
"""Run Debian's packaged Apache Jena 4.5 (``libapache-jena-java``) commands: riot, sparql, shacl.

Debian ships Jena as jars in /usr/share/java without start scripts, and two things stop its commands:

1. ``java -cp '/usr/share/java/*'`` puts every SLF4J binding on the class path (slf4j-simple,
   slf4j-nop, slf4j-jdk14, log4j12, ...) next to unrelated jars, and the commands fail. So the class
   path here lists the Jena jars and their dependencies one by one, with exactly one binding.
2. Debian's jena-core moved the Xerces classes it bundles to the package ``xerces.*`` but left their
   message files under ``org/apache/jena/ext/xerces/...``; the first XSD datatype Jena builds then
   dies with ``internal error at xerces.impl.dv.xs.XSSimpleTypeDecl.applyFacets1`` (a message lookup
   that fails). A small jar of those message files under ``xerces/impl/...`` fixes it; it is built
   once from the installed jena-core.jar into a cache folder.

Usage (``tools/jena/riot``, ``tools/jena/sparql``, ``tools/jena/shacl`` wrap it)::

    python3 tools/jena/jena.py classpath            # print the class path
    python3 tools/jena/jena.py run riotcmd.riot --validate graph/parkgraph.ttl
    python3 tools/jena/jena.py batch --data graph/parkgraph.ttl --out results/ queries/*.rq

``batch`` runs many queries in one JVM (start-up is about 1.3 s) with tools/jena/SparqlBatch.java,
which the JVM compiles on the fly (Debian's JRE includes the compiler module).

Only the standard library is used, so the tests, the benchmarks and a user's shell can all use it.
Environment: ``JENA_JAVA_DIR`` (default /usr/share/java), ``JAVA`` (default ``java`` on PATH),
``PARKGRAPH_CACHE`` (default ``~/.cache/parkgraph``), ``PARKGRAPH_JVM_OPTIONS`` (JVM flags).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
BATCH_SOURCE = HERE / "SparqlBatch.java"

#: Jena's own jars (Debian package libapache-jena-java).
JENA_JARS = [
    f"jena-{name}.jar"
    for name in (
        "arq", "base", "cmds", "core", "dboe-base", "dboe-index", "dboe-storage", "dboe-trans-data",
        "dboe-transaction", "iri", "rdfconnection", "shacl", "shex", "tdb", "tdb2",
    )
]  # fmt: skip
#: Their dependencies, with one SLF4J binding (slf4j-simple); jcl-over-slf4j stands in for
#: commons-logging, which Apache HttpClient needs.
DEPENDENCY_JARS = [
    f"{name}.jar"
    for name in (
        "commons-cli", "commons-codec", "commons-compress", "commons-csv", "commons-io", "commons-lang3",
        "dexx.collection", "gson", "guava", "httpclient", "httpclient-cache", "httpcore",
        "jackson-core", "jackson-databind", "jackson-annotations", "jakarta.json-api", "jsonld-java",
        "protobuf", "thrift", "titanium-json-ld", "slf4j-api", "slf4j-simple", "jcl-over-slf4j",
    )
]  # fmt: skip
XERCES_PREFIX = "org/apache/jena/ext/xerces/"
#: JVM options: quiet logging (warnings and errors only); the C1 compiler only, which starts ~15 %
#: faster for short runs. ``PARKGRAPH_JVM_OPTIONS`` replaces the second part (e.g. "" for full JIT).
LOGGING = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"
JVM_OPTIONS = ["-XX:TieredStopAtLevel=1", "-Xshare:auto"]


def jvm_options() -> list[str]:
    extra = os.environ.get("PARKGRAPH_JVM_OPTIONS")
    return [LOGGING, *(JVM_OPTIONS if extra is None else extra.split())]


class JenaUnavailable(RuntimeError):
    """Java or a Jena jar is missing; the message says which and what to install."""


def java_dir() -> Path:
    return Path(os.environ.get("JENA_JAVA_DIR", "/usr/share/java"))


def java_executable() -> str | None:
    return shutil.which(os.environ.get("JAVA", "java"))


def cache_dir() -> Path:
    return Path(os.environ.get("PARKGRAPH_CACHE", Path.home() / ".cache" / "parkgraph")) / "jena"


def missing() -> str | None:
    """Why Jena cannot run here, or None if it can."""
    if java_executable() is None:
        return "no java on PATH (apt-get install default-jre-headless)"
    absent = [name for name in JENA_JARS + DEPENDENCY_JARS if not (java_dir() / name).exists()]
    if absent:
        return f"missing in {java_dir()}: {', '.join(absent)} (apt-get install libapache-jena-java)"
    return None


def available() -> bool:
    return missing() is None


def resource_jar() -> Path:
    """The jar of Xerces message files under ``xerces/impl/...``, built once per jena-core.jar."""
    core = (java_dir() / "jena-core.jar").resolve()
    stat = core.stat()
    key = hashlib.sha1(f"{core}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:12]
    target = cache_dir() / f"jena-xerces-messages-{key}.jar"
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".xerces-", suffix=".jar", dir=target.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(core) as source, zipfile.ZipFile(temp, "w") as out:
            for name in sorted(source.namelist()):
                if name.startswith(XERCES_PREFIX) and not name.endswith((".class", "/")):
                    out.writestr("xerces/" + name[len(XERCES_PREFIX) :], source.read(name))
        os.replace(temp, target)  # atomic: concurrent test workers may build it at once
    finally:
        Path(temp).unlink(missing_ok=True)
    return target


def classpath() -> str:
    reason = missing()
    if reason:
        raise JenaUnavailable(reason)
    jars = [str(resource_jar())] + [str(java_dir() / name) for name in JENA_JARS + DEPENDENCY_JARS]
    return os.pathsep.join(jars)


def command(main_class: str, *args: str) -> list[str]:
    """The command line running a Jena main class (``riotcmd.riot``, ``arq.sparql``, ``shacl.shacl``)."""
    return [java_executable() or "java", *jvm_options(), "-cp", classpath(), main_class, *args]


def batch_command(*args: str) -> list[str]:
    """The command line running tools/jena/SparqlBatch.java (source-file mode) with ``args``."""
    return [java_executable() or "java", *jvm_options(), "-cp", classpath(), str(BATCH_SOURCE), *args]


def run(main_class: str, *args: str, **kwargs: object) -> subprocess.CompletedProcess:
    return subprocess.run(command(main_class, *args), **kwargs)  # type: ignore[call-overload]


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    try:
        if argv[0] == "classpath":
            print(classpath())
            return 0
        if argv[0] == "run" and len(argv) >= 2:
            cmd = command(argv[1], *argv[2:])
        elif argv[0] == "batch":
            cmd = batch_command(*argv[1:])
        else:
            print(f"jena.py: unknown command {argv[0]!r}; use classpath, run CLASS ... or batch ...",
                  file=sys.stderr)  # fmt: skip
            return 2
    except JenaUnavailable as error:
        print(f"jena.py: Jena is not available: {error}", file=sys.stderr)
        return 3
    os.execvp(cmd[0], cmd)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
