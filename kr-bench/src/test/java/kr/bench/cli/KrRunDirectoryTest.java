package kr.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import kr.bench.cli.KrCliTest.Run;
import kr.train.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.TensorFlow;

/**
 * A run directory that describes itself: {@code kr train} records the model, {@code kr eval --run}
 * rebuilds it without model flags, {@code kr runs} lists it; and the help conventions.
 */
class KrRunDirectoryTest {
  @TempDir static Path dir;
  static Path data;
  static Path run;
  static Run train;

  @BeforeAll
  static void trainTwoEpochs() throws IOException {
    data = KrCliTest.writeData(dir.resolve("fmnist"));
    run = dir.resolve("runs/tiny");
    train =
        KrCliTest.kr(
            "train",
            "--backbone",
            "test-cnn",
            "--kr",
            "4x",
            "--dataset",
            "fashion-mnist",
            "--data-dir",
            data.toString(),
            "--epochs",
            "2",
            "--batch-size",
            "16",
            "--out",
            run.toString(),
            "--no-progress",
            "--threads",
            "1,1");
  }

  private static List<JsonNode> metrics() throws IOException {
    return Files.readAllLines(run.resolve("metrics.jsonl")).stream()
        .map(KrRunDirectoryTest::json)
        .toList();
  }

  private static JsonNode json(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (IOException e) {
      throw new AssertionError(text, e);
    }
  }

  @Test
  void configRecordsTheModelAndTheCommandLine() throws IOException {
    assertThat(train.code()).as(train.err()).isZero();
    JsonNode c = json(Files.readString(run.resolve("config.json")));
    assertThat(c.get("command_line").get(0).asText()).isEqualTo("kr");
    assertThat(c.get("command_line").get(1).asText()).isEqualTo("train");
    assertThat(c.get("command_line").toString()).contains("\"--kr\",\"4x\"");
    JsonNode m = c.get("model");
    assertThat(m.get("backbone").asText()).isEqualTo("test-cnn");
    assertThat(m.get("method").asText()).isEqualTo("kr");
    assertThat(m.get("kr").get("multiplier").asInt()).isEqualTo(4);
    assertThat(m.get("kr").get("attention").asText()).isEqualTo("OMNI");
    assertThat(m.get("dataset").asText()).isEqualTo("fashion-mnist");
    assertThat(m.get("height").asInt()).isEqualTo(28);
    assertThat(m.get("channels").asInt()).isEqualTo(1);
    assertThat(m.get("classes").asInt()).isEqualTo(10);
    // d_0 undoes the dataset's normalisation: Fashion-MNIST's one-channel mean and std.
    assertThat(m.get("normalization").get("mean").get(0).asDouble()).isBetween(0.28, 0.29);
    assertThat(m.get("normalization").get("std").get(0).asDouble()).isBetween(0.35, 0.36);
  }

  @Test
  void evalOfTheRunNeedsNoModelFlagsAndRepeatsTheTrainingsTestEval() throws IOException {
    assertThat(train.code()).as(train.err()).isZero();
    List<JsonNode> epochs = metrics();
    double lastTop1 = epochs.get(epochs.size() - 1).get("test_top1").asDouble();
    double bestTop1 =
        epochs.stream().mapToDouble(e -> e.get("test_top1").asDouble()).max().orElseThrow();

    Run last = KrCliTest.kr("eval", "--run", run.toString(), "--which", "last", "--no-progress");
    assertThat(last.code()).as(last.err()).isZero();
    JsonNode l = json(last.out().trim());
    assertThat(l.get("top1").asDouble()).isEqualTo(lastTop1);
    assertThat(l.get("examples").asInt()).isEqualTo(32);
    assertThat(l.get("checkpoint").asText()).contains("step-");

    Run best = KrCliTest.kr("eval", "--run", run.toString(), "--no-progress");
    assertThat(best.code()).as(best.err()).isZero();
    assertThat(json(best.out().trim()).get("top1").asDouble()).isEqualTo(bestTop1);
    JsonNode written = json(Files.readString(run.resolve("eval.json")));
    assertThat(written.get("top1").asDouble()).isEqualTo(bestTop1);
    assertThat(written.get("checkpoint").asText()).endsWith("best.krckpt");

    Path ckpt = run.resolve("checkpoints/best.krckpt");
    Run byFile = KrCliTest.kr("eval", "--checkpoint", ckpt.toString(), "--no-progress");
    assertThat(byFile.code()).as(byFile.err()).isZero();
    assertThat(json(byFile.out().trim()).get("top1").asDouble()).isEqualTo(bestTop1);

    Run agreeing =
        KrCliTest.kr(
            "eval",
            "--run",
            run.toString(),
            "--backbone",
            "test-cnn",
            "--kr",
            "4x",
            "--no-progress");
    assertThat(agreeing.code()).as(agreeing.err()).isZero();
  }

