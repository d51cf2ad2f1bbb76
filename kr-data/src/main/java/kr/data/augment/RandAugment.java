package kr.data.augment;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.random.RandomGenerator;
import kr.data.Checks;
import kr.data.Image;
import kr.data.ImageOp;

/**
 * RandAugment (Cubuk et al. 2020) as timm implements it ({@code data/auto_augment.py}, {@code
 * rand_augment_transform}); DeiT uses {@code rand-m9-mstd0.5-inc1} ({@link #deit}).
 *
 * <p>Per image: {@code numOps} ops are chosen uniformly with replacement from {@link #ops}; each is
 * then applied with probability {@code prob} at a magnitude drawn from {@code N(magnitude,
 * magnitudeStd²)} and clipped to [0, 10]. Draw order (all from the example's stream): one {@code
 * nextInt(ops.size())} per chosen op; then for each op one {@code nextDouble} (skip when {@code >
 * prob}), one {@code nextGaussian} (magnitude, if {@code magnitudeStd > 0}) and the op's own sign
 * draw.
 *
 * <p>Pillow works on 8-bit images, so the input is first rounded to integers 0..255 (a no-op after
 * decoding a JPEG or PNG; after a float resize it is the rounding Pillow's resize does) and every
 * op keeps integer values. Geometric ops resample with {@code interpolation} (DeiT: bicubic) and
 * fill uncovered pixels with {@code fill} (DeiT: the ImageNet mean, {@code round(255·mean)} = 124,
 * 116, 104).
 *
 * @param numOps ops per image (timm {@code n}, 2)
 * @param magnitude mean magnitude (timm {@code m}, 9)
 * @param magnitudeStd magnitude noise (timm {@code mstd}, 0.5); 0 for a fixed magnitude
 * @param prob probability of applying each chosen op (0.5)
 * @param ops the op set to choose from
 * @param interpolation resampling of rotate / shear / translate
 * @param fill per-channel fill of the geometric ops, 0..255
 */
