package dev.portcullis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps the dependency direction of the checker: cli → gate → report; gate → checks → catalog → engine → resolve →
 * parse → model. The audit of deployed changes sits beside the CLI: it uses the gate and reads rules' declared
 * responses from the catalog, and only the CLI (replay) and the response Lambda use it. The gate wires the Java checks into the catalog's registry, so the catalog never depends on the
 * checks. The CLI holds no logic, the model depends on nothing, and nothing below the gate knows about output
 * formats.
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.portcullis");
    }

    @Test
    void layersDependInOneDirection() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Cli").definedBy("dev.portcullis.cli..")
                .layer("Audit").definedBy("dev.portcullis.audit..")
                .layer("Gate").definedBy("dev.portcullis.gate..")
                .layer("Report").definedBy("dev.portcullis.report..")
                .layer("Checks").definedBy("dev.portcullis.checks..")
                .layer("Catalog").definedBy("dev.portcullis.catalog..")
                .layer("Engine").definedBy("dev.portcullis.engine..")
                .layer("Resolve").definedBy("dev.portcullis.resolve..")
                .layer("Parse").definedBy("dev.portcullis.parse..")
                .layer("Model").definedBy("dev.portcullis.model..")
                .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("Audit").mayOnlyBeAccessedByLayers("Cli")
                .whereLayer("Gate").mayOnlyBeAccessedByLayers("Cli", "Audit")
                .whereLayer("Report").mayOnlyBeAccessedByLayers("Cli", "Gate")
                .whereLayer("Checks").mayOnlyBeAccessedByLayers("Gate")
                .whereLayer("Catalog").mayOnlyBeAccessedByLayers("Cli", "Audit", "Gate", "Report", "Checks")
                .whereLayer("Engine").mayOnlyBeAccessedByLayers("Gate", "Checks", "Catalog")
                .whereLayer("Resolve").mayOnlyBeAccessedByLayers("Engine", "Checks", "Catalog", "Gate", "Cli", "Audit")
                .whereLayer("Parse").mayOnlyBeAccessedByLayers("Resolve", "Engine", "Checks", "Catalog", "Gate")
                .check(classes);
    }

    @Test
    void modelDependsOnNothingElseOfOurs() {
        noClasses().that().resideInAPackage("dev.portcullis.model..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "dev.portcullis.parse..", "dev.portcullis.resolve..", "dev.portcullis.engine..",
                        "dev.portcullis.checks..", "dev.portcullis.catalog..", "dev.portcullis.report..", "dev.portcullis.gate..",
                        "dev.portcullis.cli..", "com.fasterxml..", "org.snakeyaml..", "picocli..")
                .check(classes);
    }

    @Test
    void onlyTheCliUsesPicocli() {
        noClasses().that().resideOutsideOfPackage("dev.portcullis.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(classes);
    }
}
