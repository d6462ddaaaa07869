package cn.landreserve.workflow;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The service is packaged by feature (project, lifecycle, document, task, evidence, …) over a small kernel (refusals,
 * anchor state, text rules), the Camunda seam ({@code engine}) and the edge ({@code web}, {@code security}). These rules
 * are read from the compiled classes, so a new class or a new dependency cannot slip past them.
 */
@Timeout(120)
class FeatureBoundariesTest {

    private static final String BASE = "cn.landreserve.workflow";

    private static JavaClasses service;

    @BeforeAll
    static void importTheService() {
        service = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(BASE);
    }

    @Test
    void featurePackagesDependOnEachOtherWithoutCycles() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(service);
    }

    @Test
    void nothingUsesCamundasImplementationClasses() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.camunda.bpm.engine.impl..")
                .because("an engine upgrade (or the move to Operaton) must not break the service outside the seam")
                .check(service);
    }

    @Test
    void onlyTheEngineSeamTalksToCamundasServices() {
        noClasses().that().resideOutsideOfPackage(BASE + ".engine..")
                .should().dependOnClassesThat(describe("Camunda's engine services, queries or entities", c ->
                        c.getPackageName().startsWith("org.camunda.bpm.engine")
                                && !c.getPackageName().startsWith("org.camunda.bpm.engine.delegate")))
                .because("BPMN glue (delegates, listeners) and the model builder are the only other Camunda parts a "
                        + "feature may use; queries, tasks and jobs go through engine.WorkflowEngine")
                .check(service);
    }

    @Test
    void theKernelDependsOnNoFeature() {
        classes().that().resideInAPackage(BASE + ".kernel..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(BASE + ".kernel..", "java..",
                        "com.fasterxml.jackson.annotation..")
                .because("the kernel is plain Java (its ids say how they are written as JSON)")
                .check(service);
    }

    @Test
    void domainServicesAndRepositoriesSpeakNoHttp() {
        noClasses().that(describe("services, repositories and domain records", c ->
                        c.getSimpleName().endsWith("Service") || c.getSimpleName().endsWith("Repository")
                                || c.isAnnotatedWith(org.springframework.stereotype.Service.class)
                                || c.isAnnotatedWith(org.springframework.stereotype.Repository.class)))
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.http..", "jakarta.servlet..",
                        BASE + ".web..")
                .because("a refusal is a kernel.DomainException; which HTTP status it becomes is decided in "
                        + "web.ApiErrors alone")
                .check(service);
    }

    @Test
    void noFeatureReachesIntoAnotherFeaturesControllersDelegatesOrConfiguration() {
        classes().should(notReachInto(describe("a controller, a BPMN delegate or listener, or a configuration",
                        c -> c.isAnnotatedWith(RestController.class) || c.isAnnotatedWith(Controller.class)
                                || c.isAnnotatedWith(RestControllerAdvice.class) || c.isAnnotatedWith(Configuration.class)
                                || c.isAssignableTo(JavaDelegate.class) || c.isAssignableTo(ExecutionListener.class))))
                .check(service);
    }

    /**
     * A feature's repository is written by that feature alone. The one exception by design: the evidence feature
     * records where on the ledger each feature's evidence was anchored ({@code mark…}).
     */
    @Test
    void aFeaturesRowsAreWrittenOnlyByThatFeature() {
        Pattern write = Pattern.compile("(insert|update|delete|store|save|mark|set|open|close|record).*");
        Set<String> anchoringMarks = Set.of("markAnchored", "markRefused");
        classes().should(new ArchCondition<JavaClass>("write only their own feature's repositories") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (JavaMethodCall call : origin.getMethodCallsFromSelf()) {
                    JavaClass target = call.getTargetOwner();
                    boolean foreignRepository = target.getSimpleName().endsWith("Repository")
                            && target.getPackageName().startsWith(BASE + ".")
                            && !feature(target).equals(feature(origin));
                    boolean anchoring = feature(origin).equals("evidence") && anchoringMarks.contains(call.getName());
                    if (foreignRepository && write.matcher(call.getName()).matches() && !anchoring) {
                        events.add(SimpleConditionEvent.violated(call, call.getDescription()));
                    }
                }
            }
        }).check(service);
    }

    private static ArchCondition<JavaClass> notReachInto(com.tngtech.archunit.base.DescribedPredicate<JavaClass> internal) {
        return new ArchCondition<>("not depend on another feature's " + internal.getDescription()) {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                if (origin.getPackageName().equals(BASE)) {
                    return; // the application class and its banner see the whole service
                }
                for (var dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass();
                    if (target.getPackageName().startsWith(BASE + ".") && !feature(target).equals(feature(origin))
                            && internal.test(target)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static String feature(JavaClass c) {
        String rest = c.getPackageName().length() > BASE.length() ? c.getPackageName().substring(BASE.length() + 1) : "";
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
