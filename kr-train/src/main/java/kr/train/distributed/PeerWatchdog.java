package kr.train.distributed;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.function.Consumer;
import kr.core.graph.Checks;

/**
 * Watches the other tasks of a cluster from a daemon thread: every {@code period} it opens (and
 * closes) a TCP connection to each peer's server. A peer whose server accepted once and now refuses
 * connections (its process ended), or does not answer {@code misses} probes in a row, is lost:
 * {@code onLost} is called once, with a one-line {@link CollectiveFailure} naming it, and the
 * watchdog stops.
 *
 * <p>This finds a dead peer within a few seconds, while the step that waits for it in a collective
 * would only fail after the collective timeout. A peer that has not started yet is not lost: it
 * counts only once it has been seen. A peer seen lost is reported {@link #GRACE} later unless the
 * watchdog was closed meanwhile: a task closes it after its last collective, when its peers may end
 * normally.
 */
public final class PeerWatchdog implements AutoCloseable {
  /** How long a lost peer is reported after it was seen lost, unless this watchdog is closed. */
  static final Duration GRACE = Duration.ofSeconds(2);

  private final Thread thread;
  private volatile boolean stopped;

  private PeerWatchdog(
      ClusterSpec cluster, Duration period, int misses, Consumer<CollectiveFailure> onLost) {
    thread = new Thread(() -> watch(cluster, period, misses, onLost), "kr-peer-watchdog");
    thread.setDaemon(true);
  }

  /**
   * Starts watching.
   *
   * @param cluster the cluster and this process's task
   * @param period time between probes, also each probe's connect timeout
   * @param misses probes without an answer (not a refusal) after which a peer is lost
   * @param onLost called once, from the watchdog's thread, when a peer is lost
   */
  public static PeerWatchdog start(
      ClusterSpec cluster, Duration period, int misses, Consumer<CollectiveFailure> onLost) {
    Checks.notNull("cluster", cluster);
    Checks.notNull("period", period);
    Checks.check(period.toMillis() >= 1, "period", period, "must be at least 1 ms");
    Checks.positive("misses", misses);
    Checks.notNull("onLost", onLost);
    PeerWatchdog w = new PeerWatchdog(cluster, period, misses, onLost);
    w.thread.start();
    return w;
  }

  private void watch(
      ClusterSpec cluster, Duration period, int misses, Consumer<CollectiveFailure> onLost) {
    int n = cluster.size();
    boolean[] seen = new boolean[n];
    int[] missed = new int[n];
    int timeout = (int) Math.max(1, period.toMillis());
    while (!stopped) {
      for (int t = 0; t < n && !stopped; t++) {
        if (t == cluster.taskIndex()) {
          continue;
        }
        Probe p = probe(cluster.tasks().get(t), timeout);
        if (p == Probe.ACCEPTED) {
          seen[t] = true;
          missed[t] = 0;
        } else if (seen[t] && (p == Probe.REFUSED || ++missed[t] >= misses)) {
          // A peer that ends normally ends after its last collective, which is when this task
          // closes the watchdog: give this task a moment to do so before calling the peer lost.
          try {
            Thread.sleep(GRACE.toMillis());
          } catch (InterruptedException e) {
            return;
          }
          synchronized (this) {
            if (!stopped) {
              stopped = true;
              onLost.accept(
                  CollectiveFailure.lost(
                      cluster,
                      t,
                      p == Probe.REFUSED
                          ? "its server refuses connections (the process ended)"
                          : "its server did not answer " + misses + " probes"));
            }
          }
          return;
        }
      }
      try {
        Thread.sleep(timeout);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private enum Probe {
    ACCEPTED,
    REFUSED,
    NO_ANSWER
  }

  private static Probe probe(TaskAddress address, int timeoutMs) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(address.host(), address.port()), timeoutMs);
      return Probe.ACCEPTED;
    } catch (ConnectException e) {
      return Probe.REFUSED;
    } catch (IOException e) {
      return Probe.NO_ANSWER;
    }
  }

  /**
   * Stops watching: no callback starts after this returns (one already running is waited for; do
   * not call this while holding a lock the callback takes).
   */
  @Override
  public void close() {
    synchronized (this) {
      stopped = true;
    }
    thread.interrupt();
  }
}
