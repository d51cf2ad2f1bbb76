package kr.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code kr} as a child {@code java} process, as a user does: the real stderr holds exactly
 * one line for a bad input (two or more with {@code KR_DEBUG=1}), and Ctrl-C (SIGINT) during
 * training exits with 130 after saving a checkpoint, without a stack trace.
 */
class KrCliProcessTest {
  @TempDir Path dir;

  record Done(int code, String out, String err) {}

  Process start(Map<String, String> env, String... args) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "-cp",
                System.getProperty(
                    "surefire.test.class.path", System.getProperty("java.class.path")),
                KrCli.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectOutput(dir.resolve("stdout.txt").toFile())
            .redirectError(dir.resolve("stderr.txt").toFile());
    pb.environment().remove(KrCli.DEBUG_ENV);
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "3");
    pb.environment().putAll(env);
    return pb.start();
  }

  Done finish(Process p, long seconds) throws Exception {
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("kr did not exit within " + seconds + " s");
    }
    return new Done(
        p.exitValue(),
        Files.readString(dir.resolve("stdout.txt")),
        Files.readString(dir.resolve("stderr.txt")));
  }

  @Test
  void badInputIsOneLineOnTheRealStderr() throws Exception {
    Path nowhere = dir.resolve("nowhere");
    String[] args = {
      "train",
      "--backbone",
      "test-cnn",
      "--dataset",
      "mnist",
      "--data-dir",
      nowhere.toString(),
      "--out",
      dir.resolve("out").toString()
    };
    Done plain = finish(start(Map.of(), args), 120);
    assertThat(plain.code()).as(plain.err()).isEqualTo(2);
    assertThat(plain.err().lines().toList())
        .as(plain.err())
        .containsExactly(
            "kr: --data-dir: missing directory: "
                + nowhere
                + " (expected mnist IDX files {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz])");
    Done debug = finish(start(Map.of(KrCli.DEBUG_ENV, "1"), args), 120);
    assertThat(debug.code()).isEqualTo(2);
    assertThat(debug.err().lines().findFirst()).contains(plain.err().strip());
    assertThat(debug.err()).contains("\tat kr.bench.cli.Preflight");
  }

  @Test
  void ctrlCDuringTrainingSavesACheckpointAndExits130() throws Exception {
    Path data = KrCliErrorsTest.writeData(dir.resolve("data"));
    Path out = dir.resolve("run");
    Process p = start(Map.of(), CliRun.train(data, out, "--epochs", "1000").toArray(String[]::new));
    assumeFalse(
        ignoresSigint(p.pid()), "this process was started with SIGINT ignored (background job)");
    Path metrics = out.resolve("metrics.jsonl");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (!(Files.exists(metrics) && Files.size(metrics) > 0)
        && p.isAlive()
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(p.isAlive()).as("training still running after its first epoch").isTrue();
    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
    Done d = finish(p, 120);
    assertThat(d.code()).as(d.err()).isEqualTo(KrCli.EXIT_INTERRUPTED);
    assertThat(d.out()).contains("interrupted at step").contains("resume with --resume");
    assertThat(d.err()).doesNotContain("\tat ");
    try (var files = Files.list(out.resolve("checkpoints"))) {
      assertThat(files.map(f -> f.getFileName().toString())).anyMatch(n -> n.startsWith("step-"));
    }
  }

  /**
   * Reads the child's ignored-signal mask from {@code /proc} (Linux); false where it cannot be
   * read.
   */
  static boolean ignoresSigint(long pid) throws InterruptedException {
    File status = new File("/proc/" + pid + "/status");
    for (int i = 0; i < 50; i++) {
      try {
        for (String line : Files.readAllLines(status.toPath(), StandardCharsets.US_ASCII)) {
          if (line.startsWith("SigIgn:")) {
            return new BigInteger(line.substring(7).strip(), 16).testBit(1); // SIGINT = 2 -> bit 1
          }
        }
      } catch (IOException e) {
        return false;
      }
      Thread.sleep(10);
    }
    return false;
  }
}
