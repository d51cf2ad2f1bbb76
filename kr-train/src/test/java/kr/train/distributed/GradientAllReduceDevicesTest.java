package kr.train.distributed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

@Timeout(120)
class GradientAllReduceDevicesTest {
  private static DeviceSpec cpu(int i) {
    return DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.CPU).deviceIndex(i).build();
  }

  @ParameterizedTest(name = "fused {0}")
  @ValueSource(booleans = {false, true})
  void twoVirtualDevicesObtainTheExactMean(boolean fused) {
    float[][] a = {{1f, 2f, -3f, 0.5f}, {10f}};
    float[][] b = {{3f, -6f, 1f, 0.25f}, {-4f}};
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      List<Operand<TFloat32>> onA =
          List.of(
              tf.withDevice(cpu(0)).constant(Shape.of(2, 2), DataBuffers.of(a[0])),
              tf.withDevice(cpu(0)).constant(a[1]));
      List<Operand<TFloat32>> onB =
          List.of(
              tf.withDevice(cpu(1)).constant(Shape.of(2, 2), DataBuffers.of(b[0])),
              tf.withDevice(cpu(1)).constant(b[1]));
      List<List<Operand<TFloat32>>> mean = ringMean(tf, onA, onB, fused);
      try (Session s = twoCpuSession(g);
          Result r =
              s.runner()
                  .fetch(mean.get(0).get(0))
                  .fetch(mean.get(0).get(1))
                  .fetch(mean.get(1).get(0))
                  .fetch(mean.get(1).get(1))
                  .run()) {
        for (int d = 0; d < 2; d++) {
          TFloat32 w = (TFloat32) r.get(2 * d);
          assertThat(w.shape()).isEqualTo(Shape.of(2, 2));
          float[] got = {w.getFloat(0, 0), w.getFloat(0, 1), w.getFloat(1, 0), w.getFloat(1, 1)};
          float[] want = new float[4];
          for (int k = 0; k < 4; k++) {
            want[k] = (a[0][k] + b[0][k]) / 2f;
          }
          assertThat(got).containsExactly(want);
          assertThat(((TFloat32) r.get(2 * d + 1)).getFloat(0)).isEqualTo(3f);
        }
      }
      assertThat(((GraphOperation) mean.get(1).get(0).op()).device()).isEqualTo("/device:CPU:1");
    }
  }

  @Test
  void fusesGradientsWhoseStaticShapeIsUnknown() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      // A gradient built through a gather or a placeholder can have no static shape.
      var a = tf.withDevice(cpu(0)).placeholder(TFloat32.class);
      var b = tf.withDevice(cpu(1)).placeholder(TFloat32.class);
      List<Operand<TFloat32>> onA = List.of(a, tf.withDevice(cpu(0)).constant(new float[] {1f}));
      List<Operand<TFloat32>> onB = List.of(b, tf.withDevice(cpu(1)).constant(new float[] {3f}));
      List<List<Operand<TFloat32>>> mean = ringMean(tf, onA, onB, true);
      try (Session s = twoCpuSession(g);
          TFloat32 x = TFloat32.tensorOf(Shape.of(1, 3), DataBuffers.of(2f, 4f, 6f));
          TFloat32 y = TFloat32.tensorOf(Shape.of(1, 3), DataBuffers.of(0f, 0f, 2f));
          Result r =
              s.runner()
                  .feed(a, x)
                  .feed(b, y)
                  .fetch(mean.get(1).get(0))
                  .fetch(mean.get(1).get(1))
                  .fetch(mean.get(0).get(0)) // every member must run its collective
                  .run()) {
        TFloat32 m = (TFloat32) r.get(0);
        assertThat(m.shape()).isEqualTo(Shape.of(1, 3));
        assertThat(new float[] {m.getFloat(0, 0), m.getFloat(0, 1), m.getFloat(0, 2)})
            .containsExactly(1f, 2f, 4f);
        assertThat(((TFloat32) r.get(1)).getFloat(0)).isEqualTo(2f);
      }
    }
  }

  @Test
  void rejectsAReplicaCountThatIsNotTheGroupSize() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      var reduce = new GradientAllReduce(GradientAllReduce.Settings.of(3));
      List<Operand<TFloat32>> one = List.of(tf.constant(1f));
      assertThatThrownBy(() -> reduce.acrossDevices(tf, List.of(one, one), List.of(cpu(0), cpu(1))))
          .hasMessage("devices must number groupSize = 3, got 2");
    }
  }

  /** The mean of the gradients on cpu:0 and cpu:1, reduced with the ring hint. */
  private static List<List<Operand<TFloat32>>> ringMean(
      Ops tf, List<Operand<TFloat32>> onA, List<Operand<TFloat32>> onB, boolean fused) {
    var reduce =
        new GradientAllReduce(
            GradientAllReduce.Settings.of(2).withHint(CommunicationHint.RING).withFused(fused));
    return reduce.acrossDevices(tf, List.of(onA, onB), List.of(cpu(0), cpu(1)));
  }

  /** A session with two CPU devices. */
  private static Session twoCpuSession(Graph g) {
    return new Session(g, ConfigProto.newBuilder().putDeviceCount("CPU", 2).build());
  }
}
