package kr.train.distributed;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Child JVMs running {@link AllReduceTask}, each ended by its own handle when the test closes this.
 */
final class ChildTasks implements AutoCloseable {
  private final List<Process> processes = new ArrayList<>();
  private final List<List<String>> lines = new ArrayList<>();

  /** Starts task {@code task} of {@code cluster} with {@link AllReduceTask}'s leading arguments. */
  int start(String cluster, int task, String... args) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                AllReduceTask.class.getName()));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--cluster", cluster, "--task-index", Integer.toString(task)));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    Process p = pb.start();
    List<String> out = new CopyOnWriteArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  out.add(line);
                }
              } catch (IOException ignored) {
                // the process ended
              }
            });
    reader.setDaemon(true);
    reader.start();
    processes.add(p);
    lines.add(out);
    return processes.size() - 1;
  }

  Process process(int i) {
    return processes.get(i);
  }

  /**
   * @return the output lines of task {@code i} so far
   */
  List<String> output(int i) {
    return List.copyOf(lines.get(i));
  }

  /** Waits until task {@code i} printed {@code line}, or fails after {@code seconds}. */
  void awaitLine(int i, String line, long seconds) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!lines.get(i).contains(line)) {
      if (System.nanoTime() > end || !processes.get(i).isAlive() && !lines.get(i).contains(line)) {
        Thread.sleep(200);
        if (!lines.get(i).contains(line)) {
          throw new AssertionError("task " + i + " did not print " + line + ": " + output(i));
        }
      }
      Thread.sleep(50);
    }
  }

  /** Waits for task {@code i} to exit; returns its exit code, or fails after {@code seconds}. */
  int awaitExit(int i, long seconds) throws InterruptedException {
    if (!processes.get(i).waitFor(seconds, TimeUnit.SECONDS)) {
      throw new AssertionError(
          "task " + i + " still running after " + seconds + " s: " + output(i));
    }
    Thread.sleep(200);
    return processes.get(i).exitValue();
  }

  @Override
  public void close() {
    for (Process p : processes) {
      p.destroyForcibly();
    }
    try {
      for (Process p : processes) {
        p.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
