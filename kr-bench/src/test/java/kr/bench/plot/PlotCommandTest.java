package kr.bench.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import kr.bench.cli.KrCli;
import kr.train.EpochMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code kr plot ...} through the real command line. */
class PlotCommandTest {
  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  static Result kr(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = KrCli.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return new Result(cl.execute(args), out.toString(), err.toString());
  }

  @Test
  void curvesOfARunDirectory() throws IOException {
    Path run = Files.createDirectories(dir.resolve("run-a"));
    Files.writeString(
        run.resolve("metrics.jsonl"),
        new EpochMetrics(1, 8, 0.01, 1, 2.0, 0.25, 1.8, 0.3, 0.7, 50, 2).toJson()
            + "\n"
            + new EpochMetrics(2, 16, 0.01, 1, 1.2, 0.5, 1.3, 0.55, 0.9, 50, 2).toJson()
            + "\n");
    Path png = dir.resolve("out/curves.png");
    Result r = kr("plot", "curves", run.toString(), "--out", png.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("wrote").contains("1 run(s)");
    BufferedImage image = FiguresTest.readPng(png);
    assertThat(image.getWidth()).isEqualTo(2 * TrainingCurvesFigure.PANEL_WIDTH);
    assertThat(image.getHeight()).isEqualTo(TrainingCurvesFigure.PANEL_HEIGHT);
  }

  @Test
  void curvesOfAMissingRunIsOneLine() {
    Result r = kr("plot", "curves", dir.resolve("nope").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip())
        .startsWith("kr: no metrics.jsonl in run directory")
        .doesNotContain("\n")
        .doesNotContain("Exception");
  }

  @Test
  void accuracyWithOurPoints() throws IOException {
    Path ours = dir.resolve("ours.json");
    Files.writeString(
        ours,
        "[{\"method\": \"KR 4x\", \"model\": \"ResNet-18\", "
            + "\"flops\": 1.93e9, \"top1\": 71.5}]");
    Path png = dir.resolve("acc.png");
    Result r = kr("plot", "accuracy", "--ours", ours.toString(), "--out", png.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("36 points");
    BufferedImage image = FiguresTest.readPng(png);
    assertThat(image.getWidth()).isEqualTo(AccuracyFlopsFigure.WIDTH);
  }

  @Test
  void badOurPointsAreOneLineNamingTheFlag() throws IOException {
    Path ours = dir.resolve("bad.json");
    Files.writeString(ours, "[{\"method\": \"KR 4x\", \"model\": \"ResNet-18\", \"top1\": 71}]");
    Result r =
        kr("plot", "accuracy", "--ours", ours.toString(), "--out", dir.resolve("x.png").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("kr: --ours " + ours).doesNotContain("\n");
    Files.writeString(ours, "[{\"method\": \"KR\", \"model\": \"R\", \"flops\": -1, \"top1\": 7}]");
    r = kr("plot", "accuracy", "--ours", ours.toString(), "--out", dir.resolve("x.png").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).contains("entry 0").contains("flops").doesNotContain("\n");
  }
}
