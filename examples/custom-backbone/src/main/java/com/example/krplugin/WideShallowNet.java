package com.example.krplugin;

import java.util.Set;
import kr.backbones.api.AbstractBackbone;
import kr.backbones.api.BackboneArgs;
import kr.backbones.api.BackboneFactory;
import kr.backbones.api.ClassifierSpec;
import kr.backbones.api.ConvRole;
import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.api.KernelSite;
import kr.core.graph.BuildContext;
import kr.core.graph.Init;
import kr.core.kr.KrState;
import kr.core.layers.Activation;
import kr.core.layers.BatchNorm;
import kr.core.layers.ConvGeometry;
import kr.core.layers.Pooling;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * A third-party backbone: two wide 3×3 convolutions, each built by the {@link DynamicKernelMethod}
 * of its arguments as a stand-alone convolution ({@link ConvRole#LAYER}), so the static method
 * gives the static network and KR 4× the KR one from the same code. Its dynamic kernels sit in
 * {@link KernelSite#LAYER_CONVOLUTIONS} ({@link #SITES}): a method that has none there (the
 * block-convolution baselines) is rejected when the model is built.
 */
public final class WideShallowNet extends AbstractBackbone {
  /** Where this backbone's dynamic kernels go. */
  public static final Set<KernelSite> SITES = Set.of(KernelSite.LAYER_CONVOLUTIONS);

  public WideShallowNet(BackboneArgs args) {
    super(
        "wide-shallow",
        args,
        BackboneFactory.requireSupported("wide-shallow", SITES, args.method()).withDefaultStep(32),
        ClassifierSpec.of(args.numClasses(), 0, Init.lecunUniform()));
  }

  @Override
  public <T extends TFloating> KrState<T> features(BuildContext<T> ctx, Operand<T> images) {
    DynamicKernelMethod m = method();
    KrState<T> s =
        new KrState<>(images, m.initialRepresentation(ctx, images, input().normalization()));
    int in = input().channels();
    for (int i = 0; i < 2; i++) {
      s = m.conv(ctx, "conv" + i, ConvGeometry.of(i == 0 ? in : 48, 48, 3, 2), s, ConvRole.LAYER);
      s = s.withX(Activation.RELU.apply(ctx, new BatchNorm("bn" + i).apply(ctx, s.x())));
    }
    return s.withX(Pooling.globalAverage(ctx, s.x()));
  }
}
