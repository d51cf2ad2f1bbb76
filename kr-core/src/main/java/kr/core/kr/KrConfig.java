package kr.core.kr;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.function.Consumer;
import kr.core.graph.Checks;

/**
 * How a backbone uses kernel representation: off (static kernels), full KR, or dynamic kernels
 * without KR (the ablation of Table 6), with the paper's hyper-parameters.
 *
 * @param variant static, KR or dynamic-only
 * @param multiplier n, the number of kernels mixed per dynamic layer (the paper's 1× / 4×)
 * @param d0Dim dimension of the initial kernel representation d_0 (64)
 * @param step growth of d per KR unit; empty = the backbone's default (32 or 16, §4.1)
 * @param reduction r of the fusion layer F: hidden = max((dim d + C_in) / r, minHidden)
 * @param minHidden lower bound of the fusion width
 * @param alphaEmbed width of the coefficient embedding α̃ in KRG
 * @param attention what S predicts (kernel-only or ODConv-style)
 * @param frequencyInit d_0 from the input's low frequencies (false: a learned constant vector)
 * @param krBatchNorm BatchNorm on each generated d̃
 * @param lowFrequencyBlock which 8×8 DFT frequencies d_0 reads ({@link LowFrequencyBlock#CENTERED})
 * @param headInput what the classifier reads besides the pooled features ({@link HeadInput});
 *     {@link HeadInput#D0} only for variants that do not grow d (static, dynamic-only), whose d is
 *     d_0 at the head
 * @param d0BatchNorm BatchNorm on d_0 as on each d̃ (off in the paper). The low-frequency
 *     magnitudes differ little between images, so d_0 barely varies across a batch and is the one
 *     part of d that no normalisation rescales; under SGD its projection takes the large gradients
 *     of the kernel path and grows until the classifier's logits explode (measured on MobileNetV2:
 *     the global gradient norm at the first step falls from 10,572 to 464 with it). Needs {@code
 *     frequencyInit}
 */
