package kr.core.kr;

import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Magnitudes of the lowest 2-D DFT frequencies of each channel of NHWC images, the input of d_0
 * (paper §3.3).
 *
 * <p>TF Java has no complex type, so the DFT is partial and real: with bases C[h,u] = cos(2πuh/H)
 * and S[h,u] = sin(2πuh/H) for the selected frequencies only, Re F = Cₕᵀ X C_w − Sₕᵀ X S_w and Im F
 * = −(Sₕᵀ X C_w + Cₕᵀ X S_w): four small matrix products per axis, exact and cheaper than a full
 * FFT. Magnitudes are divided by H·W, so the DC term is the channel mean.
 *
 * <p>Output [B, C·s²], ordered channel, then vertical frequency u, then horizontal v (each in the
 * order of {@link LowFrequencyBlock#indices}).
 */
public final class LowFrequencySpectrum {
  private final int size;
  private final LowFrequencyBlock block;

  public LowFrequencySpectrum(int size, LowFrequencyBlock block) {
    this.size = Checks.positive("frequency block size", size);
    this.block = Checks.notNull("block", block);
  }

  /** The paper's 8×8 block. */
  public static LowFrequencySpectrum paper() {
    return new LowFrequencySpectrum(8, LowFrequencyBlock.CENTERED);
  }

  public int size() {
    return size;
  }

  /** Output width for images with {@code channels} channels. */
  public int features(int channels) {
    return channels * size * size;
  }

  public <T extends TFloating> Operand<T> apply(BuildContext<T> ctx, Operand<T> images) {
    Ops tf = ctx.tf();
    long[] dims = BuildContext.staticDims(images, "images");
    Checks.check(dims.length == 4, "images", images.shape(), "must be NHWC (rank 4)");
    int h = (int) dims[1];
    int w = (int) dims[2];
    int c = (int) dims[3];
    double norm = 1.0 / ((double) h * w);
    Operand<T> cosW = basis(ctx, w, true, 1.0);
    Operand<T> sinW = basis(ctx, w, false, 1.0);
    Operand<T> cosH = basis(ctx, h, true, norm);
    Operand<T> sinH = basis(ctx, h, false, norm);
    // [B, H, W, C] → [B·C·H, W]: contract the horizontal axis first.
    Operand<T> x =
        tf.reshape(
            tf.linalg.transpose(images, tf.constant(new int[] {0, 3, 1, 2})),
            tf.constant(new long[] {-1, w}));
    Operand<T> p = horizontalThenTranspose(tf, tf.linalg.matMul(x, cosW), h);
    Operand<T> q = horizontalThenTranspose(tf, tf.linalg.matMul(x, sinW), h);
    // p, q: [B·C·s, H] (rows: image-channel, v); contract the vertical axis.
    Operand<T> re = tf.math.sub(tf.linalg.matMul(p, cosH), tf.linalg.matMul(q, sinH));
    Operand<T> im = tf.math.add(tf.linalg.matMul(p, sinH), tf.linalg.matMul(q, cosH));
    Operand<T> mag = tf.math.sqrt(tf.math.add(tf.math.square(re), tf.math.square(im)));
    // [B·C·s(v), s(u)] → [B, C, v, u] → [B, C, u, v] → [B, C·s²].
    Operand<T> grid = tf.reshape(mag, tf.constant(new long[] {-1, c, size, size}));
    Operand<T> uv = tf.linalg.transpose(grid, tf.constant(new int[] {0, 1, 3, 2}));
    return tf.reshape(uv, tf.constant(new long[] {-1, (long) c * size * size}));
  }

  /** [B·C·H, s] → [B·C·s, H]. */
  private <T extends TFloating> Operand<T> horizontalThenTranspose(Ops tf, Operand<T> y, int h) {
    Operand<T> r = tf.reshape(y, tf.constant(new long[] {-1, h, size}));
    return tf.reshape(
        tf.linalg.transpose(r, tf.constant(new int[] {0, 2, 1})), tf.constant(new long[] {-1, h}));
  }

  /** [n, s] basis cos or sin(2π·k·i/n) for the selected frequencies k, times {@code scale}. */
  private <T extends TFloating> Operand<T> basis(
      BuildContext<T> ctx, int n, boolean cos, double scale) {
    int[] freqs = block.indices(n, size);
    double[] values = new double[n * size];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < size; j++) {
        double angle = 2 * Math.PI * ((long) freqs[j] * i % n) / n;
        values[i * size + j] = scale * (cos ? Math.cos(angle) : Math.sin(angle));
      }
    }
    return ctx.constant(values, n, size);
  }
}
