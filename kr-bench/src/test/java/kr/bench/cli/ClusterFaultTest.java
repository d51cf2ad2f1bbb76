package kr.bench.cli;

import static kr.bench.cli.CliRun.kr;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kr.train.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task of a two-task run dies mid-epoch (SIGKILL): the chief stops within the bound with one line
 * naming the task, and the run resumes as one process from the chief's last checkpoint with the
 * same global batch.
 */
@Timeout(300)
class ClusterFaultTest {
  @TempDir Path dir;

  @Test
  void aKilledTaskStopsTheChiefInOneLineAndOneProcessResumes() throws Exception {
    Path data = ParallelRuns.writeData(dir.resolve("data"), 64, 16);
    Path out = dir.resolve("run");
    // 3 epochs of 4 steps; the first checkpoint is written after step 4.
    List<String> train = ParallelRuns.train(data, "static", out, 4);
    train.set(train.indexOf("--epochs") + 1, "3");
    List<String> cluster = new ArrayList<>(List.of("cluster", "--local", "2", "--"));
    cluster.addAll(train);
    CompletableFuture<CliRun> running =
        CompletableFuture.supplyAsync(() -> kr(ParallelRuns.array(cluster)));
    try {
      killTaskAndResume(running, out, train);
    } finally {
      ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
    }
  }

  private static void killTaskAndResume(
      CompletableFuture<CliRun> running, Path out, List<String> train) throws Exception {
    Path first = ParallelRuns.checkpoint(out, 4);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (!Files.exists(first) && !running.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(first).as("first checkpoint").exists();
    ProcessHandle task1 =
        task(1)
            .orElseThrow(
                () ->
                    new AssertionError(
                        "task 1 is not running; children: "
                            + ProcessHandle.current()
                                .descendants()
                                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?"))
                                .toList()
                            + (running.isDone() ? "; the run ended: " + running.join() : "")));
    long killed = System.nanoTime();
    task1.destroyForcibly();
    CliRun r = running.get(120, TimeUnit.SECONDS);
    double seconds = (System.nanoTime() - killed) / 1e9;
    List<String> mine =
        r.err().lines().filter(l -> l.startsWith("kr: ")).toList(); // not "[task 1] ..."
    assertThat(r.code()).as(r.err()).isEqualTo(KrCli.EXIT_FAILED);
    assertThat(mine).as(r.err()).hasSize(1);
    assertThat(mine.get(0))
        .startsWith("kr: task 0 of 2: ")
        .containsPattern("task 1 \\(localhost:\\d+\\)")
        .contains("continue with --resume");
    assertThat(r.err()).doesNotContain("\tat ");
    assertThat(seconds).as("seconds from the kill to the chief's exit").isLessThan(60);
    System.out.printf("chief stopped %.1f s after task 1 was killed: %s%n", seconds, mine.get(0));

    long saved = newestStep(out);
    CliRun resumed = kr(ParallelRuns.array(resume(train)));
    assertThat(resumed.code()).as(resumed.err()).isZero();
    assertThat(resumed.out()).contains("done: ");
    // config.json records the resume as one process at the checkpoint's step.
    JsonNode change = Json.mapper().readTree(out.resolve("config.json").toFile()).at("/history/0");
    assertThat(change.get("global_step").asLong()).isEqualTo(saved);
    assertThat(change.at("/run/parallel/cluster")).isEmpty();
    assertThat(newestStep(out)).isEqualTo(12);
    System.out.println("resumed as one process from step " + saved);
  }

  private static List<String> resume(List<String> train) {
    List<String> r = new ArrayList<>(train);
    r.add("--resume");
    return r;
  }

  /**
   * The child JVM of this test running task {@code i}: {@code kr cluster} starts task 0, 1, ... in
   * order (a task's command line is too long for {@code ProcessHandle.Info} to show its end).
   */
  private static Optional<ProcessHandle> task(int i) {
    List<ProcessHandle> tasks =
        ProcessHandle.current()
            .children()
            .filter(p -> p.info().command().orElse("").endsWith("java"))
            .sorted(Comparator.comparing(p -> p.info().startInstant().orElse(Instant.MAX)))
            .toList();
    return i < tasks.size() ? Optional.of(tasks.get(i)) : Optional.empty();
  }

  private static long newestStep(Path run) throws Exception {
    try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("step-"))
          .mapToLong(n -> Long.parseLong(n.substring(5, n.indexOf('.'))))
          .max()
          .orElse(-1);
    }
  }
}
