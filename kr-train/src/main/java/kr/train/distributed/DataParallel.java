package kr.train.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kr.core.graph.BatchStatistics;
import kr.core.graph.Checks;
import kr.data.pipeline.BatchShard;
import kr.train.config.ParallelConfig;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.family.TNumber;

/**
 * The layout of a data-parallel run as one process sees it: its towers (one per local device), its
 * task in the cluster, the collective groups, this task's shard of every global batch, and the
 * session that runs its graph (in process, or on its own gRPC server).
 *
 * <p><b>Replicas.</b> A run has {@code towers × tasks} replicas; replica {@code taskIndex·towers +
 * tower} trains on that part of each global batch. Within a task the towers share one copy of the
 * variables (in-graph replication: their gradients meet in the shared parameter reads, and one
 * update runs); across tasks every task holds its own copy, and the gradients are averaged by a
 * collective all-reduce before every task applies the same update (between-graph replication).
 *
 * <p><b>Groups.</b> {@link Collectives#TASKS_GROUP}: one member per task, on its first device (the
 * gradient all-reduce, the evaluation sums, the start-up check). {@link
 * Collectives#REPLICAS_GROUP}: every tower of every task (synchronised BatchNorm).
 */
public final class DataParallel {
  /** How long the start-up check waits for every task to arrive. */
  public static final Duration START_TIMEOUT = Duration.ofMinutes(10);

  private final ParallelConfig config;
  private final Optional<ClusterSpec> cluster;
  private TaskServer server;

  private DataParallel(ParallelConfig config) {
    this.config = config;
    this.cluster = config.clusterSpec();
  }

  /**
   * @param config devices, cluster and BatchNorm synchronisation
   */
  public static DataParallel of(ParallelConfig config) {
    return new DataParallel(Checks.notNull("config", config));
  }

  /**
   * @return the settings
   */
  public ParallelConfig config() {
    return config;
  }

  /**
   * @return towers in this process
   */
  public int towers() {
    return config.devices();
  }

  /**
   * @return processes of the run
   */
  public int tasks() {
    return config.tasks();
  }

  /**
   * @return towers times tasks
   */
  public int replicas() {
    return config.replicas();
  }

  /**
   * @return whether the run has more than one replica
   */
  public boolean replicated() {
    return replicas() > 1;
  }

  /**
   * @return the cluster, if the run has one
   */
  public Optional<ClusterSpec> cluster() {
    return cluster;
  }

  /**
   * @return whether this process writes the run directory
   */
  public boolean chief() {
    return config.chief();
  }

  /**
   * @return this task's shard of every global batch
   */
  public BatchShard shard() {
    return new BatchShard(config.taskIndex(), tasks());
  }

  /**
   * @return the replica index of a tower of this task, {@code taskIndex·towers + tower}
   */
  public int replicaIndex(int tower) {
    checkTower(tower);
    return config.taskIndex() * towers() + tower;
  }

  /**
   * @return the device of a tower: {@code /device:CPU:i} in one process, {@code
   *     /job:worker/replica:0/task:T/device:CPU:i} in a cluster
   */
  public DeviceSpec towerDevice(int tower) {
    checkTower(tower);
    DeviceSpec.Builder b =
        DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.CPU).deviceIndex(tower);
    cluster.ifPresent(c -> b.job(ClusterSpec.JOB).replica(0).task(c.taskIndex()));
    return b.build();
  }

  /**
   * @return the first device of this task, the member of the tasks' group
   */
  public DeviceSpec taskDevice() {
    return towerDevice(0);
  }

  /**
   * @return the collective timeout
   */
  public Duration timeout() {
    return Duration.ofSeconds(config.collectiveTimeoutSeconds());
  }

  /**
   * @return one member per task
   */
  public CollectiveGroup tasksGroup() {
    return new CollectiveGroup(tasks(), Collectives.TASKS_GROUP, CommunicationHint.RING, timeout());
  }

  /**
   * @return every replica
   */
  public CollectiveGroup replicasGroup() {
    return new CollectiveGroup(
        replicas(), Collectives.REPLICAS_GROUP, CommunicationHint.RING, timeout());
  }

  /**
   * The batch statistics of a tower's BatchNorm layers: the replica's own slice, or with {@code
   * syncBatchNorm} the global batch ({@link SyncBatchStatistics}; one instance per tower).
   */
  public BatchStatistics batchStatistics(int tower) {
    checkTower(tower);
    return config.syncBatchNorm() && replicated()
        ? new SyncBatchStatistics(replicasGroup(), towerDevice(tower), replicaIndex(tower))
        : BatchStatistics.LOCAL;
  }

  /**
   * The mean of each tensor over the tasks, fused into one collective (the tensors as they are with
   * one task).
   *
   * @param tf graph ops
   * @param tensors this task's tensors, in the same order and shapes on every task
   */
  public <T extends TNumber> List<Operand<T>> meanOverTasks(Ops tf, List<Operand<T>> tensors) {
    Checks.notNull("tensors", tensors);
    if (tasks() == 1) {
      return List.copyOf(tensors);
    }
    GradientAllReduce reduce =
        new GradientAllReduce(
            GradientAllReduce.Settings.of(tasks())
                .withGroupKey(Collectives.TASKS_GROUP)
                .withFirstInstanceKey(Collectives.GRADIENTS)
                .withHint(CommunicationHint.RING)
                .withTimeout(timeout())
                .withFused(true));
    return reduce.acrossTasks(tf, new ArrayList<>(tensors), taskDevice());
  }

  /**
   * Opens the session of this process's graph: in process, with one virtual CPU device per tower;
   * in a cluster, on this task's gRPC server, started here on first use.
   *
   * @param graph the built graph
   * @param base threads and other settings of the session
   * @throws IllegalArgumentException naming {@code --cluster} if this task's port cannot be bound
   */
  public Session open(Graph graph, ConfigProto base) {
    Checks.notNull("graph", graph);
    ConfigProto.Builder b = Checks.notNull("base", base).toBuilder();
    if (towers() > 1) {
      b.putDeviceCount("CPU", towers());
    }
    ConfigProto config = b.build();
    if (cluster.isEmpty()) {
      return new Session(graph, config);
    }
    if (server == null) {
      try {
        server = TaskServer.start(cluster.get(), config);
      } catch (IllegalStateException e) {
        throw new IllegalArgumentException("--cluster: " + e.getMessage(), e);
      }
    }
    return TargetSessions.open(graph, server.target(), server.sessionConfig());
  }

  private void checkTower(int tower) {
    Checks.check(tower >= 0 && tower < towers(), "tower", tower, "must be in 0.." + (towers() - 1));
  }
}
