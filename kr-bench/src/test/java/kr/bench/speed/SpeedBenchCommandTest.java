package kr.bench.speed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import kr.bench.cli.KrCli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SpeedBenchCommandTest {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  static Run kr(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = KrCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new Run(cl.execute(args), out.toString(), err.toString());
  }

  /**
   * Static and KR 4× test CNNs interleaved, the memory of each from a JVM of its own: the report
   * has both rows, the KR/static ratios, the ceiling, the load averages and the memory table; a
   * method the backbone cannot build is listed as skipped.
   */
  @Test
  void writesTheReportWithRatiosCeilingAndMemory() throws Exception {
    Path md = tmp.resolve("speed.md");
    Run r =
        kr(
            "bench",
            "speed",
            "--models",
            "test-cnn@16",
            "--methods",
            "static,kr4x,odconv4x",
            "--batch-size",
            "4",
            "--warmup",
            "1",
            "--repeats",
            "2",
            "--ceiling-size",
            "128",
            "--out",
            md.toString());
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

  @Test
  void badValuesFailInOneLineNamingTheFlag() {
    Run m = kr("bench", "speed", "--methods", "nope", "--out", tmp.resolve("x.md").toString());
    assertThat(m.code()).isEqualTo(2);
    assertThat(m.err().lines().findFirst().orElseThrow())
        .contains("--methods", "unknown method 'nope'");
    Run s = kr("bench", "speed", "--models", "test-cnn@x");
    assertThat(s.code()).isEqualTo(2);
    assertThat(s.err().lines().findFirst().orElseThrow()).contains("--models", "test-cnn@x");
    Run b = kr("bench", "speed", "--models", "nope");
    assertThat(b.code()).isEqualTo(2);
    assertThat(b.err().lines().findFirst().orElseThrow()).contains("--models", "nope");
    Run t = kr("bench", "speed", "--threads", "1");
    assertThat(t.code()).isEqualTo(2);
    assertThat(t.err().lines().findFirst().orElseThrow()).contains("--threads");
    assertThat(Files.exists(tmp.resolve("x.md"))).isFalse();
  }
}
