package kr.core.kr;

import java.util.List;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.Init;
import kr.core.graph.ParamSpec;
import kr.core.layers.BatchNorm;
import kr.core.layers.Linear;
import kr.core.model.PixelNormalization;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TFloating;

/**
 * d_0 (paper §3.3): the low-frequency DFT magnitudes of the input image, 3·64 = 192 values for RGB,
 * projected by a trainable linear layer to {@code d0Dim} (64).
 *
 * <p>Grayscale input: the single channel's 64 magnitudes are projected (64 → d0Dim); replicating
 * the channel three times would only repeat the same values. A backbone that replicates the channel
 * before its stem gets 192 values, as for RGB.
 *
 * <p>With {@link KrConfig#frequencyInit()} off, d_0 is a learned vector, the same for every input
 * (the Table 6 ablation). With {@link KrConfig#d0BatchNorm()} the projection is followed by a
 * BatchNorm, as each generated d̃ is.
 */
public final class InitialRepresentation {
  private final String name;
  private final KrConfig config;
  private final LowFrequencySpectrum spectrum;

  public InitialRepresentation(KrConfig config) {
    this("d0", config, Checks.notNull("config", config).spectrum());
  }

  public InitialRepresentation(String name, KrConfig config, LowFrequencySpectrum spectrum) {
    this.name = Checks.notNull("name", name);
    this.config = Checks.notNull("config", config);
    this.spectrum = Checks.notNull("spectrum", spectrum);
  }

  /**
   * d_0 for images that are pixel values ({@link PixelNormalization#none()}); see {@link
   * #apply(BuildContext, Operand, PixelNormalization)}.
   */
  public <T extends TFloating> KernelRepresentation<T> apply(
      BuildContext<T> ctx, Operand<T> images) {
    return apply(ctx, images, PixelNormalization.none());
  }

  /**
   * d_0 for these images, or none when the configuration neither threads d nor feeds d_0 to the
   * classifier ({@link KrConfig#buildsInitialRepresentation()}). The spectrum is taken of the pixel
   * values (the paper's "colour values"): {@code pixels} undoes the normalisation the images went
   * through first.
   */
  public <T extends TFloating> KernelRepresentation<T> apply(
      BuildContext<T> ctx, Operand<T> images, PixelNormalization pixels) {
    if (!config.buildsInitialRepresentation()) {
      return KernelRepresentation.none();
    }
    BuildContext<T> c = ctx.child(name);
    Ops tf = c.tf();
    if (!config.frequencyInit()) {
      Operand<T> v =
          c.param(
              "vector",
              ParamSpec.trainable(
                  new long[] {1, config.d0Dim()}, 1, config.d0Dim(), Init.truncatedNormal(0.02)));
      Operand<TInt32> batch =
          tf.slice(tf.shape(images), tf.constant(new int[] {0}), tf.constant(new int[] {1}));
      Operand<TInt32> shape =
          tf.concat(List.of(batch, tf.constant(new int[] {config.d0Dim()})), tf.constant(0));
      return KernelRepresentation.of(
          tf.reshape(tf.broadcastTo(v, shape), tf.constant(new long[] {-1, config.d0Dim()})));
    }
    Operand<T> magnitudes = spectrum.apply(c, pixels.toPixels(c, images));
    Operand<T> d0 = new Linear("proj", config.d0Dim()).apply(c, magnitudes);
    if (config.d0BatchNorm()) {
      d0 = new BatchNorm("bn").apply(c, d0);
    }
    return KernelRepresentation.of(d0);
  }
}
