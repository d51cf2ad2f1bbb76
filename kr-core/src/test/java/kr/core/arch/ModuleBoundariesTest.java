package kr.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** kr-core is usable alone: it depends on the JDK and TensorFlow Java only. */
class ModuleBoundariesTest {
  private final JavaClasses core =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("kr.core");

  @Test
  void coreNeverImportsOtherModules() {
    noClasses()
        .that()
        .resideInAPackage("kr.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("kr.backbones..", "kr.train..", "kr.bench..", "kr.data..")
        .check(core);
  }

  @Test
  void coreDependsOnTheJdkAndTensorFlowOnly() {
    classes()
        .that()
        .resideInAPackage("kr.core..")
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage("kr.core..", "java..", "org.tensorflow..")
        .check(core);
  }

  @Test
  void layersDoNotDependOnTheKrPackage() {
    noClasses()
        .that()
        .resideInAnyPackage("kr.core.layers..", "kr.core.graph..", "kr.core.dynamic..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("kr.core.kr..")
        .check(core);
  }
}
