package kr.bench.dynamic;

import java.util.Arrays;
import kr.core.graph.BuildContext;
import kr.core.train.TrainStep;
import kr.core.train.UpdateRule;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Times one training step of a layer, built by kr-core's {@link TrainStep} as the trainer builds
 * it: the forward pass, the backward pass of {@code loss} to the input (as inside a network) and to
 * every trainable parameter of the context, the barrier, a plain gradient-descent update of the
 * parameters and the context's update ops. Median milliseconds of {@code reps} runs after {@code
 * warmup} untimed ones.
 */
final class StepTimer {
  /** Small enough that repeated steps keep the layer's values in range. */
  private static final float LR = 1e-6f;

  private StepTimer() {}

  static double medianMillis(
      Session session,
      BuildContext<TFloat32> ctx,
      Operand<TFloat32> input,
      Operand<TFloat32> loss,
      int warmup,
      int reps) {
    Ops tf = ctx.tf();
    TrainStep step =
        TrainStep.builder(ctx, loss)
            .differentiate(input)
            .build(tf, UpdateRule.gradientDescent(), tf.constant(LR), tf.constant(1f));
    session.initialize();
    double[] ms = new double[reps];
    for (int i = 0; i < warmup + reps; i++) {
      Session.Runner r = session.runner().addTarget(step.op());
      long t0 = System.nanoTime();
      r.run().close();
      if (i >= warmup) {
        ms[i - warmup] = (System.nanoTime() - t0) / 1e6;
      }
    }
    Arrays.sort(ms);
    return ms[reps / 2];
  }
}
