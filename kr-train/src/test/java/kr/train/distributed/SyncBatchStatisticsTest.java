package kr.train.distributed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
import kr.core.graph.ParameterStore;
import kr.core.layers.BatchNorm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat64;

/**
 * Synchronised BatchNorm on two virtual CPU devices computes, forward and backward, what one
 * BatchNorm computes on the two slices together: the statistics come from a collective, and its
 * gradient from the one {@link Collectives#registerGradient} installs.
 */
@Timeout(120)
class SyncBatchStatisticsTest {
  private static final int ROWS = 5;
  private static final int CHANNELS = 3;

  private static DeviceSpec cpu(int i) {
    return DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.CPU).deviceIndex(i).build();
  }

  @Test
  void twoReplicasNormaliseAndDifferentiateAsOneBatch() {
    Random rng = new Random(7);
    double[][] x = new double[2][ROWS * CHANNELS];
    double[][] w = new double[2][ROWS * CHANNELS];
    for (int r = 0; r < 2; r++) {
      for (int i = 0; i < x[r].length; i++) {
        x[r][i] = 3 + 2 * rng.nextGaussian() + r; // a shifted mean, different per replica
        w[r][i] = rng.nextGaussian();
      }
    }
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      CollectiveGroup group =
          new CollectiveGroup(
              2, Collectives.REPLICAS_GROUP, CommunicationHint.RING, Duration.ofSeconds(30));
      ParameterStore store = new ParameterStore();
      List<Operand<TFloat64>> inputs = new ArrayList<>();
      List<Operand<TFloat64>> losses = new ArrayList<>();
      for (int r = 0; r < 2; r++) {
        Ops on = tf.withDevice(cpu(r));
        BuildContext<TFloat64> ctx =
            BuildContext.create(on, TFloat64.class, Mode.TRAINING, store, 1);
        ctx.setBatchStatistics(new SyncBatchStatistics(group, cpu(r), r));
        Operand<TFloat64> xr = on.constant(Shape.of(ROWS, CHANNELS), DataBuffers.of(x[r]));
        Operand<TFloat64> y = new BatchNorm("bn").apply(ctx, xr);
        losses.add(
            on.reduceSum(
                on.math.mul(y, on.constant(Shape.of(ROWS, CHANNELS), DataBuffers.of(w[r]))),
                on.constant(new int[] {0, 1})));
        inputs.add(xr);
      }
      // One BatchNorm over both slices, with its own parameters (same initial values).
      BuildContext<TFloat64> one =
          BuildContext.create(tf, TFloat64.class, Mode.TRAINING, new ParameterStore(), 1);
      Operand<TFloat64> both = tf.concat(inputs, tf.constant(0));
      Operand<TFloat64> yBoth = new BatchNorm("bn").apply(one, both);
      Operand<TFloat64> wBoth =
          tf.concat(
              List.of(
                  tf.constant(Shape.of(ROWS, CHANNELS), DataBuffers.of(w[0])),
                  tf.constant(Shape.of(ROWS, CHANNELS), DataBuffers.of(w[1]))),
              tf.constant(0));
      Operand<TFloat64> lossBoth =
          tf.reduceSum(tf.math.mul(yBoth, wBoth), tf.constant(new int[] {0, 1}));
      Output<?>[] replicaGrads =
          g.addGradients(
              tf.math.add(losses.get(0), losses.get(1)).asOutput(),
              new Output<?>[] {inputs.get(0).asOutput(), inputs.get(1).asOutput()});
      Output<?>[] oneGrad = g.addGradients(lossBoth.asOutput(), new Output<?>[] {both.asOutput()});
      ConfigProto config = ConfigProto.newBuilder().putDeviceCount("CPU", 2).build();
      try (Session s = new Session(g, config)) {
        s.initialize();
        try (Result res =
            s.runner()
                .fetch(losses.get(0))
                .fetch(losses.get(1))
                .fetch(lossBoth)
                .fetch(replicaGrads[0])
                .fetch(replicaGrads[1])
                .fetch(oneGrad[0])
                .run()) {
          double l0 = ((TFloat64) res.get(0)).getDouble();
          double l1 = ((TFloat64) res.get(1)).getDouble();
          assertThat(l0 + l1).isCloseTo(((TFloat64) res.get(2)).getDouble(), within(1e-10));
          TFloat64 g0 = (TFloat64) res.get(3);
          TFloat64 g1 = (TFloat64) res.get(4);
          TFloat64 gBoth = (TFloat64) res.get(5);
          for (int i = 0; i < ROWS; i++) {
            for (int c = 0; c < CHANNELS; c++) {
              assertThat(g0.getDouble(i, c)).isCloseTo(gBoth.getDouble(i, c), within(1e-10));
              assertThat(g1.getDouble(i, c)).isCloseTo(gBoth.getDouble(ROWS + i, c), within(1e-10));
            }
          }
        }
      }
    }
  }
}
