package kr.core.dynamic;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kr.core.graph.Checks;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * Per-sample coefficients that turn a dynamic layer's n kernels into one kernel per sample: W_b =
 * (Σ_k kernel[b,k]·W_k) ⊙ spatial[b] ⊙ inChannel[b] ⊙ outChannel[b] (paper Eq. 1, with the optional
 * ODConv-style attentions, each shared by the n kernels).
 *
 * @param kernel [B, n] mixing coefficients; empty means the n = 1 kernel is used unscaled
 * @param inChannel [B, C_in] input-channel attention
 * @param outChannel [B, C_out] output-channel (filter) attention
 * @param spatial [B, k·k] attention over the kernel's spatial positions (row-major)
 */
public record KernelCoefficients<T extends TFloating>(
    Optional<Operand<T>> kernel,
    Optional<Operand<T>> inChannel,
    Optional<Operand<T>> outChannel,
    Optional<Operand<T>> spatial) {

  public KernelCoefficients {
    Checks.notNull("kernel", kernel);
    Checks.notNull("inChannel", inChannel);
    Checks.notNull("outChannel", outChannel);
    Checks.notNull("spatial", spatial);
  }

  /**
   * The tap kind under which dynamic layers record their coefficients ({@code BuildContext.tap}).
   */
  public static final String TAP = "kernel_coefficients";

  /** The coefficients present, in the order kernel, input channel, output channel, spatial. */
  public List<Operand<T>> parts() {
    List<Operand<T>> out = new ArrayList<>(4);
    kernel.ifPresent(out::add);
    inChannel.ifPresent(out::add);
    outChannel.ifPresent(out::add);
    spatial.ifPresent(out::add);
    return out;
  }

  /** Kernel mixing only. */
  public static <T extends TFloating> KernelCoefficients<T> mixing(Operand<T> kernel) {
    return new KernelCoefficients<>(
        Optional.of(kernel), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** Checks the attentions' widths against a layer with n kernels of the given geometry. */
  void check(String layer, int n, long in, long out, long area) {
    Checks.check(
        kernel.isPresent() || n == 1,
        layer + " kernel coefficients",
        "absent",
        "are required when the layer has " + n + " kernels");
    kernel.ifPresent(
        k ->
            Checks.check(
                k.shape().get(1) == n,
                layer + " kernel coefficients",
                k.shape(),
                "must have width " + n));
    inChannel.ifPresent(
        a ->
            Checks.check(
                a.shape().get(1) == in,
                layer + " input-channel attention",
                a.shape(),
                "must have width " + in));
    outChannel.ifPresent(
        a ->
            Checks.check(
                a.shape().get(1) == out,
                layer + " output-channel attention",
                a.shape(),
                "must have width " + out));
    spatial.ifPresent(
        a ->
            Checks.check(
                a.shape().get(1) == area,
                layer + " spatial attention",
                a.shape(),
                "must have width " + area));
  }
}
