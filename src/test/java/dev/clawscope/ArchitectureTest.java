package dev.clawscope;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.clawscope.archfixture.UsesJavaFx;
import org.junit.jupiter.api.Test;

/** Everything except the window and the tray stays free of desktop toolkits, so it runs headless. */
class ArchitectureTest {

    private static final ArchRule ONLY_UI_AND_TRAY_USE_DESKTOP_TOOLKITS = noClasses()
            .that().resideOutsideOfPackages("dev.clawscope.ui..", "dev.clawscope.tray..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "javax.swing..")
            .because("the link, protocol, journal and CLI must run on a headless machine");

    @Test
    void onlyUiAndTrayUseDesktopToolkits() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.clawscope");
        assertTrue(production.size() > 5, "expected the production classes to be found");
        ONLY_UI_AND_TRAY_USE_DESKTOP_TOOLKITS.check(production);
    }

    @Test
    void ruleRejectsAClassOutsideUiThatUsesJavaFx() {
        JavaClasses fixture = new ClassFileImporter().importClasses(UsesJavaFx.class);
        EvaluationResult result = ONLY_UI_AND_TRAY_USE_DESKTOP_TOOLKITS.evaluate(fixture);
        assertTrue(result.hasViolation());
        assertTrue(result.getFailureReport().toString().contains("javafx.beans.property.SimpleStringProperty"),
                result.getFailureReport()::toString);
    }
}