public record KrConfig(
    Variant variant,
    int multiplier,
    int d0Dim,
    OptionalInt step,
    int reduction,
    int minHidden,
    int alphaEmbed,
    AttentionMode attention,
    boolean frequencyInit,
    boolean krBatchNorm,
    LowFrequencyBlock lowFrequencyBlock,
    HeadInput headInput,
    boolean d0BatchNorm) {

  /** Static kernels, KR, or dynamic kernels whose coefficients see only the pooled input. */
  public enum Variant {
    OFF,
    KR,
    DYNAMIC_ONLY
  }

  public static final int DEFAULT_D0_DIM = 64;
  public static final int DEFAULT_REDUCTION = 8;
  public static final int DEFAULT_MIN_HIDDEN = 16;
  public static final int DEFAULT_ALPHA_EMBED = 32;
  public static final AttentionMode DEFAULT_ATTENTION = AttentionMode.OMNI;

  public KrConfig {
    Checks.notNull("variant", variant);
    Checks.positive("multiplier", multiplier);
    Checks.positive("d0Dim", d0Dim);
    Checks.notNull("step", step);
    step.ifPresent(s -> Checks.positive("step", s));
    Checks.positive("reduction", reduction);
    Checks.positive("minHidden", minHidden);
    Checks.positive("alphaEmbed", alphaEmbed);
    Checks.notNull("attention", attention);
    Checks.notNull("lowFrequencyBlock", lowFrequencyBlock);
    Checks.notNull("headInput", headInput);
    Checks.check(
        !(variant == Variant.KR && headInput == HeadInput.D0),
        "headInput",
        headInput,
        "needs a network whose d stays d_0 (static or dyn-<n>x); KR grows d, use full or none");
    Checks.check(
        !d0BatchNorm || frequencyInit,
        "d0BatchNorm",
        d0BatchNorm,
        "needs d_0 from the low frequencies (a learned d_0 is the same for every image)");
  }

  /** Static kernels: the baseline network. */
  public static KrConfig off() {
    return of(Variant.OFF, 1);
  }

  /** KR with one kernel per layer (the paper's 1× rows). */
  public static KrConfig kr1x() {
    return of(Variant.KR, 1);
  }

  /** KR with four kernels per layer (the paper's 4× rows). */
  public static KrConfig kr4x() {
    return of(Variant.KR, 4);
  }

  /** KR with n kernels per layer. */
  public static KrConfig kr(int multiplier) {
    return of(Variant.KR, multiplier);
  }

  /** Dynamic kernels without kernel representation (Table 6 ablation). */
  public static KrConfig dynamicOnly(int multiplier) {
    return of(Variant.DYNAMIC_ONLY, multiplier);
  }

  private static KrConfig of(Variant v, int n) {
    return new KrConfig(
        v,
        n,
        DEFAULT_D0_DIM,
        OptionalInt.empty(),
        DEFAULT_REDUCTION,
        DEFAULT_MIN_HIDDEN,
        DEFAULT_ALPHA_EMBED,
        DEFAULT_ATTENTION,
        true,
        true,
        LowFrequencyBlock.CENTERED,
        HeadInput.FULL,
        false);
  }

  /** Parses {@code off}, {@code 1x}, {@code 4x}, {@code Nx} or {@code dyn-Nx}. */
  public static KrConfig parse(String text) {
    Checks.notNull("kr", text);
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.equals("off") || t.equals("static")) {
        return off();
      }
      if (t.startsWith("dyn-") && t.endsWith("x")) {
        return dynamicOnly(Integer.parseInt(t.substring(4, t.length() - 1)));
      }
      if (t.endsWith("x")) {
        return kr(Integer.parseInt(t.substring(0, t.length() - 1)));
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new IllegalArgumentException(
        "kr must be one of off, 1x, 4x, <n>x or dyn-<n>x, got '" + text + "'");
  }

  public boolean enabled() {
    return variant != Variant.OFF;
  }

  /** True when d is threaded through the network (KR proper, not the dynamic-only ablation). */
  public boolean usesRepresentation() {
    return variant == Variant.KR;
  }

  /** The growth step: the configured one or the backbone's default. */
  public int stepOr(int backboneDefault) {
    return step.orElse(Checks.positive("backbone default step", backboneDefault));
  }

  public KrConfig withMultiplier(int n) {
    return copy(c -> c.multiplier = n);
  }

  public KrConfig withStep(int s) {
    return copy(c -> c.step = OptionalInt.of(s));
  }

  public KrConfig withD0Dim(int d) {
    return copy(c -> c.d0Dim = d);
  }

  public KrConfig withReduction(int r) {
    return copy(c -> c.reduction = r);
  }

  public KrConfig withAttention(AttentionMode a) {
    return copy(c -> c.attention = a);
  }

  public KrConfig withAlphaEmbed(int e) {
    return copy(c -> c.alphaEmbed = e);
  }

  /** Table 6 ablation: d_0 is a learned vector, the same for every input. */
  public KrConfig withoutFrequencyInit() {
    return copy(c -> c.frequencyInit = false);
  }

  /** Table 6 ablation: no BatchNorm on the generated d̃. */
  public KrConfig withoutKrBatchNorm() {
    return copy(c -> c.krBatchNorm = false);
  }

  /** d_0 from another block of low frequencies. */
  public KrConfig withLowFrequencyBlock(LowFrequencyBlock block) {
    return copy(c -> c.lowFrequencyBlock = block);
  }

  /** This configuration with a BatchNorm on d_0 ({@link #d0BatchNorm()}). */
  public KrConfig withD0BatchNorm() {
    return copy(c -> c.d0BatchNorm = true);
  }

  /** A classifier that reads {@code input} besides the pooled features (see {@link HeadInput}). */
  public KrConfig withHeadInput(HeadInput input) {
    return copy(c -> c.headInput = input);
  }

  /**
   * True when d_0 is built: KR, or a classifier that reads it ({@link HeadInput#D0}) in a network
   * that does not grow d.
   */
  public boolean buildsInitialRepresentation() {
    return usesRepresentation() || headInput == HeadInput.D0;
  }

  /** The low-frequency spectrum d_0 reads: the 8×8 block of {@link #lowFrequencyBlock()}. */
  public LowFrequencySpectrum spectrum() {
    return new LowFrequencySpectrum(LowFrequencySpectrum.paper().size(), lowFrequencyBlock);
  }

  /** A short label: off, kr1x, kr4x, dyn4x, plus the options that differ from the defaults. */
  public String label() {
    StringBuilder sb =
        new StringBuilder(
            switch (variant) {
              case OFF -> "off";
              case KR -> "kr" + multiplier + "x";
              case DYNAMIC_ONLY -> "dyn" + multiplier + "x";
            });
    if (buildsInitialRepresentation() || variant != Variant.OFF) {
      step.ifPresent(s -> sb.append("-step").append(s));
      if (reduction != DEFAULT_REDUCTION) {
        sb.append("-r").append(reduction);
      }
      if (d0Dim != DEFAULT_D0_DIM) {
        sb.append("-d0_").append(d0Dim);
      }
      if (attention != DEFAULT_ATTENTION) {
        sb.append("-kernel-only");
      }
      if (!frequencyInit) {
        sb.append("-no-lowfreq");
      }
      if (!krBatchNorm) {
        sb.append("-no-bn");
      }
      if (d0BatchNorm) {
        sb.append("-d0bn");
      }
      if (lowFrequencyBlock != LowFrequencyBlock.CENTERED) {
        sb.append("-lowfreq-").append(lowFrequencyBlock.name().toLowerCase(Locale.ROOT));
      }
      if (alphaEmbed != DEFAULT_ALPHA_EMBED) {
        sb.append("-ae").append(alphaEmbed);
      }
    }
    if (headInput != HeadInput.FULL) {
      sb.append("-head-").append(headInput.label());
    }
    return sb.toString();
  }

  /** This configuration with the fields {@code change} sets on a copy of them. */
  private KrConfig copy(Consumer<Fields> change) {
    Fields f = new Fields(this);
    change.accept(f);
    return f.build();
  }

  /** The fields of a configuration, to change before building a new (validated) one. */
  private static final class Fields {
    Variant variant;
    int multiplier;
    int d0Dim;
    OptionalInt step;
    int reduction;
    int minHidden;
    int alphaEmbed;
    AttentionMode attention;
    boolean frequencyInit;
    boolean krBatchNorm;
    LowFrequencyBlock lowFrequencyBlock;
    HeadInput headInput;
    boolean d0BatchNorm;

    Fields(KrConfig k) {
      variant = k.variant;
      multiplier = k.multiplier;
      d0Dim = k.d0Dim;
      step = k.step;
      reduction = k.reduction;
      minHidden = k.minHidden;
      alphaEmbed = k.alphaEmbed;
      attention = k.attention;
      frequencyInit = k.frequencyInit;
      krBatchNorm = k.krBatchNorm;
      lowFrequencyBlock = k.lowFrequencyBlock;
      headInput = k.headInput;
      d0BatchNorm = k.d0BatchNorm;
    }

    KrConfig build() {
      return new KrConfig(
          variant,
          multiplier,
          d0Dim,
          step,
          reduction,
          minHidden,
          alphaEmbed,
          attention,
          frequencyInit,
          krBatchNorm,
          lowFrequencyBlock,
          headInput,
          d0BatchNorm);
    }
  }
}
