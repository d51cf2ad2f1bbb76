package kr.bench.run;

import java.nio.file.Path;
import java.util.Optional;
import kr.backbones.Backbones;
import kr.backbones.api.BackboneArgs;
import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.methods.DynamicKernelMethods;
import kr.backbones.methods.KrMethod;
import kr.backbones.methods.StaticMethod;
import kr.core.graph.Checks;
import kr.core.kr.KrConfig;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;
import kr.core.model.PixelNormalization;

/**
 * What a run trained, as {@code kr train} writes it into the {@code model} section of {@code
 * config.json}: enough to rebuild the method ({@link #kernelMethod()}), the input ({@link
 * #input()}) and the model ({@link #build()}) without any flag.
 *
 * @param backbone registered backbone name
 * @param method {@value #KR} or a registered method name ({@code static}, {@code condconv}, ...)
 * @param kr KR's configuration when {@code method} is {@value #KR}, else {@link KrConfig#off()}
 * @param dataset registered dataset name
 * @param dataDir the data directory given to training; empty = the dataset's own
 * @param height input height
 * @param width input width
 * @param channels input channels
 * @param rgb whether grayscale images were replicated to three channels
 * @param classes number of classes
 * @param dropout rate before the classifier (0 = the backbone's default)
 * @param dropPath the stochastic-depth rate of the last residual block (0: none; absent, and so 0,
 *     in a {@code config.json} written before it was recorded)
 * @param normalization how the data pipeline normalised the images from pixel values (d_0 undoes
 *     it); absent from a {@code config.json} written before it was recorded, whose models took d_0
 *     from the normalised images, which is what {@link PixelNormalization#none()} rebuilds
 */
public record ModelSpec(
    String backbone,
    String method,
    KrSpec kr,
    String dataset,
    String dataDir,
    int height,
    int width,
    int channels,
    boolean rgb,
    int classes,
    double dropout,
    Double dropPath,
    PixelNormalization normalization) {

  /** The {@link #method} of KR, configured by {@link #kr}. */
  public static final String KR = "kr";

  public ModelSpec {
    Checks.notNull("backbone", backbone);
    Checks.notNull("method", method);
    Checks.notNull("kr", kr);
    Checks.notNull("dataset", dataset);
    Checks.notNull("dataDir", dataDir);
    Checks.check(
        method.equals(KR) == (kr.variant() != KrConfig.Variant.OFF),
        "kr",
        kr.variant(),
        "must be enabled exactly when method is " + KR + " (method " + method + ")");
    Checks.positive("height", height);
    Checks.positive("width", width);
    Checks.positive("channels", channels);
    Checks.positive("classes", classes);
    if (normalization == null) { // read from a config.json that predates the field
      normalization = PixelNormalization.none();
    }
    dropPath = dropPath == null ? 0.0 : dropPath; // likewise
    Checks.inRange("dropPath", dropPath, 0, 0.999);
  }

  /**
   * The description of a model built with {@code method}.
   *
   * @param dataDir the {@code --data-dir} given, if any
   * @param dropout the explicit classifier dropout (0: none or the backbone's default)
   * @param dropPath the stochastic-depth rate (0: none)
   */
  public static ModelSpec of(
      String backbone,
      DynamicKernelMethod method,
      String dataset,
      Optional<Path> dataDir,
      InputSpec input,
      boolean rgb,
      int classes,
      double dropout,
      double dropPath) {
    Checks.notNull("method", method);
    String name = method.name();
    KrConfig kr = KrConfig.off();
    if (method instanceof KrMethod k) {
      name = KR;
      kr = k.config();
    } else if (method instanceof StaticMethod s) {
      // static kernels whose head reads d_0 (a control) keep that in the kr section
      name = StaticMethod.NAME;
      kr = kr.withHeadInput(s.headInput());
    }
    return new ModelSpec(
        backbone,
        name,
        KrSpec.of(kr),
        dataset,
        dataDir.map(p -> p.toAbsolutePath().normalize().toString()).orElse(""),
        input.height(),
        input.width(),
        input.channels(),
        rgb,
        classes,
        dropout,
        dropPath,
        input.normalization());
  }

  /** The dynamic-kernel method the run trained with. */
  public DynamicKernelMethod kernelMethod() {
    if (method.equals(KR)) {
      return new KrMethod(kr.toConfig());
    }
    if (method.equals(StaticMethod.NAME)) {
      return StaticMethod.withHead(kr.headInput());
    }
    return DynamicKernelMethods.get(method);
  }

  /** The method's name as the command line writes it: {@code kr4x}, {@code static}, ... */
  public String methodLabel() {
    if (method.equals(KR)) {
      return kr.toConfig().label();
    }
    return method.equals(StaticMethod.NAME) ? StaticMethod.withHead(kr.headInput()).name() : method;
  }

  /** The input the model was built for. */
  public InputSpec input() {
    return new InputSpec(height, width, channels, normalization);
  }

  /** The data directory given to training, if one was. */
  public Optional<Path> dataDirectory() {
    return dataDir.isEmpty() ? Optional.empty() : Optional.of(Path.of(dataDir));
  }

  /** The backbone's arguments. */
  public BackboneArgs args() {
    return BackboneArgs.of(kernelMethod(), input(), classes)
        .withDropout(dropout)
        .withDropPath(dropPath);
  }

  /** The model, built as training built it. */
  public ImageClassifier build() {
    return Backbones.create(backbone, args());
  }
}
