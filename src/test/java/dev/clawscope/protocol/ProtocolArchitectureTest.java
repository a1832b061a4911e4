package dev.clawscope.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The protocol package stays free of UI toolkits and of logging (its frames carry secrets). */
class ProtocolArchitectureTest {

    private final JavaClasses protocol = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.clawscope.protocol");

    @Test
    void noUiToolkits() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("javafx..", "java.awt..", "javax.swing..")
                .check(protocol);
    }

    @Test
    void noLogging() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.slf4j..", "ch.qos.logback..", "java.util.logging..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.System$Logger")
                .check(protocol);
    }
}
