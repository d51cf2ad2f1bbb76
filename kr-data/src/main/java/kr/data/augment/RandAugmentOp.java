package kr.data.augment;

import java.util.random.RandomGenerator;
import kr.data.Image;

/**
 * The operations of timm's RandAugment "increasing" set ({@code _RAND_INCREASING_TRANSFORMS},
 * selected by {@code inc1}), each mapping a magnitude in [0, 10] to its argument as timm's {@code
 * LEVEL_TO_ARG} does; signed arguments are negated with probability 1/2 (one {@code nextDouble}
 * draw). Severity grows with the magnitude for every op. Input images hold integer values 0..255
 * (see {@link RandAugment}).
 */
public enum RandAugmentOp {
  /** Stretch each channel to the full range. */
  AUTO_CONTRAST {
    @Override
    Image apply(Image image, double magnitude, RandomGenerator rng, Geometry g) {
      return PilOps.autoContrast(image);
    }
  },
  /** Histogram equalisation per channel. */
  EQUALIZE {
    @Override
    Image apply(Image image, double magnitude, RandomGenerator rng, Geometry g) {
      return PilOps.equalize(image);
    }
  },
  /** {@code 255 − x}. */
  INVERT {
    @Override
    Image apply(Image image, double magnitude, RandomGenerator rng, Geometry g) {
      return PilOps.invert(image);
    }
  },
  /** Rotation by ±30·m/10 degrees. */
  ROTATE {
    @Override
    Image apply(Image image, double magnitude, RandomGenerator rng, Geometry g) {
      return PilOps.rotate(
          image, negate(magnitude / LEVEL_DENOM * 30, rng), g.interpolation(), g.fill());
    }
  },
  /** Keep {@code 4 − ⌊4·m/10⌋} bits. */
  POSTERIZE_INCREASING {
    @Override
    Image apply(Image image, double magnitude, RandomGenerator rng, Geometry g) {
      return PilOps.posterize(image, 4 - (int) (magnitude / LEVEL_DENOM * 4));
    }
  },
  /** Invert values at or above {@code 256 − ⌊256·m/10⌋}. */
  SOLARIZE_INCREASING {
    @Override
    Image apply(Image image, double magnitude, RandomGenerator rng, Geometry g) {
      return PilOps.solarize(image, 256 - (int) (magnitude / LEVEL_DENOM * 256));
    }
  },
  /** Add {@code ⌊110·m/10⌋} to values below 128. */
  SOLARIZE_ADD {
    @Override
    Image apply(Image image, double magnitude, RandomGenerator rng, Geometry g) {
      return PilOps.solarizeAdd(image, (int) (magnitude / LEVEL_DENOM * 110), 128);
    }
  },
  /** Saturation factor {@code max(0.1, 1 ± 0.9·m/10)}. */
  COLOR_INCREASING {
    @Override
    Image apply(Image image, double magnitude, RandomGenerator rng, Geometry g) {
      return PilOps.color(image, enhanceFactor(magnitude, rng));
    }
  },
  /** Contrast factor {@code max(0.1, 1 ± 0.9·m/10)}. */
  CONTRAST_INCREASING {
    @Override
    Image apply(Image image, double magnitude, RandomGenerator rng, Geometry g) {
      return PilOps.contrast(image, enhanceFactor(magnitude, rng));
    }
  },
  /** Brightness factor {@code max(0.1, 1 ± 0.9·m/10)}. */
  BRIGHTNESS_INCREASING {
    @Override
    Image apply(Image image, double magnitude, RandomGenerator rng, Geometry g) {
      return PilOps.brightness(image, enhanceFactor(magnitude, rng));
    }
  },
  /** Sharpness factor {@code max(0.1, 1 ± 0.9·m/10)}. */
  SHARPNESS_INCREASING {
    @Override
    Image apply(Image image, double magnitude, RandomGenerator rng, Geometry g) {
      return PilOps.sharpness(image, enhanceFactor(magnitude, rng));
    }
  },
  /** Horizontal shear {@code x ← x + s·y}, {@code s = ±0.3·m/10}. */
  SHEAR_X {
    @Override
    Image apply(Image image, double magnitude, RandomGenerator rng, Geometry g) {
      double s = negate(magnitude / LEVEL_DENOM * 0.3, rng);
      return PilOps.affine(image, new double[] {1, s, 0, 0, 1, 0}, g.interpolation(), g.fill());
    }
  },
  /** Vertical shear {@code y ← y + s·x}, {@code s = ±0.3·m/10}. */
  SHEAR_Y {
    @Override
    Image apply(Image image, double magnitude, RandomGenerator rng, Geometry g) {
      double s = negate(magnitude / LEVEL_DENOM * 0.3, rng);
      return PilOps.affine(image, new double[] {1, 0, 0, s, 1, 0}, g.interpolation(), g.fill());
    }
  },
  /** Horizontal shift by ±0.45·m/10 of the width. */
  TRANSLATE_X_REL {
    @Override
    Image apply(Image image, double magnitude, RandomGenerator rng, Geometry g) {
      double px = negate(magnitude / LEVEL_DENOM * TRANSLATE_PCT, rng) * image.width();
      return PilOps.affine(image, new double[] {1, 0, px, 0, 1, 0}, g.interpolation(), g.fill());
    }
  },
  /** Vertical shift by ±0.45·m/10 of the height. */
  TRANSLATE_Y_REL {
    @Override
    Image apply(Image image, double magnitude, RandomGenerator rng, Geometry g) {
      double px = negate(magnitude / LEVEL_DENOM * TRANSLATE_PCT, rng) * image.height();
      return PilOps.affine(image, new double[] {1, 0, 0, 0, 1, px}, g.interpolation(), g.fill());
    }
  };

  /** timm's {@code _LEVEL_DENOM}: magnitude 10 is the full strength. */
  public static final double LEVEL_DENOM = 10;

  /** timm's default {@code translate_pct}. */
  public static final double TRANSLATE_PCT = 0.45;

  /**
   * How geometric ops resample and what they fill uncovered pixels with.
   *
   * @param interpolation resampling filter
   * @param fill one value per channel, 0..255
   */
  record Geometry(Interpolation interpolation, float[] fill) {}

  /**
   * @param image input with integer values 0..255
   * @param magnitude clipped magnitude in [0, 10]
   * @param rng random stream (sign draws)
   * @param geometry resampling of the geometric ops
   * @return the transformed image
   */
  abstract Image apply(Image image, double magnitude, RandomGenerator rng, Geometry geometry);

  /** timm's {@code _randomly_negate}: {@code −v} when {@code nextDouble() > 0.5}. */
  static double negate(double v, RandomGenerator rng) {
    return rng.nextDouble() > 0.5 ? -v : v;
  }

  static double enhanceFactor(double magnitude, RandomGenerator rng) {
    return Math.max(0.1, 1.0 + negate(magnitude / LEVEL_DENOM * 0.9, rng));
  }
}
