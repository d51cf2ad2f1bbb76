package kr.core.layers;

import kr.core.graph.Checks;

/**
 * Spatial padding of a convolution or pooling: TF's SAME/VALID, or an explicit symmetric amount
 * (PyTorch's {@code padding=p}, which the reference architectures use; for odd kernels and stride 1
 * it equals SAME, for stride 2 it pads symmetrically where SAME pads after).
 */
public record Padding(Kind kind, int amount) {

  /** How the padding is defined. */
  public enum Kind {
    SAME,
    VALID,
    EXPLICIT
  }

  public static final Padding SAME = new Padding(Kind.SAME, 0);
  public static final Padding VALID = new Padding(Kind.VALID, 0);

  public Padding {
    Checks.notNull("kind", kind);
    Checks.nonNegative("padding amount", amount);
  }

  /** Symmetric zero padding of {@code p} pixels on each side. */
  public static Padding of(int p) {
    return new Padding(Kind.EXPLICIT, p);
  }

  /** PyTorch's usual "same-ish" padding for an odd kernel: k / 2. */
  public static Padding half(int kernel) {
    return of(kernel / 2);
  }

  /** Output size of one spatial axis. */
  public long outSize(long in, int kernel, int stride) {
    return switch (kind) {
      case SAME -> (in + stride - 1) / stride;
      case VALID -> (in - kernel) / stride + 1;
      case EXPLICIT -> (in + 2L * amount - kernel) / stride + 1;
    };
  }

  /** TF padding string for the op after explicit padding has been applied. */
  String tfName() {
    return kind == Kind.SAME ? "SAME" : "VALID";
  }
}
