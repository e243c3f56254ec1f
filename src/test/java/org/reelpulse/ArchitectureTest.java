package org.reelpulse;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Keeps the layering of the style guide. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.reelpulse");

    @Test
    void shouldHaveNoCyclesBetweenFeaturePackages() {
        slices().matching("org.reelpulse.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void shouldKeepServicesAwayFromViews() {
        // only wiring (e.g. naming the login view to the security configuration) may know a view
        // (our views: Vaadin's own shared "ui" types, such as the push transport, are not views)
        noClasses().that().resideOutsideOfPackage("org.reelpulse..ui..")
                .and().areNotAnnotatedWith(org.springframework.context.annotation.Configuration.class)
                .should().dependOnClassesThat().resideInAPackage("org.reelpulse..ui..").check(CLASSES);
    }

    @Test
    void shouldLetOnlyRepositoriesTouchGeneratedJooqCode() {
        noClasses().that().resideOutsideOfPackage("org.reelpulse.jooq..")
                .and().haveSimpleNameNotEndingWith("Repository")
                .and().doNotHaveSimpleName("SeqOrder")
                .and().doNotHaveSimpleName("DemoSettings")
                .should().dependOnClassesThat().resideInAPackage("org.reelpulse.jooq..")
                .check(CLASSES);
    }

    /** The feature packages, which the shared packages below them must not know. */
    private static final String[] FEATURES = {"org.reelpulse.post..", "org.reelpulse.collect..",
            "org.reelpulse.analyze..", "org.reelpulse.search..", "org.reelpulse.event..", "org.reelpulse.security..",
            "org.reelpulse.demo..", "org.reelpulse.dashboard..", "org.reelpulse.report.."};

    @Test
    void shouldKeepTheBasePackageAndTheQueryLanguageIndependentOfFeatures() {
        for (String shared : new String[] {"org.reelpulse.base..", "org.reelpulse.query.."}) {
            noClasses().that().resideInAPackage(shared)
                    .should().dependOnClassesThat().resideInAnyPackage(FEATURES)
                    .check(CLASSES);
        }
    }

    @Test
    void shouldKeepTheCoreStoresBelowTheStagesThatUseThem() {
        noClasses().that().resideInAnyPackage("org.reelpulse.post..", "org.reelpulse.analyze..",
                        "org.reelpulse.collect..")
                .should().dependOnClassesThat().resideInAnyPackage("org.reelpulse.search..", "org.reelpulse.demo..",
                        "org.reelpulse.dashboard..", "org.reelpulse.report..")
                .check(CLASSES);
    }

    @Test
    void shouldUseConstructorInjectionOnly() {
        noFields().should().beAnnotatedWith(org.springframework.beans.factory.annotation.Autowired.class)
                .check(CLASSES);
    }

    @Test
    void shouldNotUseJUnit4() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.junit")
                .check(new ClassFileImporter().importPackages("org.reelpulse"));
    }
}
