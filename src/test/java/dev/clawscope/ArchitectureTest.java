package dev.clawscope;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.clawscope.archcycle.CycleB;
import dev.clawscope.archfixture.CycleA;
import dev.clawscope.archfixture.UsesJavaFx;
import dev.clawscope.ui.archfixture.SessionReadingView;
import dev.clawscope.watch.archfixture.RendersPng;
import org.junit.jupiter.api.Test;

/**
 * Everything except the window and the tray stays free of desktop toolkits, so it runs headless
 * (the off-screen PNG renderer may use Java2D, no window); the window's views reach the backend
 * only through their models; and the packages form no cycle.
 */
class ArchitectureTest {

    private static final ArchRule ONLY_UI_AND_TRAY_USE_DESKTOP_TOOLKITS = CompositeArchRule.of(noClasses()
            .that().resideOutsideOfPackages("dev.clawscope.ui..", "dev.clawscope.tray..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "javax.swing..")
            .because("the link, protocol, journal and CLI must run on a headless machine"))
            .and(noClasses()
            .that().resideOutsideOfPackages("dev.clawscope.ui..", "dev.clawscope.tray..", "dev.clawscope.render..")
            .should().dependOnClassesThat().resideInAnyPackage("java.awt..")
            .because("only the off-screen PNG renderer draws with Java2D outside the window and the tray"));

    /**
     * A view shows what its model holds and hands the user's commands to it: the session, the link
     * and the operator are the models' business (they may wait; a view runs on the FX thread).
     */
    private static final ArchRule VIEWS_READ_ONLY_THEIR_MODELS = noClasses()
            .that().resideInAPackage("dev.clawscope.ui..").and().haveSimpleNameEndingWith("View")
            .should().dependOnClassesThat().resideInAnyPackage("dev.clawscope.session..", "dev.clawscope.operator..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.clawscope.link.GatewayLink")
            .because("views talk only to their view model, which keeps the FX thread from waiting on the backend");

    /**
     * {@code watch} holds many gateways in one headless process: it reads sessions, journals and
     * proofs, never the window, the tray or the off-screen renderer (a PNG renderer is handed in).
     */
    private static final ArchRule WATCH_STAYS_HEADLESS = noClasses()
            .that().resideInAPackage("dev.clawscope.watch..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.clawscope.ui..", "dev.clawscope.tray..",
                    "dev.clawscope.render..", "java.awt..", "javafx..", "javax.swing..")
            .because("one watch process follows hundreds of gateways on a server without a display");

    /** One slice per package under dev.clawscope (subpackages included); Main and Version sit above them all. */
    private static final ArchRule PACKAGES_FORM_NO_CYCLE = slices().matching("dev.clawscope.(*)..")
            .should().beFreeOfCycles()
            .because("a package that needs a package needing it can be neither understood nor reused alone");

    private static JavaClasses production() {
        JavaClasses production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("dev.clawscope");
        assertTrue(production.size() > 5, "expected the production classes to be found");
        return production;
    }

    @Test
    void onlyUiAndTrayUseDesktopToolkits() {
        ONLY_UI_AND_TRAY_USE_DESKTOP_TOOLKITS.check(production());
    }

    @Test
    void packagesFormNoCycle() {
        PACKAGES_FORM_NO_CYCLE.check(production());
    }

    @Test
    void watchStaysHeadless() {
        WATCH_STAYS_HEADLESS.check(production());
    }

    @Test
    void watchRuleRejectsARecorderThatRendersItself() {
        JavaClasses fixture = new ClassFileImporter().importClasses(RendersPng.class);
        EvaluationResult result = WATCH_STAYS_HEADLESS.evaluate(fixture);
        assertTrue(result.hasViolation(), result.getFailureReport()::toString);
    }

    @Test
    void viewsReadOnlyTheirModels() {
        VIEWS_READ_ONLY_THEIR_MODELS.check(production());
    }

    @Test
    void viewsRuleRejectsAViewThatReadsTheSession() {
        JavaClasses fixture = new ClassFileImporter().importClasses(SessionReadingView.class);
        EvaluationResult result = VIEWS_READ_ONLY_THEIR_MODELS.evaluate(fixture);
        assertTrue(result.hasViolation(), result.getFailureReport()::toString);
    }

    @Test
    void cycleRuleRejectsTwoPackagesThatNeedEachOther() {
        JavaClasses fixture = new ClassFileImporter().importClasses(CycleA.class, CycleB.class);
        EvaluationResult result = PACKAGES_FORM_NO_CYCLE.evaluate(fixture);
        assertTrue(result.hasViolation(), result.getFailureReport()::toString);
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
