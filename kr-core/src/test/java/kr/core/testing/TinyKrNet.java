package kr.core.testing;

import kr.core.graph.BuildContext;
import kr.core.kr.InitialRepresentation;
import kr.core.kr.KrConfig;
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

/** Two KR convolutions and a KR head: the smallest complete KR network. */
public record TinyKrNet(KrConfig kr, InputSpec input, int numClasses, int width, int step)
    implements ImageClassifier {

  @Override
  public String name() {
    return "tiny/" + kr.label();
  }

  @Override
  public <T extends TFloating> KrState<T> features(BuildContext<T> ctx, Operand<T> images) {
    KrState<T> s = new KrState<>(images, new InitialRepresentation(kr).apply(ctx, images));
    s =
        new KrConv2d("conv1", ConvGeometry.of(input.channels(), width, 3, 1), kr, step)
            .apply(ctx, s);
    s = s.withX(Activation.RELU.apply(ctx, new BatchNorm("bn1").apply(ctx, s.x())));
    s = new KrConv2d("conv2", ConvGeometry.of(width, width, 3, 2), kr, step).apply(ctx, s);
    s = s.withX(Activation.RELU.apply(ctx, new BatchNorm("bn2").apply(ctx, s.x())));
    return s.withX(Pooling.globalAverage(ctx, s.x()));
  }

  @Override
  public <T extends TFloating> Operand<T> head(BuildContext<T> ctx, KrState<T> features) {
    return new KrHead(numClasses).apply(ctx, features.x(), features.d());
  }
}
