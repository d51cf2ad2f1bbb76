package kr.train.distributed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kr.core.graph.Checks;

/**
 * {@code N} tasks of one cluster on this machine, each a child JVM running the same main class with
 * the same arguments plus {@code --cluster localhost:P0,...,localhost:P(N-1) --task-index I} on
 * free loopback ports: the engine of a {@code kr cluster --local N -- train ...} launcher. Task
 * {@code i} writes its output to {@code logDir/task-i.log}.
 *
 * <p>When one task fails, {@link #await} ends the others (their collectives could only time out),
 * and {@link #close()} ends every task still running, each by its own process handle.
 */
public final class LocalCluster implements AutoCloseable {
  private final ClusterSpec cluster;
  private final List<Process> tasks;
  private final Path logDir;

  private LocalCluster(ClusterSpec cluster, List<Process> tasks, Path logDir) {
    this.cluster = cluster;
    this.tasks = tasks;
    this.logDir = logDir;
  }

  /**
   * Starts {@code n} tasks.
   *
   * @param n number of tasks, at least 1
   * @param jvmArgs options of each child JVM (e.g. {@code -Xmx2g})
   * @param mainClass the main class, on this JVM's class path
   * @param args arguments of every task, before the {@code --cluster}/{@code --task-index} this
   *     adds
   * @param logDir where each task's output goes; created if missing
   */
  public static LocalCluster launch(
      int n, List<String> jvmArgs, String mainClass, List<String> args, Path logDir) {
    Checks.positive("n", n);
    Checks.notNull("jvmArgs", jvmArgs);
    Checks.notNull("mainClass", mainClass);
    Checks.notNull("args", args);
    Checks.notNull("logDir", logDir);
    ClusterSpec spec = ClusterSpec.localhost(freePorts(n), 0);
    String flag = String.join(",", spec.tasks().stream().map(TaskAddress::toString).toList());
    List<Process> started = new ArrayList<>();
    try {
      Files.createDirectories(logDir);
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      for (int i = 0; i < n; i++) {
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(args);
        cmd.addAll(List.of("--cluster", flag, "--task-index", Integer.toString(i)));
        started.add(
            new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(logDir.resolve("task-" + i + ".log").toFile())
                .start());
      }
    } catch (IOException e) {
      started.forEach(Process::destroyForcibly);
      throw new UncheckedIOException(
          "cannot start the local cluster's tasks: " + e.getMessage(), e);
    }
    return new LocalCluster(spec, List.copyOf(started), logDir);
  }

  /**
   * @return the cluster the tasks form ({@code taskIndex} 0)
   */
  public ClusterSpec cluster() {
    return cluster;
  }

  /**
   * @return the output file of task {@code task}
   */
  public Path log(int task) {
    return logDir.resolve("task-" + task + ".log");
  }

  /**
   * Waits for every task to exit. As soon as one exits with a non-zero code the others are ended.
   *
   * @param timeout how long to wait in all
   * @return the exit code of each task; {@code -1} for a task that had to be ended
   * @throws IllegalStateException naming the tasks still running when the timeout passes (they are
   *     ended)
   */
  public List<Integer> await(Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    boolean failed = false;
    while (tasks.stream().anyMatch(Process::isAlive)) {
      failed |= tasks.stream().anyMatch(p -> !p.isAlive() && p.exitValue() != 0);
      if (failed) {
        close();
        break;
      }
      if (System.nanoTime() > end) {
        List<Integer> running = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
          if (tasks.get(i).isAlive()) {
            running.add(i);
          }
        }
        close();
        throw new IllegalStateException(
            "local cluster: tasks " + running + " still running after " + timeout + "; ended them");
      }
      Thread.sleep(50);
    }
    List<Integer> codes = new ArrayList<>();
    for (Process p : tasks) {
      codes.add(p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1);
    }
    return List.copyOf(codes);
  }

  /**
   * Ends every task still running, each by its process handle, and waits up to 10 s for each; an
   * interrupt stops the waiting (the tasks are already told to end) and keeps the thread's flag.
   */
  @Override
  public void close() {
    for (Process p : tasks) {
      if (p.isAlive()) {
        p.destroyForcibly();
      }
    }
    try {
      for (Process p : tasks) {
        p.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * @return {@code n} distinct ports that were free on loopback a moment ago
   */
  static List<Integer> freePorts(int n) {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      List<Integer> ports = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0);
        sockets.add(s);
        ports.add(s.getLocalPort());
      }
      return List.copyOf(ports);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot find free loopback ports: " + e.getMessage(), e);
    } finally {
      for (ServerSocket s : sockets) {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing a probe socket cannot fail in a way that matters
        }
      }
    }
  }
}
