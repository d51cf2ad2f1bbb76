package kr.data.augment;

import java.util.Arrays;
import kr.data.Checks;
import kr.data.Image;

/**
 * Per-channel normalisation {@code (pixel / 255 - mean[c]) / std[c]}, with mean and std on the 0..1
 * scale as datasets state them. This is the last step of every pipeline; it writes straight into
 * the batch buffer.
 */
public final class Normalize {
  private final float[] scale;
  private final float[] shift;
  private final float[] mean;
  private final float[] std;

  /**
   * @param mean per-channel mean on the 0..1 scale
   * @param std per-channel standard deviation on the 0..1 scale, all positive, same length as
   *     {@code mean}
   */
  public Normalize(float[] mean, float[] std) {
    Checks.notNull("mean", mean);
    Checks.notNull("std", std);
    if (mean.length == 0 || mean.length != std.length) {
      throw new IllegalArgumentException(
          "mean and std must have the same non-zero length, got "
              + mean.length
              + " and "
              + std.length);
    }
    this.mean = mean.clone();
    this.std = std.clone();
    scale = new float[mean.length];
    shift = new float[mean.length];
    for (int c = 0; c < mean.length; c++) {
      if (!(std[c] > 0f)) {
        throw new IllegalArgumentException("std[" + c + "] must be > 0, got " + std[c]);
      }
      scale[c] = 1f / (255f * std[c]);
      shift[c] = mean[c] / std[c];
    }
  }

  /**
   * Repeats single-channel statistics to {@code channels} channels (for grayscale replicated to
   * RGB).
   *
   * @param channels target channel count
   * @return this, or a normaliser with the one channel's mean/std repeated
   */
  public Normalize expandTo(int channels) {
    if (channels == mean.length) {
      return this;
    }
    if (mean.length != 1) {
      throw new IllegalArgumentException(
          "cannot expand " + mean.length + "-channel statistics to " + channels);
    }
    float[] m = new float[channels];
    float[] s = new float[channels];
    Arrays.fill(m, mean[0]);
    Arrays.fill(s, std[0]);
    return new Normalize(m, s);
  }

  /**
   * @return a copy of the per-channel mean on the 0..1 scale
   */
  public float[] mean() {
    return mean.clone();
  }

  /**
   * @return a copy of the per-channel standard deviation on the 0..1 scale
   */
  public float[] std() {
    return std.clone();
  }

  /**
   * @return number of channels
   */
  public int channels() {
    return mean.length;
  }

  /**
   * Writes the normalised pixels of {@code image} to {@code dst} starting at {@code offset}.
   *
   * @param image source, 0..255 scale, with {@link #channels()} channels
   * @param dst destination
   * @param offset first index written
   */
  public void into(Image image, float[] dst, int offset) {
    if (image.channels() != mean.length) {
      throw new IllegalArgumentException(
          "image has " + image.channels() + " channels, normaliser has " + mean.length);
    }
    float[] src = image.pixels();
    int c = mean.length;
    for (int i = 0; i < src.length; i++) {
      int ch = i % c;
      dst[offset + i] = src[i] * scale[ch] - shift[ch];
    }
  }

  /**
   * @param image source, 0..255 scale
   * @return a new array holding the normalised HWC pixels
   */
  public float[] apply(Image image) {
    float[] out = new float[image.pixels().length];
    into(image, out, 0);
    return out;
  }
}
