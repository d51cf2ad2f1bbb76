package kr.train.distributed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kr.core.graph.Checks;
import kr.train.ErrorMessages;
import org.tensorflow.Server;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.ServerDef;

/**
 * This process's TensorFlow gRPC server for its task of a {@link ClusterSpec}, and the session
 * configuration every session of the task uses.
 *
 * <p>A server cannot be stopped: TensorFlow 1.1.0's {@code Server.stop()} throws "Clean shutdown is
 * not currently implemented", so a started server lives until the process exits, and a task is a
 * process. This class keeps every server it started reachable so that none is collected while the
 * process runs, and has no {@code close()}.
 */
public final class TaskServer {
  private static final List<Server> RUNNING = new ArrayList<>();

  private final ClusterSpec cluster;
  private final ConfigProto sessionConfig;

  private TaskServer(ClusterSpec cluster, ConfigProto sessionConfig) {
    this.cluster = cluster;
    this.sessionConfig = sessionConfig;
  }

  /**
   * Starts the server of {@code cluster.self()}.
   *
   * @param cluster the cluster and this process's task
   * @param timeout bound on every blocking operation, collectives included: a step whose peer died
   *     fails after it
   * @return the running server
   * @throws IllegalStateException one line naming the address when the port cannot be bound
   */
  public static TaskServer start(ClusterSpec cluster, Duration timeout) {
    return start(cluster, sessionConfig(cluster, timeout));
  }

  /**
   * Starts the server of {@code cluster.self()} with a session configuration built on {@code base}
   * (threads, device counts, ...): task 0 leads the collective groups and the session sees only
   * this task's devices ({@link #sessionConfig(ClusterSpec, ConfigProto)}).
   *
   * @param cluster the cluster and this process's task
   * @param base the settings of the task's devices and sessions
   * @return the running server
   * @throws IllegalStateException one line naming the address when the port cannot be bound
   */
  public static TaskServer start(ClusterSpec cluster, ConfigProto base) {
    Checks.notNull("cluster", cluster);
    ConfigProto config = sessionConfig(cluster, base);
    ServerDef def =
        ServerDef.newBuilder()
            .setCluster(cluster.toClusterDef())
            .setJobName(ClusterSpec.JOB)
            .setTaskIndex(cluster.taskIndex())
            .setProtocol("grpc")
            .setDefaultSessionConfig(config)
            .build();
    Server server = new Server(def);
    try {
      server.start();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot start the server of task "
              + cluster.taskIndex()
              + " on "
              + cluster.self()
              + ": "
              + ErrorMessages.firstLine(e.getMessage()),
          e);
    }
    synchronized (RUNNING) {
      RUNNING.add(server);
    }
    return new TaskServer(cluster, config);
  }

  /**
   * The session configuration of a task: task 0 leads the collective groups, the session sees only
   * this task's devices (peers are reached by the collectives' own RPCs, so a dead peer does not
   * block session creation), and {@code operation_timeout_in_ms} bounds every blocking op.
   *
   * @param cluster the cluster and this process's task
   * @param timeout the operation timeout, at least one millisecond
   */
  public static ConfigProto sessionConfig(ClusterSpec cluster, Duration timeout) {
    Checks.notNull("timeout", timeout);
    Checks.check(timeout.toMillis() >= 1, "timeout", timeout, "must be at least 1 ms");
    return sessionConfig(
        cluster, ConfigProto.newBuilder().setOperationTimeoutInMs(timeout.toMillis()).build());
  }

  /**
   * {@code base} with the settings every task's sessions need: task 0 leads the collective groups,
   * and the session sees only this task's devices.
   *
   * @param cluster the cluster and this process's task
   * @param base threads, device counts, timeouts, ...
   */
  public static ConfigProto sessionConfig(ClusterSpec cluster, ConfigProto base) {
    Checks.notNull("cluster", cluster);
    Checks.notNull("base", base);
    return base.toBuilder()
        .clearDeviceFilters()
        .addDeviceFilters(ClusterSpec.taskName(cluster.taskIndex()))
        .setExperimental(
            base.getExperimental().toBuilder().setCollectiveGroupLeader(ClusterSpec.taskName(0)))
        .build();
  }

  /**
   * @return the cluster this server belongs to
   */
  public ClusterSpec cluster() {
    return cluster;
  }

  /**
   * @return the configuration sessions on this task use ({@link #sessionConfig})
   */
  public ConfigProto sessionConfig() {
    return sessionConfig;
  }

  /**
   * @return {@code grpc://host:port} of this server, the target of {@link TargetSessions#open}
   */
  public String target() {
    return cluster.target();
  }
}
