package dev.portcullis.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.portcullis.gate.CheckRequest;
import dev.portcullis.gate.Gate;
import dev.portcullis.gate.Progress;
import dev.portcullis.model.CheckResult;
import dev.portcullis.model.Finding;
import dev.portcullis.resolve.Inputs;
import org.junit.jupiter.api.Test;

class ScratchDumpTest {
    @Test
    void dump() throws Exception {
        Path corpus = Path.of(System.getProperty("portcullis.shared"), "corpus", "aws-cloudformation-templates");
        List<String> files = FalsePositiveReviewTest.oneOfEachTwin(corpus);
        CheckResult r = new Gate().check(new CheckRequest(files, Inputs.NONE), Progress.NONE);
        StringBuilder out = new StringBuilder();
        for (Finding f : r.findings()) {
            out.append(f.ruleId()).append('\t').append(corpus.relativize(Path.of(f.file()))).append(':').append(f.line())
                .append('\t').append(f.resource()).append('\t').append(f.resourceType()).append('\t').append(f.path())
                .append('\t').append(f.scenario()).append('\t').append(f.message()).append('\n');
        }
        Files.writeString(Path.of("/tmp/conf-findings.tsv"), out);
        StringBuilder errs = new StringBuilder();
        r.errors().forEach(e -> errs.append(e.oneLine()).append('\n'));
        Files.writeString(Path.of("/tmp/conf-errors.txt"), errs);
    }
}
