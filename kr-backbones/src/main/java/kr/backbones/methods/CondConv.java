package kr.backbones.methods;

import java.util.List;
import kr.backbones.api.BlockScope;
import kr.backbones.api.BlockSpec;
import kr.backbones.api.ClassifierSpec;
import kr.backbones.api.ConvRole;
import kr.backbones.api.DynamicKernelMethod;
import kr.core.dynamic.DynamicConv2d;
import kr.core.dynamic.DynamicLinear;
import kr.core.dynamic.KernelCoefficients;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.kr.KernelRepresentation;
import kr.core.layers.Dropout;
import kr.core.layers.Linear;
import kr.core.layers.Pooling;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * CondConv (Yang et al., "CondConv: Conditionally Parameterized Convolutions for Efficient
 * Inference", NeurIPS 2019; official TF {@code tensorflow/tpu:models/official/efficientnet/
 * condconv/}, PyTorch {@code d-li14/condconv.pytorch}), 8 experts.
 *
 * <ul>
 *   <li>Routing, one vector per block from the block input: r = sigmoid(Linear(GAP(x_block)))
 *       (Linear C_in→8 with bias; no softmax, no temperature), shared by every CondConv layer of
 *       the block ({@code efficientnet_model.py} MBConvBlock). Parameters {@code
 *       <block>/routing/fc/kernel|bias}.
 *   <li>Kernel W = Σ_e r_e W_e: a {@link DynamicConv2d} with 8 kernels, each He normal fan-out on
 *       its own (the official code initialises each expert independently).
 *   <li>Placement (the ODConv-table version, from exact recounts): the final 3 residual blocks of a
 *       ResNet (R18: last block of stage 3 + stage 4, 81.35M; R50: stage 4, 129.86M) and the final
 *       6 inverted residuals of MobileNetV2 (all their convolutions, depthwise included; 22.88M at
 *       ×1.0); shortcut, stem and MobileNetV2 final 1×1 static.
 *   <li>Classifier: an 8-expert linear (static bias) with its own routing sigmoid(Linear(features))
 *       on the classifier input, after dropout, as {@code d-li14:cond_mobilenetv2.py}'s CondConv
 *       classifier routes on its own input. The static (unmixed) bias reproduces the recounts (a
 *       mixed bias would give 81.353M / 22.885M).
 * </ul>
 *
 * <p>FLOPs (fitted convention "aggregation = 8·P"): per CondConv layer the convolution's MACs +
 * 8·|W| (recorded by {@link DynamicConv2d}); per block the routing Linear C_in·8; the classifier
 * in·classes + 8·in·classes + its routing in·8. The routing GAP is not counted.
 */
public final class CondConv implements DynamicKernelMethod {
  public static final String NAME = "condconv";
  public static final int EXPERTS = 8;

  /** Dynamic ResNet blocks, counted from the end. */
  public static final int RESNET_TAIL = 3;

  /** Dynamic MobileNetV2 inverted residuals, counted from the end. */
  public static final int MOBILENET_TAIL = 6;

  private final int experts;

  public CondConv() {
    this(EXPERTS);
  }

  public CondConv(int experts) {
    this.experts = Checks.positive("experts", experts);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "CondConv (NeurIPS 2019), "
        + experts
        + " experts in the last 3 ResNet / 6 MBv2 blocks"
        + " and the classifier";
  }

  public int experts() {
    return experts;
  }

  /** Whether this method makes the block's convolutions dynamic. */
  public boolean covers(BlockSpec spec) {
    return spec.amongLast(spec.kind().resnet() ? RESNET_TAIL : MOBILENET_TAIL);
  }

  @Override
  public <T extends TFloating> BlockScope<T> block(
      BuildContext<T> ctx, BlockSpec spec, Operand<T> blockInput) {
    if (!covers(spec)) {
      return DynamicKernelMethod.staticBlock();
    }
    Operand<T> r = routing(ctx.child("routing"), Pooling.globalAverage(ctx, blockInput));
    return (c, name, g, s, role) ->
        role == ConvRole.SHORTCUT || role == ConvRole.STEM
            ? DynamicKernelMethod.staticConv(c, name, g, s)
            : s.withX(
                new DynamicConv2d(name, g, experts).apply(c, s.x(), KernelCoefficients.mixing(r)));
  }

  /** r = sigmoid(Linear(pooled) + b), [B, experts]. */
  <T extends TFloating> Operand<T> routing(BuildContext<T> ctx, Operand<T> pooled) {
    return ctx.tf().math.sigmoid(new Linear("fc", experts).apply(ctx, pooled));
  }

  @Override
  public <T extends TFloating> Operand<T> classifier(
      BuildContext<T> ctx, Operand<T> pooled, KernelRepresentation<T> d, ClassifierSpec spec) {
    BuildContext<T> c = ctx.child(spec.name());
    Ops tf = c.tf();
    Operand<T> features =
        d.isPresent() ? tf.concat(List.of(pooled, d.value()), tf.constant(1)) : pooled;
    features = new Dropout("dropout", spec.dropout()).apply(c, features);
    Operand<T> r = routing(c.child("routing"), features);
    return new DynamicLinear("fc", spec.numClasses(), experts)
        .withKernelInit(spec.init())
        .apply(c, features, KernelCoefficients.mixing(r));
  }
}
