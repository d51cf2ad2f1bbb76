package kr.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kr.train.checkpoint.AtomicFiles;
import kr.train.checkpoint.CheckpointFile;
import kr.train.checkpoint.CheckpointManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code kill -9} of a training process at the worst moments: with {@link
 * AtomicFiles#PAUSE_PROPERTY} the child ({@link FaultChild}) stops with a complete temporary file
 * not yet renamed over a step checkpoint, {@code best.krckpt} or {@code metrics.jsonl}, and is
 * killed there; one more child is killed after a random delay (seeded) once training started (it
 * lingers after its last epoch, so the kill may come after training ended but never after exit).
 * After each kill every file in the run directory parses (checkpoints verify their CRC, every
 * metrics line is complete JSON or CSV), and a resume ends with the metrics, metrics files and
 * final checkpoint of an uninterrupted run.
 */
class KillDuringWriteTest {
  @TempDir static Path tmp;

  private static TrainResult reference;
  private static String referenceCsv;

  @BeforeAll
  static void uninterrupted() throws IOException {
    Path ref = tmp.resolve("reference");
    reference = FaultChild.train(ref, false);
    assertThat(reference.history()).hasSize(FaultChild.EPOCHS);
    referenceCsv = withoutTiming(Files.readString(ref.resolve(RunDirectory.METRICS_CSV)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "step-000000008\\.krckpt@1", // the second epoch's checkpoint
        "best\\.krckpt@2", // the second epoch's best checkpoint (before its step checkpoint)
        "metrics\\.jsonl@3" // the second epoch's line (the first write is the empty file)
      })
  void killedBeforeARenameLosesNothing(String failpoint) throws Exception {
    Path run = tmp.resolve("failpoint-" + failpoint.replaceAll("[^a-z0-9]", ""));
    Process p = start(run, List.of("-D" + AtomicFiles.PAUSE_PROPERTY + "=" + failpoint));
    Path err = run.resolveSibling(run.getFileName() + ".stderr");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.readString(err).contains("failpoint: paused") && System.nanoTime() < deadline) {
      assertThat(p.isAlive()).as("child exited early: %s", Files.readString(err)).isTrue();
      Thread.sleep(50);
    }
    assertThat(Files.readString(err)).contains("failpoint: paused before renaming");
    kill(p);
    try (Stream<Path> all = Files.walk(run)) {
      assertThat(all.map(f -> f.getFileName().toString()))
          .as("the temporary file of the interrupted write is left")
          .anyMatch(AtomicFiles::isTemporary);
    }
    checkEveryFileParses(run);
    resumeAndCompare(run);
  }

  @Test
  void killedAfterARandomDelayLosesNothing() throws Exception {
    Path run = tmp.resolve("random");
    Process p = start(run, List.of(), "linger");
    Path err = run.resolveSibling(run.getFileName() + ".stderr");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.exists(run.resolve(RunDirectory.CONFIG)) && System.nanoTime() < deadline) {
      assertThat(p.isAlive()).as("child exited early: %s", Files.readString(err)).isTrue();
      Thread.sleep(20);
    }
    Thread.sleep(new Random(20261201).nextInt(2500));
    kill(p);
    checkEveryFileParses(run);
    resumeAndCompare(run);
  }

  private static Process start(Path run, List<String> jvmFlags, String... childArgs)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.addAll(jvmFlags);
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
            FaultChild.class.getName(),
            run.toString(),
            "fresh"));
    cmd.addAll(List.of(childArgs));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectOutput(run.resolveSibling(run.getFileName() + ".stdout").toFile())
            .redirectError(run.resolveSibling(run.getFileName() + ".stderr").toFile());
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "3");
    return pb.start();
  }

  /** SIGKILL ({@link Process#destroyForcibly} on Linux), then wait for the child to be gone. */
  private static void kill(Process p) throws InterruptedException {
    p.destroyForcibly();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);
  }

  /** Every checkpoint verifies, every metrics line is whole, config.json parses. */
  static void checkEveryFileParses(Path run) throws IOException {
    RunDirectory dir = new RunDirectory(run);
    if (dir.hasConfig()) {
      dir.readConfig();
    }
    try (Stream<Path> s = Files.list(run.resolve(RunDirectory.CHECKPOINTS))) {
      for (Path f : s.filter(f -> f.toString().endsWith(CheckpointManager.SUFFIX)).toList()) {
        assertThat(CheckpointFile.read(f).tensors()).as("%s", f).isNotEmpty();
      }
    } catch (NoSuchFileException e) {
      // killed before the first checkpoint
    }
    for (Path f : List.of(dir.metricsJsonl(), dir.metricsCsv())) {
      if (!Files.exists(f)) {
        continue;
      }
      String text = Files.readString(f, StandardCharsets.UTF_8);
      assertThat(text.isEmpty() || text.endsWith("\n")).as("%s ends with a whole line", f).isTrue();
      List<String> lines = text.lines().toList();
      for (int i = 0; i < lines.size(); i++) {
        if (f.equals(dir.metricsJsonl())) {
          JsonNode n = Json.mapper().readTree(lines.get(i));
          assertThat(n.get("epoch").asInt()).as("%s line %d", f, i + 1).isEqualTo(i + 1);
        } else {
          assertThat(lines.get(i).split(",", -1)).hasSize(EpochMetrics.COLUMNS.size());
        }
      }
    }
  }

  private static void resumeAndCompare(Path run) throws Exception {
    TrainResult r = FaultChild.train(run, true);
    assertThat(r.history()).hasSize(FaultChild.EPOCHS);
    for (int i = 0; i < FaultChild.EPOCHS; i++) {
      assertThat(r.history().get(i).withoutTiming())
          .as("epoch %d", i + 1)
          .isEqualTo(reference.history().get(i).withoutTiming());
    }
    assertThat(CheckpointFile.read(r.lastCheckpoint().orElseThrow()).tensors())
        .isEqualTo(CheckpointFile.read(reference.lastCheckpoint().orElseThrow()).tensors());
    assertThat(CheckpointFile.read(r.bestCheckpoint().orElseThrow()).tensors())
        .isEqualTo(CheckpointFile.read(reference.bestCheckpoint().orElseThrow()).tensors());
    assertThat(withoutTiming(Files.readString(run.resolve(RunDirectory.METRICS_CSV))))
        .isEqualTo(referenceCsv);
    List<String> jsonl = Files.readAllLines(run.resolve(RunDirectory.METRICS_JSONL));
    assertThat(jsonl).hasSize(FaultChild.EPOCHS);
    try (Stream<Path> s = Files.walk(run)) {
      assertThat(s.map(f -> f.getFileName().toString())).noneMatch(AtomicFiles::isTemporary);
    }
  }

  /** A metrics.csv without its last two columns (throughput and seconds). */
  private static String withoutTiming(String csv) {
    StringBuilder sb = new StringBuilder();
    for (String line : csv.lines().toList()) {
      String[] f = line.split(",", -1);
      sb.append(String.join(",", List.of(f).subList(0, f.length - 2))).append('\n');
    }
    return sb.toString();
  }
}
