package kr.bench.dynamic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kr.core.graph.BuildContext;
import kr.core.graph.Parameter;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * Times what one training step does for a layer: the backward pass of {@code loss} to the input
 * and every trainable parameter of the context (the forward pass included), plus the context's
 * update ops. Median milliseconds of {@code reps} runs after {@code warmup} untimed ones.
 */
final class StepTimer {
  private StepTimer() {}

  static double medianMillis(Graph g, Session session, BuildContext<TFloat32> ctx,
      Operand<TFloat32> input, Operand<TFloat32> loss, int warmup, int reps) {
    List<Output<?>> wrt = new ArrayList<>();
    wrt.add(input.asOutput());
    for (Parameter p : ctx.store().trainable()) {
      wrt.add(p.value().asOutput());
    }
    Output<?>[] grads = g.addGradients(loss.asOutput(), wrt.toArray(Output[]::new));
    session.initialize();
    double[] ms = new double[reps];
    for (int i = 0; i < warmup + reps; i++) {
      Session.Runner r = session.runner();
      for (Output<?> gr : grads) {
        r.addTarget(gr.op());
      }
      ctx.updates().forEach(r::addTarget);
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
