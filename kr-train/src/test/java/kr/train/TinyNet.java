package kr.train;

import kr.core.graph.BuildContext;
import kr.core.kr.KernelRepresentation;
import kr.core.kr.KrState;
import kr.core.layers.Activation;
import kr.core.layers.BatchNorm;
import kr.core.layers.Conv2d;
import kr.core.layers.ConvGeometry;
import kr.core.layers.Dropout;
import kr.core.layers.Linear;
import kr.core.layers.Pooling;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * Conv3×3 → BatchNorm → ReLU → global average → dropout → Linear; optionally logits / temperature.
 */
record TinyNet(InputSpec input, int numClasses, boolean useTemperature) implements ImageClassifier {

  static TinyNet of(SyntheticData d) {
    return new TinyNet(d.spec(), d.classes(), false);
  }

  @Override
  public String name() {
    return "tiny-net";
  }

  @Override
  public <T extends TFloating> KrState<T> features(BuildContext<T> ctx, Operand<T> images) {
    BuildContext<T> c = ctx.child("tiny");
    Operand<T> x = new Conv2d("conv", ConvGeometry.of(input.channels(), 8, 3, 1)).apply(c, images);
    x = new BatchNorm("bn").apply(c, x);
    x = Activation.RELU.apply(c, x);
    return new KrState<>(Pooling.globalAverage(c, x), KernelRepresentation.none());
  }

  @Override
  public <T extends TFloating> Operand<T> head(BuildContext<T> ctx, KrState<T> features) {
    BuildContext<T> c = ctx.child("tiny");
    Operand<T> x = features.x();
    // Dropout makes the resume test check that masks follow the step, not a session's stream.
    x = new Dropout("drop", 0.1).apply(c, x);
    Operand<T> y = new Linear("fc", numClasses).apply(c, x);
    return useTemperature ? c.tf().math.div(y, ctx.temperature()) : y;
  }
}
