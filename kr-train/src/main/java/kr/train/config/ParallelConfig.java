package kr.train.config;

import java.util.List;
import java.util.Optional;
import kr.core.graph.Checks;
import kr.train.distributed.ClusterSpec;

/**
 * How a run is spread over devices and processes (data parallelism). Every replica holds the whole
 * model and trains on its part of each global batch ({@link LoopConfig#batchSize()} stays the
 * global batch); the gradients are averaged over all replicas before one optimizer update.
 *
 * <ul>
 *   <li>{@code devices} towers in this process, one per device (on CPU, virtual CPU devices), each
 *       on its slice of the process's batch;
 *   <li>{@code cluster}: one process per task over gRPC ({@code host:port} of every task, task 0
 *       the chief), each reading its shard of every global batch.
 * </ul>
 *
 * <p>BatchNorm normalises with the statistics of each replica's own slice by default (as PyTorch's
 * DistributedDataParallel), and its moving averages take the mean of the replicas' statistics (as
 * TensorFlow's MirroredStrategy), so every task holds the same moving averages; with {@code
 * syncBatchNorm} every replica normalises with the statistics of the whole global batch, which
 * makes a replicated run compute what one process with the global batch computes.
 *
 * @param devices towers in this process, at least 1
 * @param cluster {@code host:port} of every task, task {@code i} at index {@code i}; empty for a
 *     single process
 * @param taskIndex this process's task, {@code 0} without a cluster
 * @param syncBatchNorm whether BatchNorm uses the statistics of the global batch
 * @param collectiveTimeoutSeconds how long a task waits for its peers in one collective before the
 *     step fails, at least 1
 */
public record ParallelConfig(
    int devices,
    List<String> cluster,
    int taskIndex,
    boolean syncBatchNorm,
    int collectiveTimeoutSeconds) {

  /** Default {@link #collectiveTimeoutSeconds()}. */
  public static final int DEFAULT_COLLECTIVE_TIMEOUT_SECONDS = 30;

  /** One device, one process. */
  public static final ParallelConfig SINGLE =
      new ParallelConfig(1, List.of(), 0, false, DEFAULT_COLLECTIVE_TIMEOUT_SECONDS);

  /** Validates the fields; a cluster is parsed as {@code --cluster} and {@code --task-index}. */
  public ParallelConfig {
    Checks.check(devices >= 1, "--devices", devices, "must be at least 1");
    cluster = List.copyOf(Checks.notNull("cluster", cluster));
    Checks.check(
        collectiveTimeoutSeconds >= 1,
        "--collective-timeout",
        collectiveTimeoutSeconds,
        "must be at least 1 second");
    if (cluster.isEmpty()) {
      Checks.check(taskIndex == 0, "--task-index", taskIndex, "needs --cluster");
    } else {
      ClusterSpec.parse(String.join(",", cluster), taskIndex);
    }
  }

  /**
   * @return these settings with {@code n} towers in this process
   */
  public ParallelConfig withDevices(int n) {
    return new ParallelConfig(n, cluster, taskIndex, syncBatchNorm, collectiveTimeoutSeconds);
  }

  /**
   * @param tasks {@code host:port} of every task
   * @param index this process's task
   * @return these settings in a cluster
   */
  public ParallelConfig withCluster(List<String> tasks, int index) {
    return new ParallelConfig(devices, tasks, index, syncBatchNorm, collectiveTimeoutSeconds);
  }

  /**
   * @return these settings with synchronised BatchNorm on or off
   */
  public ParallelConfig withSyncBatchNorm(boolean v) {
    return new ParallelConfig(devices, cluster, taskIndex, v, collectiveTimeoutSeconds);
  }

  /**
   * @return these settings with another collective timeout
   */
  public ParallelConfig withCollectiveTimeoutSeconds(int seconds) {
    return new ParallelConfig(devices, cluster, taskIndex, syncBatchNorm, seconds);
  }

  /**
   * @return the cluster and this process's task, if there is a cluster
   */
  public Optional<ClusterSpec> clusterSpec() {
    return cluster.isEmpty()
        ? Optional.empty()
        : Optional.of(ClusterSpec.parse(String.join(",", cluster), taskIndex));
  }

  /**
   * @return the number of processes (1 without a cluster)
   */
  public int tasks() {
    return Math.max(1, cluster.size());
  }

  /**
   * @return towers times tasks: the replicas one global batch is split over
   */
  public int replicas() {
    return devices * tasks();
  }

  /**
   * @return whether this process is the chief (task 0, or the only process): the one that writes
   *     the run directory
   */
  public boolean chief() {
    return taskIndex == 0;
  }
}
