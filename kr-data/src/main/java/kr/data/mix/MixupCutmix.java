package kr.data.mix;

import java.util.Optional;
import java.util.random.RandomGenerator;
import kr.data.Checks;

/**
 * Mixup (Zhang et al. 2018) and CutMix (Yun et al. 2019) on a whole batch, timm's {@code Mixup} in
 * {@code batch} mode: each batch is paired with itself reversed (sample {@code b} with {@code
 * B−1−b}).
 *
 * <p>Per batch: with probability {@code prob} the batch is mixed; then CutMix with probability
 * {@code switchProb} (when both α are positive), else Mixup. λ ~ Beta(α, α) of the chosen method.
 *
 * <ul>
 *   <li>Mixup: {@code x ← λ·x + (1−λ)·flip(x)}.
 *   <li>CutMix: a box of side {@code ⌊H·√(1−λ)⌋ × ⌊W·√(1−λ)⌋} centred at a uniform pixel, clipped
 *       to the image, is pasted from the flipped batch, and λ is corrected to the exact share of
 *       the image left outside the box ({@code correct_lam}).
 * </ul>
 *
 * The targets are {@code λ·smooth(y) + (1−λ)·smooth(flip(y))}, with label smoothing folded in as
 * timm's {@code mixup_target}: {@code off = ε/K} for every class and {@code 1 − ε + ε/K} for the
 * label. Train them with a soft-target cross-entropy.
 *
 * @param mixupAlpha Mixup's Beta α, {@code >= 0} (0 disables Mixup)
 * @param cutmixAlpha CutMix's Beta α, {@code >= 0} (0 disables CutMix)
 * @param prob probability of mixing a batch at all
 * @param switchProb probability of CutMix instead of Mixup when both are enabled
 * @param labelSmoothing ε in [0, 1)
 * @param numClasses K
 */
