package kr.train.distributed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
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
  private final List<Thread> relays;
  private final Path logDir;

  private LocalCluster(ClusterSpec cluster, List<Process> tasks, List<Thread> relays, Path logDir) {
    this.cluster = cluster;
    this.tasks = tasks;
    this.relays = relays;
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
    Checks.notNull("logDir", logDir);
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the local cluster's log directory: " + e.getMessage(), e);
    }
    return start(
        n,
        jvmArgs,
        mainClass,
        args,
        (i, pb) ->
            pb.redirectErrorStream(true)
                .redirectOutput(logDir.resolve("task-" + i + ".log").toFile()),
        (i, p) -> List.of(),
        logDir);
  }

  /**
   * Starts {@code n} tasks whose output this process relays: task 0's (the chief's) stdout and
   * stderr as they come to {@code chiefOut} and {@code chiefErr}; every other task's output, line
   * by line and prefixed with {@code [task i] }, to {@code others}. TensorFlow's native log level
   * is 3 in every task: a task reports its own failure in one line.
   *
   * @param n number of tasks, at least 1
   * @param jvmArgs options of each child JVM
   * @param mainClass the main class, on this JVM's class path
   * @param args arguments of every task, before the {@code --cluster}/{@code --task-index} this
   *     adds
   * @param chiefOut where task 0's stdout goes
   * @param chiefErr where task 0's stderr goes
   * @param others where the other tasks' lines go
   */
  public static LocalCluster launchAttached(
      int n,
      List<String> jvmArgs,
      String mainClass,
      List<String> args,
      PrintWriter chiefOut,
      PrintWriter chiefErr,
      PrintWriter others) {
    Checks.notNull("chiefOut", chiefOut);
    Checks.notNull("chiefErr", chiefErr);
    Checks.notNull("others", others);
    return start(
        n,
        jvmArgs,
        mainClass,
        args,
        (i, pb) -> {
          // A task reports its own failure in one line; TensorFlow's native notices (a peer not
          // up yet, a collective aborted) would repeat it for every task in several lines each.
          pb.redirectErrorStream(i > 0).environment().put("TF_CPP_MIN_LOG_LEVEL", "3");
        },
        (i, p) ->
            i == 0
                ? List.of(
                    relay(p.getInputStream(), null, chiefOut),
                    relay(p.getErrorStream(), null, chiefErr))
                : List.of(relay(p.getInputStream(), "[task " + i + "] ", others)),
        null);
  }

  private static LocalCluster start(
      int n,
      List<String> jvmArgs,
      String mainClass,
      List<String> args,
      BiConsumer<Integer, ProcessBuilder> setUp,
      BiFunction<Integer, Process, List<Thread>> started,
      Path logDir) {
    Checks.positive("n", n);
    Checks.notNull("jvmArgs", jvmArgs);
    Checks.notNull("mainClass", mainClass);
    Checks.notNull("args", args);
    ClusterSpec spec = ClusterSpec.localhost(freePorts(n), 0);
    String flag = String.join(",", spec.tasks().stream().map(TaskAddress::toString).toList());
    List<Process> processes = new ArrayList<>();
    List<Thread> relays = new ArrayList<>();
    try {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      for (int i = 0; i < n; i++) {
        List<String> cmd = new ArrayList<>(List.of(java));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(args);
        cmd.addAll(List.of("--cluster", flag, "--task-index", Integer.toString(i)));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        setUp.accept(i, pb);
        Process p = pb.start();
        processes.add(p);
        relays.addAll(started.apply(i, p));
      }
    } catch (IOException e) {
      processes.forEach(Process::destroyForcibly);
      throw new UncheckedIOException(
          "cannot start the local cluster's tasks: " + e.getMessage(), e);
    }
    return new LocalCluster(spec, List.copyOf(processes), List.copyOf(relays), logDir);
  }

  /**
   * Copies {@code in} to {@code out} from a daemon thread: as it comes (progress bars included)
   * without a prefix, else line by line with it.
   */
  private static Thread relay(InputStream in, String prefix, PrintWriter out) {
    Thread t =
        new Thread(
            () -> {
              try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                if (prefix == null) {
                  char[] buf = new char[4096];
                  for (int k; (k = r.read(buf)) >= 0; ) {
                    synchronized (out) {
                      out.write(buf, 0, k);
                      out.flush();
                    }
                  }
                } else {
                  BufferedReader lines = new BufferedReader(r);
                  for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (out) {
                      out.println(prefix + line);
                      out.flush();
                    }
                  }
                }
              } catch (IOException e) {
                // the task ended
              }
            },
            "kr-cluster-output");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /**
   * @return the cluster the tasks form ({@code taskIndex} 0)
   */
  public ClusterSpec cluster() {
    return cluster;
  }

  /**
   * @return the output file of task {@code task}
   * @throws IllegalStateException for tasks started with {@link #launchAttached}
   */
  public Path log(int task) {
    if (logDir == null) {
      throw new IllegalStateException("the tasks write to this process, not to log files");
    }
    return logDir.resolve("task-" + task + ".log");
  }

  /**
   * @return the process of each task, task {@code i} at index {@code i}
   */
  public List<Process> processes() {
    return tasks;
  }

  /**
   * Sends SIGINT to every task still running (as Ctrl-C in a terminal would): each saves a
   * checkpoint and exits. Uses the {@code kill} command; where it fails, the task is asked to end
   * with SIGTERM instead.
   */
  public void interrupt() {
    for (Process p : tasks) {
      if (!p.isAlive()) {
        continue;
      }
      try {
        Process kill =
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid()))
                .redirectErrorStream(true)
                .start();
        if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
          p.destroy();
        }
      } catch (IOException e) {
        p.destroy();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroy();
      }
    }
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
    return await(timeout, Duration.ZERO);
  }

  /**
   * Waits for every task to exit. Once one exits with a non-zero code, the others get {@code grace}
   * to stop by themselves (a task notices a lost peer and prints its own one-line reason), then are
   * ended.
   *
   * @param timeout how long to wait in all
   * @param grace how long the others may still run after a task failed
   * @return the exit code of each task; {@code -1} for a task that had to be ended
   * @throws IllegalStateException naming the tasks still running when the timeout passes (they are
   *     ended)
   */
  public List<Integer> await(Duration timeout, Duration grace) throws InterruptedException {
    Checks.notNull("timeout", timeout);
    Checks.notNull("grace", grace);
    long end = System.nanoTime() + timeout.toNanos();
    boolean failed = false;
    long failedAt = 0;
    while (tasks.stream().anyMatch(Process::isAlive)) {
      if (!failed && tasks.stream().anyMatch(p -> !p.isAlive() && p.exitValue() != 0)) {
        failed = true;
        failedAt = System.nanoTime();
      }
      if (failed && System.nanoTime() - failedAt >= grace.toNanos()) {
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
    for (Thread t : relays) {
      t.join(TimeUnit.SECONDS.toMillis(5)); // the last lines of output
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
