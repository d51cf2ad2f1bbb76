package kr.bench.table;

import java.util.List;
import java.util.TreeSet;
import kr.backbones.Backbones;
import kr.backbones.api.BackboneArgs;
import kr.backbones.methods.DynamicKernelMethods;
import kr.core.kr.KrConfig;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;

/**
 * The one place where a row's backbone, method and KR names become a model. Everything else keeps
 * them as the names the specs hold.
 */
public final class RowModels {
  private RowModels() {}

  /** The method name of static kernels. */
  public static final String STATIC = "static";

  /**
   * The backbone arguments of {@code row} at {@code input} with {@code classes} classes: {@code
   * static} is KR off (every backbone builds it), {@code kr} is KR as configured by the row's
   * {@code kr} string and options, any other method a registered dynamic-kernel baseline with KR
   * off.
   */
  public static BackboneArgs args(RowSpec row, InputSpec input, int classes) {
    KrConfig kr = row.options().apply(KrConfig.parse(row.kr()));
    if (row.method().equals(STATIC)) {
      return BackboneArgs.of(KrConfig.off(), input, classes);
    }
    return BackboneArgs.of(kr, input, classes).withMethod(row.method());
  }

  /** The model of {@code row} (built lazily by the caller's graph). */
  public static ImageClassifier create(RowSpec row, InputSpec input, int classes) {
    return Backbones.create(row.backbone(), args(row, input, classes));
  }

  /** The method names a spec may use. */
  public static List<String> methods() {
    TreeSet<String> names = new TreeSet<>(DynamicKernelMethods.list());
    names.add(BackboneArgs.KR);
    names.add(STATIC);
    return List.copyOf(names);
  }

  /**
   * Checks that {@code row}'s names resolve: a registered backbone, a known method, a parsable KR
   * string, and a method that is not combined with KR.
   *
   * @throws IllegalArgumentException naming the bad field and the known values
   */
  public static void check(RowSpec row) {
    if (!Backbones.list().contains(row.backbone())) {
      throw new IllegalArgumentException(
          "unknown backbone '"
              + row.backbone()
              + "'; known backbones: "
              + String.join(", ", Backbones.list()));
    }
    if (!methods().contains(row.method())) {
      throw new IllegalArgumentException(
          "unknown method '" + row.method() + "'; known methods: " + String.join(", ", methods()));
    }
    if (row.method().equals(STATIC) && KrConfig.parse(row.kr()).enabled()) {
      throw new IllegalArgumentException("kr '" + row.kr() + "' must be off with method " + STATIC);
    }
    args(row, InputSpec.imagenet(), 1); // parses kr, applies options, rejects method + KR
  }
}
