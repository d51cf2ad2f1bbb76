package kr.core.kr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
import kr.core.graph.ParameterStore;
import kr.core.model.InputSpec;
import kr.core.testing.AdamTrainer;
import kr.core.testing.TestGraph;
import kr.core.testing.TinyKrNet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** A tiny KR network learns a generated task; the static network is built from the same code. */
class KrTrainingTest {
  static final int B = 32;
  static final int SIDE = 8;
  static final int CLASSES = 4;

  static Stream<KrConfig> configs() {
    return Stream.of(KrConfig.kr4x(), KrConfig.off());
  }

  @ParameterizedTest
  @MethodSource("configs")
  void lossFallsByAtLeastHalf(KrConfig kr) {
    try (TestGraph g = new TestGraph()) {
      Placeholder<TFloat32> images =
          g.tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(B, SIDE, SIDE, 3)));
      Placeholder<TFloat32> labels =
          g.tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(B, CLASSES)));
      BuildContext<TFloat32> ctx =
          BuildContext.create(g.tf, TFloat32.class, Mode.TRAINING, new ParameterStore(), 3);
      var net = new TinyKrNet(kr, InputSpec.square(SIDE, 3), CLASSES, 8, 16);
      Operand<TFloat32> logits = net.logits(ctx, images);
      Operand<TFloat32> loss =
          g.tf.math.mean(
              g.tf.nn.softmaxCrossEntropyWithLogits(logits, labels).loss(), g.tf.constant(0));
      AdamTrainer trainer = new AdamTrainer(g, ctx, loss, 3e-3f);
      Random rnd = new Random(1);
      double first = 0;
      double last = 0;
      int steps = 150;
      for (int s = 0; s < steps; s++) {
        float[][] batch = batch(rnd);
        try (TFloat32 x =
                TFloat32.tensorOf(
                    Shape.of(B, SIDE, SIDE, 3), DataBuffers.of(batch[0], true, false));
            TFloat32 y =
                TFloat32.tensorOf(Shape.of(B, CLASSES), DataBuffers.of(batch[1], true, false))) {
          double l = g.run(Map.of(images, x, labels, y), loss).get(0)[0];
          if (s < 10) {
            first += l / 10;
          }
          if (s >= steps - 10) {
            last += l / 10;
          }
          trainer.step(Map.of(images, x, labels, y));
        }
      }
      assertThat(last)
          .as("mean loss of the last 10 steps vs the first 10 (%s)", kr.label())
          .isLessThan(first / 2);
    }
  }

  /** Class c: a bright c-th quadrant in a random colour channel mix, plus noise. */
  private static float[][] batch(Random rnd) {
    float[] x = new float[B * SIDE * SIDE * 3];
    float[] y = new float[B * CLASSES];
    for (int b = 0; b < B; b++) {
      int c = rnd.nextInt(CLASSES);
      y[b * CLASSES + c] = 1;
      for (int i = 0; i < SIDE; i++) {
        for (int j = 0; j < SIDE; j++) {
          int quadrant = (i < SIDE / 2 ? 0 : 2) + (j < SIDE / 2 ? 0 : 1);
          for (int ch = 0; ch < 3; ch++) {
            float v = (float) (0.3 * rnd.nextGaussian()) + (quadrant == c ? 1f : 0f);
            x[((b * SIDE + i) * SIDE + j) * 3 + ch] = v;
          }
        }
      }
    }
    return new float[][] {x, y};
  }
}
