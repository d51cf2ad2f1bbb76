package kr.core.model;

import java.util.List;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * How the images a network receives relate to their pixel values: {@code image = (pixel − mean) /
 * std} per channel, pixels on the 0..1 scale, as the data pipeline normalised them. A network that
 * needs the colour values themselves (d_0, paper §3.3: "the low-frequency DFT of the input image")
 * undoes it with {@link #toPixels}.
 *
 * <p>Why d_0 needs it: a DFT is linear, so normalising scales every frequency of a channel by 1/std
 * and moves only the DC term, by −mean·H·W. Magnitudes keep the scale but lose the sign of the
 * moved DC term: an image as much brighter than the dataset mean as another is darker gets the same
 * DC magnitude. On pixel values the two differ.
 *
 * @param mean per-channel mean on the 0..1 scale; empty for {@link #none()}
 * @param std per-channel standard deviation, all positive, as many as {@code mean}
 */
public record PixelNormalization(List<Double> mean, List<Double> std) {

  public PixelNormalization {
    mean = List.copyOf(Checks.notNull("mean", mean));
    std = List.copyOf(Checks.notNull("std", std));
    Checks.check(
        mean.size() == std.size(),
        "pixel normalisation",
        mean.size() + " means, " + std.size() + " stds",
        "needs one mean and one std per channel");
    for (int c = 0; c < std.size(); c++) {
      double s = std.get(c);
      Checks.check(s > 0 && Double.isFinite(s), "pixel std[" + c + "]", s, "must be > 0");
      Checks.check(
          Double.isFinite(mean.get(c)), "pixel mean[" + c + "]", mean.get(c), "must be finite");
    }
  }

  /** Images that are pixel values already (no normalisation to undo). */
  public static PixelNormalization none() {
    return new PixelNormalization(List.of(), List.of());
  }

  /** The normalisation {@code (pixel − mean) / std} with these per-channel values. */
  public static PixelNormalization of(float[] mean, float[] std) {
    return new PixelNormalization(doubles(mean), doubles(std));
  }

  /** True for {@link #none()} (named so that JSON writers do not take it for a property). */
  public boolean absent() {
    return mean.isEmpty();
  }

  /** Channels it describes; 0 for {@link #none()}. */
  public int channels() {
    return mean.size();
  }

  /**
   * The pixel values of {@code images} [B, H, W, C]: {@code images·std + mean} per channel. One
   * channel's values apply to every channel (a grayscale dataset whose channel a model replicates);
   * otherwise the channel counts must agree.
   */
  public <T extends TFloating> Operand<T> toPixels(BuildContext<T> ctx, Operand<T> images) {
    if (absent()) {
      return images;
    }
    long[] dims = BuildContext.staticDims(images, "images");
    int c = (int) dims[dims.length - 1];
    Checks.check(
        channels() == 1 || channels() == c,
        "images",
        images.shape(),
        "have " + c + " channels, the pixel normalisation " + channels());
    double[] m = new double[c];
    double[] s = new double[c];
    for (int i = 0; i < c; i++) {
      m[i] = mean.get(channels() == 1 ? 0 : i);
      s[i] = std.get(channels() == 1 ? 0 : i);
    }
    return ctx.tf().math.add(ctx.tf().math.mul(images, ctx.constant(s, c)), ctx.constant(m, c));
  }

  private static List<Double> doubles(float[] values) {
    Checks.notNull("values", values);
    Double[] d = new Double[values.length];
    for (int i = 0; i < values.length; i++) {
      d[i] = (double) values[i];
    }
    return List.of(d);
  }
}
