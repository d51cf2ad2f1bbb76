package com.example.krplugin;

import kr.backbones.api.BackboneArgs;
import kr.core.graph.BuildContext;
import kr.core.kr.InitialRepresentation;
import kr.core.kr.KrConv2d;
import kr.core.kr.KrHead;
import kr.core.kr.KrState;
import kr.core.layers.Activation;
import kr.core.layers.BatchNorm;
import kr.core.layers.ConvGeometry;
import kr.core.layers.Pooling;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * A third-party backbone: two wide 3×3 convolutions. Built from kr-core's KR-aware pieces, so
 * {@code KrConfig.off()} gives the static network and {@code kr4x()} the KR one from the same
 * code.
 */
public final class WideShallowNet implements ImageClassifier {
  private final BackboneArgs args;

  public WideShallowNet(BackboneArgs args) {
    this.args = args;
  }

  @Override
  public String name() {
    return "wide-shallow/" + args.kr().label();
  }

  @Override
  public InputSpec input() {
    return args.input();
  }

  @Override
  public int numClasses() {
    return args.numClasses();
  }

  @Override
  public <T extends TFloating> Operand<T> logits(BuildContext<T> ctx, Operand<T> images) {
    var kr = args.kr();
    int step = kr.stepOr(32);
    KrState<T> s = new KrState<>(images, new InitialRepresentation(kr).apply(ctx, images));
    int in = args.input().channels();
    for (int i = 0; i < 2; i++) {
      s = new KrConv2d("conv" + i, ConvGeometry.of(i == 0 ? in : 48, 48, 3, 2), kr, step)
          .apply(ctx, s);
      s = s.withX(Activation.RELU.apply(ctx, new BatchNorm("bn" + i).apply(ctx, s.x())));
    }
    return new KrHead(args.numClasses()).apply(ctx, Pooling.globalAverage(ctx, s.x()), s.d());
  }
}
