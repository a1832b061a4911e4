package dev.clawscope.protocol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The protocol package does not log: its frames carry tokens, nonces and signatures. The one
 * exception is the identity file store, which warns about file permissions and names only the path.
 */
class ProtocolArchitectureTest {

    private final JavaClasses protocol = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.clawscope.protocol");

    @Test
    void noLogging() {
        noClasses().that().doNotHaveSimpleName("DeviceIdentityStore")
                .should().dependOnClassesThat()
                .resideInAnyPackage("org.slf4j..", "ch.qos.logback..", "java.util.logging..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.System$Logger")
                .check(protocol);
    }
}
