package kr.bench.speed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kr.backbones.Backbones;
import kr.backbones.api.BackboneFactory;
import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.methods.DynamicKernelMethods;
import kr.backbones.methods.KrMethod;
import kr.backbones.methods.StaticMethod;
import kr.core.graph.Checks;
import kr.core.kr.KrConfig;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;

/**
 * One model of a speed run: a registered backbone at an input size, built with one dynamic-kernel
 * method, at a batch size.
 *
 * @param backbone the registered backbone name
 * @param input the input it is built for
 * @param methodLabel the method as the command line names it ({@code static}, {@code kr4x}, ...)
 * @param method the method
 * @param batch images per step
 * @param xla whether its session compiles the graph with XLA ({@code RunConfig#xla})
 */
public record SpeedCase(
    String backbone,
    InputSpec input,
    String methodLabel,
    DynamicKernelMethod method,
    int batch,
    boolean xla) {

  /** The method labels of a default run. */
  public static final List<String> DEFAULT_METHODS = List.of("static", "kr1x", "kr4x", "odconv4x");

  public SpeedCase {
    Checks.notNull("backbone", backbone);
    Checks.notNull("input", input);
    Checks.notNull("methodLabel", methodLabel);
    Checks.notNull("method", method);
    Checks.positive("batch", batch);
  }

  /** A case without XLA. */
  public SpeedCase(
      String backbone, InputSpec input, String methodLabel, DynamicKernelMethod method, int batch) {
    this(backbone, input, methodLabel, method, batch, false);
  }

  /** The method and, where compiled, "+xla": {@code kr4x+xla}. */
  public String variantLabel() {
    return xla ? methodLabel + "+xla" : methodLabel;
  }

  /** "vit-nano-cifar 32×32×3". */
  public String modelLabel() {
    return backbone + " " + input.height() + "×" + input.width() + "×" + input.channels();
  }

  /** "vit-nano-cifar 32×32×3 kr4x" ("... kr4x+xla" with XLA). */
  public String label() {
    return modelLabel() + " " + variantLabel();
  }

  /** Builds the model (its graph is built later, by the trainer's graph). */
  public ImageClassifier create(int numClasses) {
    return Backbones.create(backbone, method, input, numClasses);
  }

  /**
   * A model given as {@code NAME} (its paper input) or {@code NAME@SIZE} (square SIZE, the paper
   * input's channels and normalisation).
   *
   * @throws IllegalArgumentException naming the value and the known backbones
   */
  public static ModelRef parseModel(String text) {
    String t = Checks.notNull("model", text).trim();
    int at = t.indexOf('@');
    String name = at < 0 ? t : t.substring(0, at);
    BackboneFactory f = Backbones.factory(name);
    InputSpec def = f.defaultInput();
    if (at < 0) {
      return new ModelRef(name, def);
    }
    int size;
    try {
      size = Integer.parseInt(t.substring(at + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "model '" + text + "': the size after @ must be a whole number of pixels");
    }
    Checks.check(size > 0, "model " + text + " size", size, "must be > 0");
    return new ModelRef(name, new InputSpec(size, size, def.channels(), def.normalization()));
  }

  /**
   * A method label: {@code static}, {@code kr<n>x} (KR with n kernels, e.g. kr4x) or a registered
   * baseline ({@code odconv4x}, {@code dyconv}, ...).
   *
   * @throws IllegalArgumentException naming the label and the known ones
   */
  public static DynamicKernelMethod parseMethod(String label) {
    String m = Checks.notNull("method", label).trim().toLowerCase(Locale.ROOT);
    if (m.equals(StaticMethod.NAME)) {
      return StaticMethod.INSTANCE;
    }
    if (m.matches("kr\\d+x")) {
      return new KrMethod(KrConfig.parse(m.substring(2)));
    }
    if (DynamicKernelMethods.list().contains(m)) {
      return DynamicKernelMethods.get(m);
    }
    throw new IllegalArgumentException(
        "unknown method '"
            + label
            + "'; expected static, kr<n>x (kr1x, kr4x) or one of "
            + DynamicKernelMethods.list());
  }

  /** Every method label {@code --methods all} means: static, kr1x, kr4x and each baseline. */
  public static List<String> allMethods() {
    List<String> all = new ArrayList<>(List.of(StaticMethod.NAME, "kr1x", "kr4x"));
    for (String m : DynamicKernelMethods.list()) {
      if (!all.contains(m)) {
        all.add(m);
      }
    }
    return all;
  }

  /**
   * A backbone at an input size.
   *
   * @param backbone the registered name
   * @param input the input
   */
  public record ModelRef(String backbone, InputSpec input) {
    public ModelRef {
      Checks.notNull("backbone", backbone);
      Checks.notNull("input", input);
    }

    /** Whether the backbone can be built with {@code method}. */
    public boolean supports(DynamicKernelMethod method) {
      return Backbones.factory(backbone).supports(method);
    }
  }
}
