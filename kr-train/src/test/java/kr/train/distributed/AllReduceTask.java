package kr.train.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;

/**
 * One task of the cross-process tests, run as a child process: {@code AllReduceTask
 * <timeoutSeconds> <steps> <size>... --cluster <host:port,...> --task-index <i>}. Task {@code t}
 * all-reduces tensors filled with {@code (t + 1) * (k + 1)} (tensor {@code k}), then prints {@code
 * READY} once its server runs, one {@code MEAN k v} line per tensor (element 0 of the mean), and
 * {@code STEP_MS} with the median step time (system property {@code kr.fused=true}: one fused
 * collective); with {@code steps = 0} it only serves. A failure prints one {@code FAILED ...} line
 * and exits 3.
 */
public final class AllReduceTask {
  private AllReduceTask() {}

  public static void main(String[] args) throws Exception {
    int flags = args.length - 4;
    ClusterSpec cluster = ClusterSpec.parse(args[flags + 1], Integer.parseInt(args[flags + 3]));
    Duration timeout = Duration.ofSeconds(Long.parseLong(args[0]));
    int steps = Integer.parseInt(args[1]);
    TaskServer server = TaskServer.start(cluster, timeout);
    System.out.println("READY");
    System.out.flush();
    if (steps == 0) {
      Thread.sleep(Long.MAX_VALUE);
    }
    int t = cluster.taskIndex();
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g).withDevice(ClusterSpec.cpu(t));
      List<Operand<TFloat32>> grads = new ArrayList<>();
      for (int k = 2; k < flags; k++) {
        int n = Integer.parseInt(args[k]);
        grads.add(tf.fill(tf.constant(new int[] {n}), tf.constant((t + 1f) * (k - 1))));
      }
      var reduce =
          new GradientAllReduce(
              GradientAllReduce.Settings.of(cluster.size())
                  .withHint(CommunicationHint.RING)
                  .withTimeout(timeout)
                  .withFused(Boolean.getBoolean("kr.fused")));
      List<Operand<TFloat32>> mean = reduce.acrossTasks(tf, grads, ClusterSpec.cpu(t));
      List<Operand<?>> firsts = new ArrayList<>();
      for (Operand<TFloat32> m : mean) {
        firsts.add(tf.slice(m, tf.constant(new int[] {0}), tf.constant(new int[] {1})));
      }
      RunOptions options = RunOptions.newBuilder().setTimeoutInMs(timeout.toMillis()).build();
      try (Session s = TargetSessions.open(g, server.target(), server.sessionConfig())) {
        long[] ms = new long[steps];
        for (int step = 0; step < steps; step++) {
          var runner = s.runner().setOptions(options);
          firsts.forEach(runner::fetch);
          long t0 = System.nanoTime();
          try (Result r = runner.run()) {
            ms[step] = System.nanoTime() - t0;
            if (step == steps - 1) {
              for (int k = 0; k < firsts.size(); k++) {
                System.out.println("MEAN " + k + " " + ((TFloat32) r.get(k)).getFloat(0));
              }
            }
          } catch (RuntimeException e) {
            System.out.println(
                "FAILED "
                    + CollectiveFailure.diagnose(cluster, e, Duration.ofSeconds(1)).getMessage());
            System.out.flush();
            System.exit(3);
          }
        }
        Arrays.sort(ms);
        System.out.println(String.format(Locale.ROOT, "STEP_MS %.2f", ms[ms.length / 2] / 1e6));
      }
    }
    System.out.flush();
    System.exit(0);
  }
}
