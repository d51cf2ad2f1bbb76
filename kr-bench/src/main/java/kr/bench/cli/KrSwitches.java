package kr.bench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import picocli.CommandLine.Option;

/**
 * The KR switches of {@code kr train} (Table 6/7 ablations and the d_0-shortcut controls) and
 * {@code --dropout}, declared once as a picocli mixin and resolved by {@link
 * MethodOption#resolve(String, String, kr.core.kr.AttentionMode, KrSwitches)}. Unset switches keep
 * the paper's values.
 */
public final class KrSwitches {

  @Option(
      names = "--kr-no-lowfreq",
      description = "KR: d_0 is a learned vector, the same for every input (Table 6).")
  boolean noLowFrequency;

  @Option(names = "--kr-no-bn", description = "KR: no BatchNorm on the generated d (Table 6).")
  boolean noBatchNorm;

  @Option(
      names = "--kr-d0-bn",
      description =
          "KR: BatchNorm on d_0 as on each generated d (not in the paper; keeps the classifier's "
              + "logits bounded under SGD on deep CNNs such as MobileNetV2).")
  boolean d0BatchNorm;

  @Option(
      names = "--kr-reduction",
      paramLabel = "R",
      description = "KR: fusion reduction r (default: 8).")
  Integer reduction;

  @Option(
      names = "--kr-step",
      paramLabel = "S",
      description = "KR: growth of d per unit (default: the backbone's, 32 or 16).")
  Integer step;

  @Option(
      names = "--kr-d0-dim",
      paramLabel = "D",
      description = "KR: dimension of d_0 (default: 64).")
  Integer d0Dim;

  @Option(
      names = "--kr-alpha-embed",
      paramLabel = "A",
      description = "KR: width of the coefficient embedding in KRG (default: 32).")
  Integer alphaEmbed;

  @Option(
      names = "--kr-lowfreq-block",
      paramLabel = "CENTERED|FIRST",
      description = "KR: which 8x8 DFT frequencies d_0 reads (default: CENTERED).")
  String lowFrequencyBlock;

  @Option(
      names = "--kr-head-d",
      paramLabel = "full|d0|none",
      description =
          "What the classifier reads besides the pooled features: full (cat[pooled, d], the "
              + "paper), d0 (cat[pooled, d_0]; static and dyn-<n>x only), none (pooled only). "
              + "d0 and none are controls, not in the paper (default: full).")
  String headInput;

  @Option(
      names = "--dropout",
      paramLabel = "P",
      description = "Dropout before the classifier (default: the backbone's; 0 = none).")
  Double dropout;

  /** No switch given. */
  public KrSwitches() {}

  /** The explicit dropout rate, or empty for the backbone's default. */
  public OptionalDouble dropout() {
    if (dropout == null) {
      return OptionalDouble.empty();
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("--dropout " + dropout + ": must be in [0, 1)");
    }
    return OptionalDouble.of(dropout);
  }

  /** The KR-only switches given (every one but {@code --kr-head-d} and {@code --dropout}). */
  List<String> krOnlyGiven() {
    List<String> given = new ArrayList<>();
    if (noLowFrequency) {
      given.add("--kr-no-lowfreq");
    }
    if (noBatchNorm) {
      given.add("--kr-no-bn");
    }
    if (d0BatchNorm) {
      given.add("--kr-d0-bn");
    }
    if (reduction != null) {
      given.add("--kr-reduction");
    }
    if (step != null) {
      given.add("--kr-step");
    }
    if (d0Dim != null) {
      given.add("--kr-d0-dim");
    }
    if (alphaEmbed != null) {
      given.add("--kr-alpha-embed");
    }
    if (lowFrequencyBlock != null) {
      given.add("--kr-lowfreq-block");
    }
    return given;
  }
}