public record RandAugment(
    int numOps,
    double magnitude,
    double magnitudeStd,
    double prob,
    List<RandAugmentOp> ops,
    Interpolation interpolation,
    float[] fill)
    implements ImageOp {
  /** timm's largest magnitude. */
  public static final double MAX_MAGNITUDE = RandAugmentOp.LEVEL_DENOM;

  /** timm's per-op probability. */
  public static final double DEFAULT_PROB = 0.5;

  /** DeiT's fill: the ImageNet mean on the 0..255 scale. */
  private static final float[] IMAGENET_FILL = {124, 116, 104};

  /** Checks the arguments and copies the mutable ones. */
  public RandAugment {
    Checks.positive("numOps", numOps);
    Checks.inRange("magnitude", magnitude, 0, MAX_MAGNITUDE);
    Checks.inRange("magnitudeStd", magnitudeStd, 0, Double.MAX_VALUE);
    Checks.inRange("prob", prob, 0, 1);
    ops = List.copyOf(Checks.notNull("ops", ops));
    if (ops.isEmpty()) {
      throw new IllegalArgumentException("ops must not be empty");
    }
    Checks.notNull("interpolation", interpolation);
    fill = Checks.notNull("fill", fill).clone();
    for (float f : fill) {
      Checks.inRange("fill", f, 0, 255);
    }
  }

  /**
   * @return DeiT's {@code rand-m9-mstd0.5-inc1}: 2 ops, magnitude 9 ± 0.5, p = 0.5, bicubic,
   *     ImageNet-mean fill
   */
  public static RandAugment deit() {
    return parse("rand-m9-mstd0.5-inc1");
  }

  /**
   * Parses a timm config string: {@code rand} followed by {@code -m<int>} (magnitude, default 10),
   * {@code -n<int>} (ops, default 2), {@code -mstd<float>} (default 0) and {@code -inc<0|1>}; only
   * the increasing op set is implemented, so {@code inc1} is required. Bicubic resampling and the
   * ImageNet-mean fill, as DeiT passes them.
   *
   * @param config e.g. {@code rand-m9-mstd0.5-inc1}
   * @return the policy
   * @throws IllegalArgumentException naming the config and the offending section
   */
  public static RandAugment parse(String config) {
    Checks.notNull("config", config);
    String[] parts = config.trim().toLowerCase(Locale.ROOT).split("-");
    if (!parts[0].equals("rand")) {
      throw new IllegalArgumentException(
          "RandAugment config must start with 'rand', got '" + config + "'");
    }
    double m = MAX_MAGNITUDE;
    int n = 2;
    double std = 0;
    boolean increasing = false;
    for (int i = 1; i < parts.length; i++) {
      String s = parts[i];
      try {
        if (s.startsWith("mstd")) {
          std = Double.parseDouble(s.substring(4));
        } else if (s.startsWith("inc")) {
          increasing = Integer.parseInt(s.substring(3)) != 0;
        } else if (s.startsWith("m")) {
          m = Integer.parseInt(s.substring(1));
        } else if (s.startsWith("n")) {
          n = Integer.parseInt(s.substring(1));
        } else {
          throw new IllegalArgumentException(
              "unknown section '"
                  + s
                  + "' in RandAugment config '"
                  + config
                  + "' (known: m, n, mstd, inc)");
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "bad number in section '" + s + "' of RandAugment config '" + config + "'");
      }
    }
    if (!increasing) {
      throw new IllegalArgumentException(
          "RandAugment config '" + config + "': only the increasing op set (inc1) is implemented");
    }
    if (m > MAX_MAGNITUDE) {
      throw new IllegalArgumentException(
          "RandAugment config '" + config + "': magnitude must be <= 10");
    }
    return new RandAugment(
        n,
        m,
        std,
        DEFAULT_PROB,
        List.of(RandAugmentOp.values()),
        Interpolation.BICUBIC,
        IMAGENET_FILL);
  }

  @Override
  public float[] fill() {
    return fill.clone();
  }

  @Override
  public Image apply(Image image, RandomGenerator rng) {
    RandAugmentOp[] chosen = new RandAugmentOp[numOps];
    for (int i = 0; i < numOps; i++) {
      chosen[i] = ops.get(rng.nextInt(ops.size()));
    }
    RandAugmentOp.Geometry geometry =
        new RandAugmentOp.Geometry(interpolation, fillFor(image.channels()));
    Image out = PilOps.quantize(image);
    for (RandAugmentOp op : chosen) {
      if (prob < 1 && rng.nextDouble() > prob) {
        continue;
      }
      double m = magnitude;
      if (magnitudeStd > 0) {
        m = magnitude + magnitudeStd * rng.nextGaussian();
      }
      out = op.apply(out, Math.max(0, Math.min(MAX_MAGNITUDE, m)), rng, geometry);
    }
    return out;
  }

  /**
   * Applies one op at a fixed magnitude (no choice, no probability, no noise): the unit the policy
   * is made of.
   *
   * @param op the op
   * @param image input (rounded to integers 0..255 first)
   * @param magnitude in [0, 10]
   * @param rng stream for the op's sign draw
   * @return the transformed image
   */
  public Image applyOne(RandAugmentOp op, Image image, double magnitude, RandomGenerator rng) {
    Checks.notNull("op", op);
    Checks.inRange("magnitude", magnitude, 0, MAX_MAGNITUDE);
    return op.apply(
        PilOps.quantize(image),
        magnitude,
        rng,
        new RandAugmentOp.Geometry(interpolation, fillFor(image.channels())));
  }

  private float[] fillFor(int channels) {
    if (fill.length == channels) {
      return fill;
    }
    // A grey or other non-RGB image: the mean of the configured fill for every channel.
    float mean = 0;
    for (float f : fill) {
      mean += f / fill.length;
    }
    float[] out = new float[channels];
    Arrays.fill(out, Math.round(mean));
    return out;
  }
}
