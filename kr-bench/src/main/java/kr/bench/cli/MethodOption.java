package kr.bench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.methods.DynamicKernelMethods;
import kr.backbones.methods.KrMethod;
import kr.backbones.methods.StaticMethod;
import kr.core.kr.AttentionMode;
import kr.core.kr.KrConfig;

/**
 * How the command line names a dynamic-kernel method, resolved once into a {@link
 * DynamicKernelMethod}. {@code --method} says which method ({@value #KR} or a registered name);
 * {@code --kr} is KR's configuration and nothing else:
 *
 * <ul>
 *   <li>neither: static kernels;
 *   <li>{@code --kr 4x} (1x, &lt;n&gt;x, dyn-&lt;n&gt;x) alone: {@code --method kr} with it;
 *   <li>{@code --method kr} alone: KR {@value #DEFAULT_KR};
 *   <li>{@code --kr} with any other method, or {@code --kr off}: a usage error saying what to write
 *       instead.
 * </ul>
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
          + "we, dcd (ResNet and MobileNetV2; ViT also takes odconv1x/odconv4x).";

  public static final String KR_HELP =
      "KR configuration: 1x, 4x, <n>x or dyn-<n>x. Given alone it "
          + "means --method kr; with --method kr and no --kr, "
          + DEFAULT_KR
          + ". Only for --method "
          + "kr.";

  private MethodOption() {}

  /**
   * The method the user asked for.
   *
   * @param method {@code --method}, or null when not given
   * @param kr {@code --kr}, or null when not given
   * @param attention {@code --kr-attention} (KR only)
   * @throws IllegalArgumentException one line naming the flag and the value, and what to write
   */
  public static DynamicKernelMethod resolve(String method, String kr, AttentionMode attention) {
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
