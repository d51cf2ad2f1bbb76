package kr.bench.speed;

import kr.core.graph.Checks;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * The practical ceiling of this machine for dense float32 work: one TensorFlow MatMul of two n×n
 * matrices (n = 2048 by default) in a session with the same threads as the models', timed run by
 * run so that it can be interleaved with them.
 */
final class MatMulCeiling implements AutoCloseable {
  static final int DEFAULT_SIZE = 2048;

  private final int n;
  private final Graph graph = new Graph();
  private final Session session;
  private final Operand<TFloat32> sum;

  MatMulCeiling(int n, StepRunner.Threads threads) {
    this.n = Checks.positive("n", n);
    Ops tf = Ops.create(graph);
    Operand<TFloat32> a = tf.variable(random(tf, n, 1));
    Operand<TFloat32> b = tf.variable(random(tf, n, 2));
    // Summed so that only a scalar comes back to Java.
    sum =
        tf.reduceSum(
            tf.linalg.matMul(tf.identity(a), tf.identity(b)), tf.constant(new int[] {0, 1}));
    ConfigProto.Builder config = ConfigProto.newBuilder();
    if (threads.intraOp() > 0) {
      config.setIntraOpParallelismThreads(threads.intraOp());
    }
    if (threads.interOp() > 0) {
      config.setInterOpParallelismThreads(threads.interOp());
    }
    session = new Session(graph, config.build());
    session.initialize();
  }

  private static Operand<TFloat32> random(Ops tf, int n, long seed) {
    return tf.random.statelessRandomUniform(
        tf.constant(new long[] {n, n}), tf.constant(new long[] {seed, 0}), TFloat32.class);
  }

  /** FLOPs of one product: 2n³. */
  double flops() {
    return 2.0 * n * n * n;
  }

  int size() {
    return n;
  }

  /** Runs the product once; wall milliseconds. */
  double millis() {
    long t0 = System.nanoTime();
    session.runner().fetch(sum).run().close();
    return (System.nanoTime() - t0) / 1e6;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
