package kr.bench.table;

import java.util.List;
import java.util.TreeSet;
import kr.backbones.Backbones;
import kr.backbones.api.BackboneArgs;
import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.methods.DynamicKernelMethods;
import kr.backbones.methods.KrMethod;
import kr.backbones.methods.StaticMethod;
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

  /** The method name of KR, whose configuration is the row's {@code kr} string and options. */
  public static final String KR = "kr";

  /**
   * The dynamic-kernel method of {@code row}: {@code kr} is {@link KrMethod} as configured by the
   * row's {@code kr} string and options, any other name a registered method ({@code static}
   * included).
   */
  public static DynamicKernelMethod method(RowSpec row) {
    if (row.method().equals(KR)) {
      return new KrMethod(row.options().apply(KrConfig.parse(row.kr())));
    }
    if (row.method().equals(STATIC)) {
      return StaticMethod.withHead(row.options().headInput());
    }
    return DynamicKernelMethods.get(row.method());
  }

  /** The backbone arguments of {@code row} at {@code input} with {@code classes} classes. */
  public static BackboneArgs args(RowSpec row, InputSpec input, int classes) {
    return BackboneArgs.of(method(row), input, classes);
  }

  /**
   * The paper's model of {@code row} (built lazily by the caller's graph): the one whose FLOPs and
   * params the tables print.
   */
  public static ImageClassifier create(RowSpec row, InputSpec input, int classes) {
    return Backbones.create(row.backbone(), args(row, input, classes));
  }

  /**
   * The model a run of {@code row} under {@code protocol} trains ({@link RowSpec#backboneFor}: the
   * small-input variant for cpu and smoke), with the protocol's model regularisers ({@link
   * Recipes#modelArgs}).
   */
  public static ImageClassifier trained(
      RowSpec row, Protocol protocol, InputSpec input, int classes) {
    return Backbones.create(
        row.backboneFor(protocol), Recipes.modelArgs(row, protocol, input, classes));
  }

  /** The method names a spec may use. */
  public static List<String> methods() {
    TreeSet<String> names = new TreeSet<>(DynamicKernelMethods.list());
    names.add(KR);
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
    for (String b : List.of(row.backbone(), row.trainingBackbone(), row.smallInputBackbone())) {
      if (!Backbones.list().contains(b)) {
        throw new IllegalArgumentException(
            "unknown backbone '"
                + b
                + "'; known backbones: "
                + String.join(", ", Backbones.list()));
      }
    }
    if (!methods().contains(row.method())) {
      throw new IllegalArgumentException(
          "unknown method '" + row.method() + "'; known methods: " + String.join(", ", methods()));
    }
    if (!row.method().equals(KR) && KrConfig.parse(row.kr()).enabled()) {
      throw new IllegalArgumentException(
          "kr '" + row.kr() + "' must be off with method " + row.method());
    }
    method(row); // parses kr and applies the options
    for (String b : List.of(row.backbone(), row.trainingBackbone(), row.smallInputBackbone())) {
      if (!Backbones.factory(b).supports(method(row))) {
        throw new IllegalArgumentException(
            "backbone '" + b + "' does not support method '" + row.method() + "'");
      }
    }
  }
}