public record MixupCutmix(
    double mixupAlpha,
    double cutmixAlpha,
    double prob,
    double switchProb,
    double labelSmoothing,
    int numClasses) {
  /** DeiT's Mixup α. */
  public static final double DEIT_MIXUP_ALPHA = 0.8;

  /** DeiT's CutMix α. */
  public static final double DEIT_CUTMIX_ALPHA = 1.0;

  /** DeiT's switch probability. */
  public static final double DEIT_SWITCH_PROB = 0.5;

  /** DeiT's label smoothing. */
  public static final double DEIT_LABEL_SMOOTHING = 0.1;

  /** Checks the arguments. */
  public MixupCutmix {
    Checks.inRange("mixupAlpha", mixupAlpha, 0, Double.MAX_VALUE);
    Checks.inRange("cutmixAlpha", cutmixAlpha, 0, Double.MAX_VALUE);
    Checks.inRange("prob", prob, 0, 1);
    Checks.inRange("switchProb", switchProb, 0, 1);
    Checks.inRange("labelSmoothing", labelSmoothing, 0, 0.999);
    Checks.positive("numClasses", numClasses);
    if (mixupAlpha == 0 && cutmixAlpha == 0) {
      throw new IllegalArgumentException("mixupAlpha and cutmixAlpha are both 0: nothing to mix");
    }
  }

  /**
   * @param numClasses number of classes
   * @return DeiT's setting: Mixup 0.8, CutMix 1.0, prob 1, switch 0.5, label smoothing 0.1
   */
  public static MixupCutmix deit(int numClasses) {
    return new MixupCutmix(
        DEIT_MIXUP_ALPHA,
        DEIT_CUTMIX_ALPHA,
        1.0,
        DEIT_SWITCH_PROB,
        DEIT_LABEL_SMOOTHING,
        numClasses);
  }

  /**
   * A CutMix box, rows {@code [top, bottom)} and columns {@code [left, right)}.
   *
   * @param top first row
   * @param bottom one past the last row
   * @param left first column
   * @param right one past the last column
   */
  public record Box(int top, int bottom, int left, int right) {
    /** Checks the arguments. */
    public Box {
      if (top < 0 || bottom < top || left < 0 || right < left) {
        throw new IllegalArgumentException(
            "box rows ["
                + top
                + ", "
                + bottom
                + "), columns ["
                + left
                + ", "
                + right
                + ") is not a valid box");
      }
    }

    /**
     * @return number of pixels in the box
     */
    public int area() {
      return (bottom - top) * (right - left);
    }
  }

  /**
   * One batch after mixing.
   *
   * @param images the mixed images, {@code [B, H, W, C]} row-major (a new array)
   * @param targets soft targets {@code [B, K]} row-major
   * @param lambda the weight of each sample's own label (1 when the batch was not mixed)
   * @param box the pasted box when CutMix was used
   */
  public record Mixed(float[] images, float[] targets, double lambda, Optional<Box> box) {}

  /**
   * Mixes one batch.
   *
   * @param images {@code [B, H, W, C]} row-major, not modified
   * @param labels B class indices in {@code [0, K)}
   * @param height H
   * @param width W
   * @param channels C
   * @param rng the batch's random stream (derive it from (seed, step) for reproducible runs)
   * @return mixed images and soft targets
   */
  public Mixed apply(
      float[] images, int[] labels, int height, int width, int channels, RandomGenerator rng) {
    Checks.notNull("images", images);
    Checks.notNull("labels", labels);
    int batch = labels.length;
    Checks.positive("batch", batch);
    long pixels = (long) height * width * channels;
    if (images.length != batch * pixels) {
      throw new IllegalArgumentException(
          "images has "
              + images.length
              + " values, expected B*H*W*C = "
              + batch
              + "*"
              + height
              + "*"
              + width
              + "*"
              + channels);
    }
    double lambda = 1;
    boolean cutmix = false;
    if (rng.nextDouble() < prob) {
      cutmix = cutmixAlpha > 0 && (mixupAlpha == 0 || rng.nextDouble() < switchProb);
      double alpha = cutmix ? cutmixAlpha : mixupAlpha;
      lambda = BetaSampler.beta(alpha, alpha, rng);
    }
    if (lambda == 1) {
      return new Mixed(
          images.clone(), targets(labels, numClasses, 1, labelSmoothing), 1, Optional.empty());
    }
    if (cutmix) {
      Box box = cutmixBox(height, width, lambda, rng);
      double corrected = 1 - box.area() / (double) (height * width);
      return new Mixed(
          cutmix(images, batch, height, width, channels, box),
          targets(labels, numClasses, corrected, labelSmoothing),
          corrected,
          Optional.of(box));
    }
    return new Mixed(
        mixup(images, batch, lambda),
        targets(labels, numClasses, lambda, labelSmoothing),
        lambda,
        Optional.empty());
  }

  /**
   * timm's {@code rand_bbox}: cut size {@code ⌊H·√(1−λ)⌋ × ⌊W·√(1−λ)⌋}, centre uniform over the
   * pixels, halves of the cut ({@code cut // 2}) on each side, clipped to the image.
   *
   * @param height H
   * @param width W
   * @param lambda the drawn λ
   * @param rng random stream (two draws: the centre row, then the centre column)
   * @return the box
   */
  public static Box cutmixBox(int height, int width, double lambda, RandomGenerator rng) {
    Checks.positive("height", height);
    Checks.positive("width", width);
    Checks.inRange("lambda", lambda, 0, 1);
    double ratio = Math.sqrt(1 - lambda);
    int cutH = (int) (height * ratio);
    int cutW = (int) (width * ratio);
    int cy = rng.nextInt(height);
    int cx = rng.nextInt(width);
    return new Box(
        clip(cy - cutH / 2, height),
        clip(cy + cutH / 2, height),
        clip(cx - cutW / 2, width),
        clip(cx + cutW / 2, width));
  }

  private static int clip(int v, int hi) {
    return Math.max(0, Math.min(hi, v));
  }

  /**
   * @param images {@code [B, …]} row-major
   * @param batch B
   * @param lambda weight of each sample itself
   * @return {@code λ·x[b] + (1−λ)·x[B−1−b]}
   */
  public static float[] mixup(float[] images, int batch, double lambda) {
    int per = images.length / batch;
    float[] out = new float[images.length];
    float l = (float) lambda;
    float r = (float) (1 - lambda);
    for (int b = 0; b < batch; b++) {
      int src = (batch - 1 - b) * per;
      int dst = b * per;
      for (int i = 0; i < per; i++) {
        out[dst + i] = l * images[dst + i] + r * images[src + i];
      }
    }
    return out;
  }

  /**
   * @param images {@code [B, H, W, C]} row-major
   * @param batch B
   * @param height H
   * @param width W
   * @param channels C
   * @param box the region taken from the reversed batch
   * @return a copy with {@code x[b][box] = x[B−1−b][box]}
   */
  public static float[] cutmix(
      float[] images, int batch, int height, int width, int channels, Box box) {
    if (box.bottom() > height || box.right() > width) {
      throw new IllegalArgumentException("box " + box + " outside image " + height + "x" + width);
    }
    float[] out = images.clone();
    int per = height * width * channels;
    int run = (box.right() - box.left()) * channels;
    for (int b = 0; b < batch; b++) {
      int src = (batch - 1 - b) * per;
      int dst = b * per;
      for (int y = box.top(); y < box.bottom(); y++) {
        int off = (y * width + box.left()) * channels;
        System.arraycopy(images, src + off, out, dst + off, run);
      }
    }
    return out;
  }

  /**
   * timm's {@code mixup_target}.
   *
   * @param labels B class indices
   * @param classes K
   * @param lambda weight of each sample's own label
   * @param smoothing label smoothing ε
   * @return {@code [B, K]}: {@code λ·smooth(onehot(y[b])) + (1−λ)·smooth(onehot(y[B−1−b]))}
   */
  public static float[] targets(int[] labels, int classes, double lambda, double smoothing) {
    Checks.positive("classes", classes);
    Checks.inRange("lambda", lambda, 0, 1);
    Checks.inRange("smoothing", smoothing, 0, 0.999);
    int batch = labels.length;
    double off = smoothing / classes;
    double on = 1 - smoothing + off;
    float[] t = new float[batch * classes];
    for (int b = 0; b < batch; b++) {
      int own = labels[b];
      int other = labels[batch - 1 - b];
      if (own < 0 || own >= classes) {
        throw new IllegalArgumentException(
            "labels[" + b + "] = " + own + " outside [0, " + classes + ")");
      }
      for (int k = 0; k < classes; k++) {
        double v = lambda * (k == own ? on : off) + (1 - lambda) * (k == other ? on : off);
        t[b * classes + k] = (float) v;
      }
    }
    return t;
  }
}
