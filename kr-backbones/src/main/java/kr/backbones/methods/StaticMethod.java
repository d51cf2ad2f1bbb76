package kr.backbones.methods;

import java.util.EnumSet;
import java.util.Set;
import kr.backbones.api.BlockScope;
import kr.backbones.api.BlockSpec;
import kr.backbones.api.ClassifierSpec;
import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.api.KernelSite;
import kr.core.graph.BuildContext;
import kr.core.kr.HeadInput;
import kr.core.kr.InitialRepresentation;
import kr.core.kr.KernelRepresentation;
import kr.core.kr.KrConfig;
import kr.core.kr.KrHead;
import kr.core.model.PixelNormalization;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The baseline: every convolution a plain {@link kr.core.layers.Conv2d}, every linear a plain
 * {@link kr.core.layers.Linear}, a Linear classifier, no d. Fits every {@link KernelSite}: every
 * backbone builds it. Builds exactly the parameters (and paths) of the static backbones. FLOPs: the
 * convolutions' and linears' MACs. The one way to say "static": {@link #INSTANCE}.
 *
 * <p>{@link #D0_HEAD} is a control that is not in the paper: the same static network whose
 * classifier reads cat[pooled, d_0], with d_0 built and trained exactly as in KR ({@link
 * InitialRepresentation}, parameters {@code d0/...}). Static layers leave d unchanged, so d_0
 * reaches the head as it left the input; this separates KR's low-frequency shortcut to the head
 * from its kernels.
 */
public final class StaticMethod implements DynamicKernelMethod {
  public static final String NAME = "static";

  /** The static method (it has no state). */
  public static final StaticMethod INSTANCE = new StaticMethod(HeadInput.FULL);

  /** Static kernels with a classifier on cat[pooled, d_0] ({@link HeadInput#D0}). */
  public static final StaticMethod D0_HEAD = new StaticMethod(HeadInput.D0);

  private final HeadInput head;

  private StaticMethod(HeadInput head) {
    this.head = head;
  }

  /**
   * Static kernels whose classifier reads {@code input}: {@link #D0_HEAD} for {@link HeadInput#D0},
   * else {@link #INSTANCE} (without d, {@code full} and {@code none} are the same head).
   */
  public static StaticMethod withHead(HeadInput input) {
    return input == HeadInput.D0 ? D0_HEAD : INSTANCE;
  }

  /** What the classifier reads besides the pooled features. */
  public HeadInput headInput() {
    return head;
  }

  @Override
  public String name() {
    return head == HeadInput.D0 ? NAME + "-head-d0" : NAME;
  }

  @Override
  public String description() {
    return head == HeadInput.D0
        ? "static kernels, classifier on cat[pooled, d_0] (control, not in the paper)"
        : "static kernels (the baseline)";
  }

  @Override
  public Set<KernelSite> sites() {
    return EnumSet.allOf(KernelSite.class);
  }

  @Override
  public <T extends TFloating> KernelRepresentation<T> initialRepresentation(
      BuildContext<T> ctx, Operand<T> images, PixelNormalization pixels) {
    return head == HeadInput.D0
        ? new InitialRepresentation(KrConfig.off().withHeadInput(HeadInput.D0))
            .apply(ctx, images, pixels)
        : KernelRepresentation.none();
  }

  @Override
  public <T extends TFloating> BlockScope<T> block(
      BuildContext<T> ctx, BlockSpec spec, Operand<T> blockInput) {
    return DynamicKernelMethod.staticBlock();
  }

  @Override
  public <T extends TFloating> Operand<T> classifier(
      BuildContext<T> ctx, Operand<T> pooled, KernelRepresentation<T> d, ClassifierSpec spec) {
    return new KrHead(spec.name(), spec.numClasses(), spec.dropout(), spec.init(), head)
        .apply(ctx, pooled, d);
  }

  @Override
  public String toString() {
    return name();
  }
}
