package kr.bench.plot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

  /** A table run's files: rows.json and the runs' done.json and metrics.jsonl. */
  @Test
  void tableFiguresFromATableRunsFiles() throws IOException {
    Files.writeString(
        dir.resolve("rows.json"),
        """
        {"table": 2, "rows": [
          {"id": "vit-nano", "dataset": "cifar10", "paper_dataset": "cifar10",
           "variant": "static", "paper_flops": 1.8e8, "paper_top1": 80.0,
           "our_flops": 1.81e8, "our_top1_mean": 70.0},
          {"id": "vit-nano-kr4x", "dataset": "cifar10", "paper_dataset": "cifar10",
           "variant": "kr4x", "paper_flops": null, "paper_top1": 88.4,
           "our_flops": 1.82e8, "our_top1_mean": null},
          {"id": "vit-nano", "dataset": "cifar100", "paper_dataset": "cifar100",
           "variant": "static", "paper_flops": 1.8e8, "paper_top1": 60.0,
           "our_flops": 1.81e8, "our_top1_mean": 40.0}
        ]}
        """);
    Path row = dir.resolve("runs/cifar10/vit-nano");
    seed(row.resolve("seed-0"), false, 2.0, 0.30);
    seed(row.resolve("seed-1"), false, 1.0, 0.50);
    seed(row.resolve("seed-2"), true, Double.NaN, 0);
    Files.createDirectories(dir.resolve("runs/cifar10/vit-nano-kr4x/seed-0")); // unfinished

    var root = new ObjectMapper().readTree(dir.resolve("rows.json").toFile());
    List<AccuracyFlopsFigure.Panel> panels = TableFigures.accuracyPanels(root);
    assertThat(panels)
        .extracting(AccuracyFlopsFigure.Panel::title)
        .containsExactly(
            "Table 2: ours on cifar10, paper on cifar10",
            "Table 2: ours on cifar100, paper on cifar100");
    assertThat(panels.get(0).points())
        .containsExactly(
            new AccuracyPoint("static", "vit-nano", 1.8e8, 80.0, AccuracyPoint.Source.PAPER),
            new AccuracyPoint("static", "vit-nano", 1.81e8, 70.0, AccuracyPoint.Source.OURS),
            // no FLOPs cell: the paper's top-1 at our count
            new AccuracyPoint("kr4x", "vit-nano-kr4x", 1.82e8, 88.4, AccuracyPoint.Source.PAPER));
    List<TrainingCurvesFigure.Run> curves = TableFigures.curves(dir, root);
    assertThat(curves)
        .extracting(TrainingCurvesFigure.Run::name)
        .containsExactly("vit-nano (cifar10) n=2");
    assertThat(curves.get(0).epochs().get(0).trainLoss()).isEqualTo(1.5);
    assertThat(curves.get(0).epochs().get(0).testTop1()).isEqualTo(0.4);

    Result r = kr("plot", "table", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(FiguresTest.readPng(dir.resolve(TableFigures.ACCURACY)).getWidth())
        .isEqualTo(2 * AccuracyFlopsFigure.WIDTH);
    assertThat(FiguresTest.colours(FiguresTest.readPng(dir.resolve(TableFigures.CURVES))))
        .isGreaterThan(3);

    Result missing = kr("plot", "table", dir.resolve("nope").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err().strip()).contains("nope").doesNotContain("\n");
  }

  private static void seed(Path run, boolean diverged, double loss, double top1)
      throws IOException {
    Files.createDirectories(run);
    Files.writeString(run.resolve("done.json"), "{\"diverged\": " + diverged + "}");
    Files.writeString(
        run.resolve("metrics.jsonl"),
        new EpochMetrics(1, 8, 0.01, 1, loss, top1, loss, top1, 0.9, 50, 2).toJson() + "\n");
  }

  /** The paper's Fig. 4 shows the MLP output of blocks 6, 8, 10 and 12 of a 12-block ViT. */
  @Test
  void kernelLayersDefaultToFourOverTheSecondHalf() {
    List<String> vit = new ArrayList<>();
    for (int b = 1; b <= 12; b++) {
      for (String l : List.of("qkv", "proj", "fc1", "fc2")) {
        vit.add("blocks/" + b + "/" + l);
      }
    }
    assertThat(KernelsCommand.select(vit, null).stream().map(vit::get))
        .containsExactly("blocks/6/fc2", "blocks/8/fc2", "blocks/10/fc2", "blocks/12/fc2");
    assertThat(KernelsCommand.select(List.of("a", "b", "c"), null)).containsExactly(0, 1, 2);
    assertThat(KernelsCommand.select(vit, "blocks/1/*, blocks/12/fc1"))
        .containsExactly(0, 1, 2, 3, 46);
    assertThat(KernelsCommand.select(vit, "none")).isEmpty();
  }
}
