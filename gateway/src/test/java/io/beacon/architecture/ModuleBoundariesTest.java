package io.beacon.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module rules of STYLE.md, checked on the compiled classes. Command side and query side share
 * package names by bounded context, so modules are told apart by where a class was loaded from.
 */
class ModuleBoundariesTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                // Test classes wherever the build puts them (target-x/test-classes with -Dbeacon.build.dir=target-x too).
                .withImportOption(location -> !location.contains("/test-classes/"))
                .importPackages("io.beacon");
    }

    @Test
    void everyModuleIsOnTheClasspath() {
        assertThat(classes.stream().filter(inModule("shared-kernel")::test)).isNotEmpty();
        assertThat(classes.stream().filter(inModule("command-side")::test)).isNotEmpty();
        assertThat(classes.stream().filter(inModule("query-side")::test)).isNotEmpty();
        assertThat(classes.stream().filter(inModule("gateway")::test)).isNotEmpty();
    }

    @Test
    void commandSideNeverDependsOnQuerySide() {
        noClasses().that(inModule("command-side")).should().dependOnClassesThat(inModule("query-side"))
                .check(classes);
    }

    @Test
    void querySideNeverDependsOnCommandSide() {
        noClasses().that(inModule("query-side")).should().dependOnClassesThat(inModule("command-side"))
                .check(classes);
    }

    @Test
    void gatewayTalksToTheSidesOnlyThroughSharedKernelMessages() {
        noClasses().that(inModule("gateway"))
                .should().dependOnClassesThat(inModule("command-side").or(inModule("query-side")))
                .check(classes);
    }

    @Test
    void sharedKernelHasNoSpringAndNoOtherModule() {
        noClasses().that(inModule("shared-kernel"))
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .orShould().dependOnClassesThat(inModule("command-side").or(inModule("query-side")).or(inModule("gateway")))
                .check(classes);
    }

    /** Classes loaded from a module's build output or jar (e.g. {@code /command-side/target/classes/}). */
    private static DescribedPredicate<JavaClass> inModule(String module) {
        return DescribedPredicate.describe("in module " + module, javaClass -> javaClass.getSource()
                .map(source -> {
                    String uri = source.getUri().toString();
                    return uri.contains("/" + module + "/target") || uri.contains("/" + module + "-0");
                })
                .orElse(false));
    }
}