  @Test
  void aModelFlagThatContradictsTheRunIsOneLineNamingBothValues() {
    assertThat(train.code()).as(train.err()).isZero();
    Run backbone = KrCliTest.kr("eval", "--run", run.toString(), "--backbone", "resnet18");
    assertThat(backbone.code()).isEqualTo(KrCli.EXIT_USAGE);
    assertThat(backbone.err().trim().lines()).hasSize(1);
    assertThat(backbone.err())
        .startsWith("kr: --backbone resnet18 contradicts the recorded test-cnn in ")
        .contains("config.json");

    Run method = KrCliTest.kr("eval", "--run", run.toString(), "--kr", "1x");
    assertThat(method.code()).isEqualTo(KrCli.EXIT_USAGE);
    assertThat(method.err().trim().lines()).hasSize(1);
    assertThat(method.err()).contains("--kr kr1x contradicts the recorded kr4x");

    Run neither = KrCliTest.kr("eval", "--backbone", "test-cnn");
    assertThat(neither.code()).isEqualTo(KrCli.EXIT_USAGE);
    assertThat(neither.err()).contains("--run").contains("--checkpoint");
  }

  @Test
  void filesHonourTheUmask() throws IOException {
    assertThat(train.code()).as(train.err()).isZero();
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Set<PosixFilePermission> expected =
        Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain-file")));
    assertThat(expected).contains(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    try (var files = Files.list(run.resolve("checkpoints"))) {
      for (Path p : files.toList()) {
        assertThat(Files.getPosixFilePermissions(p)).as(p.toString()).isEqualTo(expected);
      }
    }
    for (String f : List.of("config.json", "run.json", "metrics.jsonl", "metrics.csv")) {
      assertThat(Files.getPosixFilePermissions(run.resolve(f))).as(f).isEqualTo(expected);
    }
  }

  @Test
  void runsListsTheRunWithItsModelAndBestTop1() throws IOException {
    assertThat(train.code()).as(train.err()).isZero();
    double best =
        metrics().stream().mapToDouble(e -> e.get("test_top1").asDouble()).max().orElseThrow();
    Run runs = KrCliTest.kr("runs", dir.resolve("runs").toString());
    assertThat(runs.code()).as(runs.err()).isZero();
    assertThat(runs.out())
        .contains("| " + run + " | test-cnn | kr4x | 2/2 | " + String.format("%.4f", best))
        .contains("1 run under");
  }

  @Test
  void helpShowsDefaultsAndSuggestsCommands() {
    Run help = KrCliTest.kr("help", "train");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("--epochs").contains("Default: 100");

    Run evalHelp = KrCliTest.kr("eval", "--help");
    assertThat(evalHelp.out()).contains("--which").contains("Default: BEST");

    Run typo = KrCliTest.kr("trian");
    assertThat(typo.code()).isEqualTo(KrCli.EXIT_USAGE);
    assertThat(typo.err().lines().findFirst().orElseThrow()).startsWith("kr: Unmatched argument");
    assertThat(typo.err()).contains("Did you mean").contains("train");

    Run option =
        KrCliTest.kr(
            "train", "--backbone", "test-cnn", "--dataset", "mnist", "--out", "x", "--epoch", "2");
    assertThat(option.code()).isEqualTo(KrCli.EXIT_USAGE);
    assertThat(option.err().lines().findFirst().orElseThrow())
        .isEqualTo("kr: Unknown options: '--epoch', '2'");
    assertThat(option.err()).contains("Possible solutions: --epochs");

    Run version = KrCliTest.kr("-V");
    assertThat(version.code()).isZero();
    assertThat(version.out()).startsWith("KR-Java 0.1.0-SNAPSHOT (commit ");
  }

  @Test
  void envNamesTensorFlowItsDevicesAndJava() {
    Run env = KrCliTest.kr("env");
    assertThat(env.code()).as(env.err()).isZero();
    assertThat(env.out())
        .contains("tensorflow:  " + TensorFlow.version() + " (cpu natives)")
        .contains("device:      CPU")
        .contains("cpu cores:   " + Runtime.getRuntime().availableProcessors())
        .contains("java:        " + System.getProperty("java.version"));
  }
}
