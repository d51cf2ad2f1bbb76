package kr.bench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.methods.DynamicKernelMethods;
import kr.backbones.methods.KrMethod;
import kr.backbones.methods.StaticMethod;
import kr.core.graph.Checks;
import kr.core.kr.AttentionMode;
import kr.core.kr.HeadInput;
import kr.core.kr.KrConfig;
import kr.core.kr.LowFrequencyBlock;
import picocli.CommandLine.Option;

/**
 * How the command line names a dynamic-kernel method, resolved once into a {@link
 * DynamicKernelMethod}; the two flags are a picocli mixin for the commands that take them as {@code
 * kr train} does. {@code --method} says which method ({@value #KR} or a registered name); {@code
 * --kr} is KR's configuration and nothing else:
 *
 * <ul>
 *   <li>neither: static kernels;
 *   <li>{@code --kr 4x} (1x, &lt;n&gt;x, dyn-&lt;n&gt;x) alone: {@code --method kr} with it;
 *   <li>{@code --method kr} alone: KR {@value #DEFAULT_KR};
 *   <li>{@code --kr} with any other method, or {@code --kr off}: a usage error saying what to write
 *       instead.
 * </ul>
 *
 * <p>The {@link KrSwitches} ({@code --kr-no-lowfreq}, {@code --kr-no-bn}, {@code --kr-reduction},
 * {@code --kr-step}, {@code --kr-d0-dim}, {@code --kr-alpha-embed}, {@code --kr-lowfreq-block},
 * {@code --kr-head-d}) change KR's configuration, the dynamic-only ablation ({@code --kr dyn-4x})
 * included; with any other method they are a usage error, except {@code --kr-head-d d0} with static
 * kernels ({@link StaticMethod#D0_HEAD}).
 */
public final class MethodOption {
  /** The {@code --method} value for KR (configured by {@code --kr}). */
  public static final String KR = "kr";

  /** KR's configuration when {@code --method kr} comes without {@code --kr}. */
  public static final String DEFAULT_KR = "4x";

  /** Help text shared by the commands. */
  public static final String METHOD_HELP =
      "Dynamic-kernel method: static (the default), kr (KR, "
          + "configured by --kr), or a baseline: condconv, dyconv, odconv1x, odconv4x, weightnet, "
          + "we, dcd (ResNet and MobileNetV2; ViT also takes odconv1x/odconv4x, fc1/fc2 as 1x1 "
          + "ODConv, and odconv1x-all/odconv4x-all, all four linears).";

  public static final String KR_HELP =
      "KR configuration: 1x, 4x, <n>x or dyn-<n>x. Given alone it "
          + "means --method kr; with --method kr and no --kr, "
          + DEFAULT_KR
          + ". Only for --method "
          + "kr (default: none).";

  @Option(names = "--kr", paramLabel = "VARIANT", description = KR_HELP)
  String kr;

  @Option(names = "--method", paramLabel = "NAME", description = METHOD_HELP)
  String method;

  /** Neither flag given (picocli sets them). */
  public MethodOption() {}

  /**
   * The method the flags name, KR with {@code attention}.
   *
   * @throws IllegalArgumentException one line naming the flag and the value, and what to write
   */
  public DynamicKernelMethod resolve(AttentionMode attention) {
    return resolve(method, kr, attention);
  }

  /**
   * The method the flags name, KR with {@code attention} and the KR switches applied.
   *
   * @throws IllegalArgumentException one line naming the flag and the value, and what to write
   */
  public DynamicKernelMethod resolve(AttentionMode attention, KrSwitches switches) {
    return resolve(method, kr, attention, switches);
  }

  /**
   * The method the user asked for.
   *
   * @param method {@code --method}, or null when not given
   * @param kr {@code --kr}, or null when not given
   * @param attention {@code --kr-attention} (KR only)
   * @throws IllegalArgumentException one line naming the flag and the value, and what to write
   */
  public static DynamicKernelMethod resolve(String method, String kr, AttentionMode attention) {
    return resolve(method, kr, attention, new KrSwitches());
  }

