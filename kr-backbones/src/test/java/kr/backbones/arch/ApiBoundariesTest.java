package kr.backbones.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The SPI ({@code kr.backbones.api}) stands alone: plugins compile against it without the built-in
 * families, methods or registries.
 */
class ApiBoundariesTest {
  private final JavaClasses backbones =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("kr.backbones");

  @Test
  void apiImportsNoneOfItsImplementations() {
    noClasses()
        .that()
        .resideInAPackage("kr.backbones.api..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("kr.backbones..").and(not(resideInAPackage("kr.backbones.api.."))))
        .check(backbones);
  }

  @Test
  void apiDependsOnKrCoreTensorFlowAndGuiceOnly() {
    classes()
        .that()
        .resideInAPackage("kr.backbones.api..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "kr.backbones.api..", "kr.core..", "java..", "org.tensorflow..", "com.google.inject..")
        .check(backbones);
  }
}
