package kr.bench.speed;

import static kr.bench.cli.CliRun.kr;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kr.bench.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeedBenchCommandTest {
  @TempDir Path tmp;

  /**
   * {@code kr bench speed} of {@code models} × {@code methods}, one warm-up step, into {@code md}.
   */
  private static CliRun speed(Path md, String models, String methods, String... flags) {
    List<String> args =
        new ArrayList<>(
            List.of("bench", "speed", "--models", models, "--methods", methods, "--warmup", "1"));
    args.addAll(List.of(flags));
    args.addAll(List.of("--out", md.toString()));
    return kr(args);
  }

  /**
   * Static and KR 4× test CNNs interleaved, the memory of each from a JVM of its own: the report
   * has both rows, the KR/static ratios, the ceiling, the load averages and the memory table; a
   * method the backbone cannot build is listed as skipped.
   */
  @Test
  void writesTheReportWithRatiosCeilingAndMemory() throws Exception {
    Path md = tmp.resolve("speed.md");
    CliRun r =
        speed(
            md,
            "test-cnn@16",
            "static,kr4x,odconv4x",
            "--batch-size",
            "4",
            "--repeats",
            "2",
            "--ceiling-size",
            "128");
    assertThat(r.code()).as(r.err()).isZero();
    String report = Files.readString(md);
    assertThat(report)
        .contains("| test-cnn 16×16×1 | static | 4 |", "| test-cnn 16×16×1 | kr4x | 4 |")
        .contains("## Dynamic / static time ratios", "## Peak memory")
        .contains(
            "MatMul 128³ runs at",
            "load average",
            "skipped: test-cnn cannot be built with odconv4x")
        .contains("- command: `kr bench speed --models test-cnn@16");
    assertThat(r.out()).isEqualTo(report);
    assertThat(r.err()).contains("memory  test-cnn 16×16×1 kr4x (own JVM)", "round   2/2");
  }

  /**
   * {@code --xla both}: every method with and without XLA, each compared with the static row of its
   * own setting; the report says the flag the process needs (the test JVM has it, as ./kr).
   */
  @Test
  void xlaBothTimesEveryMethodCompiledAndNot() throws Exception {
    Path md = tmp.resolve("xla.md");
    CliRun r =
        speed(
            md,
            "test-cnn@16",
            "static,kr4x",
            "--xla",
            "both",
            "--batch-size",
            "4",
            "--repeats",
            "2",
            "--ceiling-size",
            "64",
            "--no-memory");
    assertThat(r.code()).as(r.err()).isZero();
    String report = Files.readString(md);
    assertThat(report)
        .contains(
            "| test-cnn 16×16×1 | static | 4 |",
            "| test-cnn 16×16×1 | static+xla | 4 | ",
            "| test-cnn 16×16×1 | kr4x | 4 |",
            "| test-cnn 16×16×1 | kr4x+xla | 4 |")
        .contains("- XLA: rows marked +xla ran with TensorFlow's auto-clustering")
        .doesNotContain("NOT SET");
    assertThat(report.lines().filter(l -> l.startsWith("| test-cnn 16×16×1 | static")))
        .allMatch(l -> l.contains("| 1.00× |"));
    CliRun bad = kr("bench", "speed", "--xla", "maybe", "--out", tmp.resolve("y.md").toString());
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err().lines().findFirst().orElseThrow()).contains("--xla", "maybe");
  }

  /** A case that cannot be built is a failed line of the report; the other models still run. */
  @Test
  void aFailingCaseIsReportedAndTheOthersMeasured() throws Exception {
    Path md = tmp.resolve("failed.md");
    CliRun r =
        speed(
            md,
            "vit-nano-cifar@30,test-cnn@16",
            "static",
            "--batch-size",
            "2",
            "--repeats",
            "1",
            "--ceiling-size",
            "64",
            "--no-memory");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(md))
        .contains(
            "- failed: vit-nano-cifar 30×30×3 static: input must be divisible into 4×4 patches")
        .contains("| test-cnn 16×16×1 | static | 2 |")
        .doesNotContain("| vit-nano-cifar 30×30×3 |");
    assertThat(r.err()).contains("failed  vit-nano-cifar 30×30×3 static");
  }

  @Test
  void badValuesFailInOneLineNamingTheFlag() {
    CliRun m = kr("bench", "speed", "--methods", "nope", "--out", tmp.resolve("x.md").toString());
    assertThat(m.code()).isEqualTo(2);
    assertThat(m.err().lines().findFirst().orElseThrow())
        .contains("--methods", "unknown method 'nope'");
    CliRun s = kr("bench", "speed", "--models", "test-cnn@x");
    assertThat(s.code()).isEqualTo(2);
    assertThat(s.err().lines().findFirst().orElseThrow()).contains("--models", "test-cnn@x");
    CliRun b = kr("bench", "speed", "--models", "nope");
    assertThat(b.code()).isEqualTo(2);
    assertThat(b.err().lines().findFirst().orElseThrow()).contains("--models", "nope");
    CliRun t = kr("bench", "speed", "--threads", "1");
    assertThat(t.code()).isEqualTo(2);
    assertThat(t.err().lines().findFirst().orElseThrow()).contains("--threads");
    assertThat(Files.exists(tmp.resolve("x.md"))).isFalse();
  }
}