  /**
   * The method the user asked for, with the KR switches applied.
   *
   * @throws IllegalArgumentException one line naming the flag and the value, and what to write
   */
  public static DynamicKernelMethod resolve(
      String method, String kr, AttentionMode attention, KrSwitches switches) {
    Checks.notNull("switches", switches);
    switches.dropout(); // a bad rate fails before anything is built
    DynamicKernelMethod m = resolveMethod(method, kr, attention);
    Optional<HeadInput> head =
        Optional.ofNullable(switches.headInput)
            .map(h -> flag("--kr-head-d", h, () -> HeadInput.parse(h)));
    if (m instanceof KrMethod k) {
      return new KrMethod(configure(k.config(), switches, head));
    }
    List<String> krOnly = switches.krOnlyGiven();
    if (!krOnly.isEmpty()) {
      throw new IllegalArgumentException(
          krOnly.get(0)
              + " configures KR only, not --method "
              + m.name()
              + "; drop it, or write --method kr");
    }
    if (head.isEmpty()) {
      return m;
    }
    if (m == StaticMethod.INSTANCE && head.get() == HeadInput.D0) {
      return StaticMethod.D0_HEAD;
    }
    throw new IllegalArgumentException(
        "--kr-head-d "
            + switches.headInput
            + " is not for --method "
            + m.name()
            + "; only --kr-head-d d0 with static kernels or --kr dyn-<n>x, or any value with KR");
  }

  private static KrConfig configure(KrConfig base, KrSwitches s, Optional<HeadInput> head) {
    KrConfig c = base;
    if (s.noLowFrequency) {
      c = c.withoutFrequencyInit();
    }
    if (s.noBatchNorm) {
      c = c.withoutKrBatchNorm();
    }
    if (s.d0BatchNorm) {
      c = c.withD0BatchNorm();
    }
    c = set(c, "--kr-reduction", s.reduction, KrConfig::withReduction);
    c = set(c, "--kr-step", s.step, KrConfig::withStep);
    c = set(c, "--kr-d0-dim", s.d0Dim, KrConfig::withD0Dim);
    c = set(c, "--kr-alpha-embed", s.alphaEmbed, KrConfig::withAlphaEmbed);
    if (s.lowFrequencyBlock != null) {
      LowFrequencyBlock b = flag("--kr-lowfreq-block", s.lowFrequencyBlock, () -> block(s));
      c = c.withLowFrequencyBlock(b);
    }
    if (head.isPresent()) {
      c = set(c, "--kr-head-d", head.get(), KrConfig::withHeadInput);
    }
    return c;
  }

  private static LowFrequencyBlock block(KrSwitches s) {
    String t = s.lowFrequencyBlock.trim().toUpperCase(Locale.ROOT);
    for (LowFrequencyBlock b : LowFrequencyBlock.values()) {
      if (b.name().equals(t)) {
        return b;
      }
    }
    throw new IllegalArgumentException("must be CENTERED or FIRST");
  }

  /** {@code c} with {@code value} applied when given; a rejected value names the flag. */
  private static <V> KrConfig set(
      KrConfig c, String name, V value, BiFunction<KrConfig, V, KrConfig> with) {
    return value == null ? c : flag(name, value, () -> with.apply(c, value));
  }

  /** Runs {@code parse}; an invalid value fails with one line naming the flag and the value. */
  private static <V> V flag(String name, Object value, Supplier<V> parse) {
    try {
      return parse.get();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          name + " " + value.toString().toLowerCase(Locale.ROOT) + ": " + e.getMessage());
    }
  }

  private static DynamicKernelMethod resolveMethod(
      String method, String kr, AttentionMode attention) {
    String m =
        method == null
            ? (kr == null ? StaticMethod.NAME : KR)
            : method.trim().toLowerCase(Locale.ROOT);
    if (kr != null) {
      String k = kr.trim().toLowerCase(Locale.ROOT);
      if (k.equals("off") || k.equals("static")) {
        throw new IllegalArgumentException(
            "--kr " + kr + ": static kernels are --method static " + "(the default); drop --kr");
      }
      if (!m.equals(KR)) {
        throw new IllegalArgumentException(
            "--kr "
                + kr
                + " configures KR only, not --method "
                + m
                + "; drop --kr, or write --method kr --kr "
                + kr);
      }
    }
    if (m.equals(KR)) {
      KrConfig config;
      try {
        config = KrConfig.parse(kr == null ? DEFAULT_KR : kr);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--kr: " + e.getMessage());
      }
      return new KrMethod(config.withAttention(attention));
    }
    if (!DynamicKernelMethods.list().contains(m)) {
      List<String> known = new ArrayList<>(List.of(KR));
      known.addAll(DynamicKernelMethods.list());
      throw new IllegalArgumentException(
          "unknown --method '" + method + "'; known methods: " + String.join(", ", known));
    }
    return DynamicKernelMethods.get(m);
  }
}
