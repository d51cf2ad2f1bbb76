package kr.train;

import kr.core.graph.BuildContext;
import kr.core.graph.Init;
import kr.core.kr.InitialRepresentation;
import kr.core.kr.KrConfig;
import kr.core.kr.KrConv2d;
import kr.core.kr.KrHead;
import kr.core.kr.KrState;
import kr.core.layers.Activation;
import kr.core.layers.BatchNorm;
import kr.core.layers.Conv2d;
import kr.core.layers.ConvGeometry;
import kr.core.layers.Pooling;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * A KR 4× network in the small-CNN recipe: static stem conv + BN + ReLU, d₀ from the image's
 * spectrum, one KR 3×3/2 convolution (KR unit with its KRG BatchNorm + dynamic conv) + BN + ReLU,
 * then GAP and the KR head (dropout 0.2, Linear(cat[GAP, d])).
 */
record TinyKrCnn(InputSpec input, int numClasses) implements ImageClassifier {

  static TinyKrCnn of(SyntheticData d) {
    return new TinyKrCnn(d.spec(), d.classes());
  }

  @Override
  public String name() {
    return "tiny-kr-cnn";
  }

  @Override
  public <T extends TFloating> KrState<T> features(BuildContext<T> ctx, Operand<T> images) {
    KrConfig kr = KrConfig.kr4x().withD0Dim(16);
    BuildContext<T> c = ctx.child("tinykr");
    Operand<T> x = new Conv2d("stem", ConvGeometry.of(input.channels(), 8, 3, 1)).apply(c, images);
    x = Activation.RELU.apply(c, new BatchNorm("stem_bn").apply(c, x));
    KrState<T> s = new KrState<>(x, new InitialRepresentation(kr).apply(c, images));
    s = new KrConv2d("conv", ConvGeometry.of(8, 16, 3, 2), kr, 8).apply(c, s);
    s = s.withX(Activation.RELU.apply(c, new BatchNorm("bn").apply(c, s.x())));
    return s.withX(Pooling.globalAverage(c, s.x()));
  }

  @Override
  public <T extends TFloating> Operand<T> head(BuildContext<T> ctx, KrState<T> features) {
    return new KrHead("head", numClasses, 0.2, Init.lecunUniform())
        .apply(ctx.child("tinykr"), features.x(), features.d());
  }
}
