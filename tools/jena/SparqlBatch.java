// Run many SPARQL queries on one in-memory Jena dataset, in one JVM (start-up costs ~1.3 s a run).
//
//   java -cp "$(python3 tools/jena/jena.py classpath)" tools/jena/SparqlBatch.java \
//        --data graph/parkgraph.ttl --data ontology/parkgraph.ttl [--union] [--repeat N] \
//        --out RESULTS_DIR queries/*.rq
//
// Each data file is read by its extension (.jsonld as JSON-LD 1.0: Debian's Jena has no Jakarta JSON
// implementation for its JSON-LD 1.1 parser); triples go into the default graph, quads into their
// named graphs. --union makes the default graph the union of all graphs (like Oxigraph's
// --union-default-graph). For each query NAME.rq it writes RESULTS_DIR/NAME.srj (SELECT, ASK: SPARQL
// JSON results), RESULTS_DIR/NAME.nt (CONSTRUCT, DESCRIBE) or RESULTS_DIR/NAME.error (the parse or
// execution error), and prints tab-separated timings on stdout:
//
//   load    <ms>    <triples in the default graph>    <quads in named graphs>
//   query   <NAME>  <ms of run 1>,<ms of run 2>,...   <rows>
//   error   <NAME>  <message on one line>
//
// Run by tools/jena/jena.py batch (which builds the class path) and by the tests and benchmarks.

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Node;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.query.ResultSetRewindable;
import org.apache.jena.query.ResultSetFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFLanguages;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;

public class SparqlBatch {
    public static void main(String[] args) throws Exception {
        List<String> data = new ArrayList<>();
        List<String> queries = new ArrayList<>();
        Path out = null;
        boolean union = false;
        int repeat = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data": data.add(args[++i]); break;
                case "--out": out = Paths.get(args[++i]); break;
                case "--union": union = true; break;
                case "--repeat": repeat = Integer.parseInt(args[++i]); break;
                default: queries.add(args[i]);
            }
        }
        if (out == null) {
            System.err.println("SparqlBatch: --out RESULTS_DIR is required");
            System.exit(2);
        }
        Files.createDirectories(out);

        long start = System.nanoTime();
        DatasetGraph dsg = DatasetGraphFactory.createGeneral();
        for (String file : data) {
            Lang lang = file.endsWith(".jsonld") ? Lang.JSONLD10 : RDFLanguages.filenameToLang(file);
            RDFDataMgr.read(dsg, file, lang);
        }
        if (union) {
            DatasetGraph linked = DatasetGraphFactory.create(dsg.getUnionGraph());
            final DatasetGraph source = dsg;
            source.listGraphNodes().forEachRemaining(name -> linked.addGraph(name, source.getGraph(name)));
            dsg = linked;
        }
        Dataset dataset = DatasetFactory.wrap(dsg);
        long quads = 0;
        var it = dsg.findNG(Node.ANY, Node.ANY, Node.ANY, Node.ANY);
        while (it.hasNext()) { it.next(); quads++; }
        System.out.printf("load\t%.1f\t%d\t%d%n", (System.nanoTime() - start) / 1e6,
                dsg.getDefaultGraph().size(), quads);

        for (String file : queries) {
            String name = Paths.get(file).getFileName().toString().replaceFirst("\\.rq$", "");
            try {
                Query query = QueryFactory.read(file);
                StringBuilder times = new StringBuilder();
                long rows = 0;
                for (int run = 0; run < repeat; run++) {
                    long t = System.nanoTime();
                    try (QueryExecution exec = QueryExecutionFactory.create(query, dataset);
                         OutputStream stream = Files.newOutputStream(
                                 out.resolve(name + (query.isConstructType() || query.isDescribeType()
                                         ? ".nt" : ".srj")))) {
                        if (query.isSelectType()) {
                            ResultSetRewindable results = ResultSetFactory.copyResults(exec.execSelect());
                            rows = results.size();
                            ResultSetFormatter.outputAsJSON(stream, results);
                        } else if (query.isAskType()) {
                            rows = 1;
                            ResultSetFormatter.outputAsJSON(stream, exec.execAsk());
                        } else {
                            Model model = query.isConstructType() ? exec.execConstruct() : exec.execDescribe();
                            rows = model.size();
                            RDFDataMgr.write(stream, model, Lang.NTRIPLES);
                        }
                    }
                    times.append(run == 0 ? "" : ",").append(String.format("%.2f", (System.nanoTime() - t) / 1e6));
                }
                System.out.printf("query\t%s\t%s\t%d%n", name, times, rows);
            } catch (Exception error) {
                String message = String.valueOf(error.getMessage());
                Files.writeString(out.resolve(name + ".error"), message);
                System.out.printf("error\t%s\t%s%n", name, message.replace('\n', ' ').replace('\t', ' '));
            }
        }
    }
}
