package kr.train.distributed;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kr.core.graph.Checks;
import kr.train.ErrorMessages;

/**
 * A training step of a cluster failed: a peer died, or did not answer within the collective
 * timeout. The message is one line that names this task and the tasks whose server no longer
 * accepts connections.
 */
public final class CollectiveFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final List<Integer> unreachable;

  private CollectiveFailure(String message, List<Integer> unreachable, Throwable cause) {
    super(message, cause);
    this.unreachable = List.copyOf(unreachable);
  }

  /**
   * @return indices of the tasks whose server refused a connection when the failure was diagnosed
   */
  public List<Integer> unreachableTasks() {
    return unreachable;
  }

  /**
   * Turns the exception of a failed step into a one-line diagnosis: each peer's port is tried with
   * a TCP connect bounded by {@code probeTimeout}; when every peer answers, up to four more rounds
   * 250 ms apart (a peer killed a moment ago may still accept while its process is torn down).
   *
   * @param cluster the cluster and this process's task
   * @param failure what the step threw
   * @param probeTimeout how long to wait for each peer's connect
   */
  public static CollectiveFailure diagnose(
      ClusterSpec cluster, RuntimeException failure, Duration probeTimeout) {
    Checks.notNull("cluster", cluster);
    Checks.notNull("failure", failure);
    List<Integer> dead = unreachablePeers(cluster, probeTimeout);
    // A peer killed a moment ago can still accept connections while its process is torn down
    // (its sockets reset first): look again a few times before saying every peer is there.
    for (int round = 0; dead.isEmpty() && round < RECHECKS; round++) {
      try {
        Thread.sleep(RECHECK_PAUSE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      dead = unreachablePeers(cluster, probeTimeout);
    }
    StringBuilder m =
        new StringBuilder("task ")
            .append(cluster.taskIndex())
            .append(" of ")
            .append(cluster.size())
            .append(": collective step failed; ");
    if (dead.isEmpty()) {
      m.append("every peer still accepts connections");
    } else {
      for (int i = 0; i < dead.size(); i++) {
        int t = dead.get(i);
        m.append(i == 0 ? "" : ", ")
            .append("task ")
            .append(t)
            .append(" (")
            .append(cluster.tasks().get(t))
            .append(")");
      }
      m.append(dead.size() == 1 ? " is" : " are").append(" not reachable");
    }
    m.append(" (")
        .append(failure.getClass().getSimpleName())
        .append(": ")
        .append(ErrorMessages.firstLine(failure.getMessage()))
        .append(")");
    return new CollectiveFailure(m.toString(), dead, failure);
  }

  /** Further probes of the peers when the first finds them all reachable. */
  private static final int RECHECKS = 4;

  private static final Duration RECHECK_PAUSE = Duration.ofMillis(250);

  private static List<Integer> unreachablePeers(ClusterSpec cluster, Duration probeTimeout) {
    List<Integer> dead = new ArrayList<>();
    for (int t = 0; t < cluster.size(); t++) {
      if (t != cluster.taskIndex() && !reachable(cluster.tasks().get(t), probeTimeout)) {
        dead.add(t);
      }
    }
    return dead;
  }

  /**
   * A peer found lost by a {@link PeerWatchdog}.
   *
   * @param cluster the cluster and this process's task
   * @param peer the lost task
   * @param why what the probe saw
   */
  public static CollectiveFailure lost(ClusterSpec cluster, int peer, String why) {
    Checks.notNull("cluster", cluster);
    Checks.notNull("why", why);
    return new CollectiveFailure(
        "task "
            + cluster.taskIndex()
            + " of "
            + cluster.size()
            + ": lost task "
            + peer
            + " ("
            + cluster.tasks().get(peer)
            + "): "
            + why,
        List.of(peer),
        null);
  }

  /**
   * @return this failure with {@code more} appended to its message (e.g. where the run stopped)
   */
  public CollectiveFailure withDetail(String more) {
    return new CollectiveFailure(getMessage() + more, unreachable, getCause());
  }

  private static boolean reachable(TaskAddress address, Duration timeout) {
    try (Socket s = new Socket()) {
      s.connect(
          new InetSocketAddress(address.host(), address.port()),
          (int) Math.max(1, timeout.toMillis()));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
