package kr.bench.table;

import static kr.bench.cli.CliRun.kr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javax.imageio.ImageIO;
import kr.bench.cli.CliRun;
import kr.bench.plot.AccuracyFlopsFigure;
import kr.bench.plot.TableFigures;
import kr.train.EpochMetrics;
import kr.train.TrainListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kr table} through the real command line, on generated data. */
class TableCommandTest {
  @TempDir Path dir;

  static final String ROWS = "vit-nano-kr,vit-nano-static";

  /**
   * Table 6 smoke on two rows, with its figures; then the same rows interrupted mid-row twice (a
   * crash in the first row, then a stop request in the second: the first row is finished by one
   * invocation, the second by the next), then finished, then once more after deleting a done marker
   * (the run resumes from its final checkpoint): the rows.csv is the uninterrupted one each time.
   */
  @Test
  void smokeRunIsResumableAndReproducible() throws IOException {
    Path full = dir.resolve("full");
    CliRun a = kr("table", "6", "--protocol", "smoke", "--rows", ROWS, "--out", full.toString());
    assertThat(a.code()).as(a.err()).isZero();
    assertThat(a.out())
        .contains("table 6, protocol smoke: 2 rows x 1 seeds x 1 data = 2 runs")
        .contains("done: ");
    assertThat(a.err())
        .contains("run 1/2: row 1/2 vit-nano-kr, seed 1/1, epoch 1/1")
        .contains("ETA");
    for (String f : new String[] {"report.md", "rows.csv", "rows.json", "manifest.json"}) {
      assertThat(full.resolve(f)).exists();
    }
    BufferedImage accuracy = ImageIO.read(full.resolve(TableFigures.ACCURACY).toFile());
    assertThat(accuracy.getWidth()).isEqualTo(AccuracyFlopsFigure.WIDTH);
    BufferedImage curves = ImageIO.read(full.resolve(TableFigures.CURVES).toFile());
    assertThat(curves.getWidth()).isGreaterThan(curves.getHeight());
    Path run = full.resolve("runs/synthetic/vit-nano-kr/seed-0");
    assertThat(run.resolve("done.json")).exists();
    assertThat(Files.readString(run.resolve("config.json")))
        .contains("\"backbone\" : \"vit-nano\"")
        .contains("\"method\" : \"kr\"");
    assertThat(Files.readAllLines(run.resolve("metrics.jsonl"))).hasSize(1);
    String report = Files.readString(full.resolve("report.md"));
    assertThat(report)
        .startsWith("# Table 6: Ablation Results\n\nprotocol smoke: ")
        .contains(
            "| vit-nano-static | Standard Linear Baseline, ViT-Nano | synthetic (paper: "
                + "imagenet) | – | 603.4M | 2.63M | 67.5 | ")
        .contains("(n=1)");
    String manifest = Files.readString(full.resolve("manifest.json"));
    assertThat(manifest)
        .contains("\"command\" : \"kr table 6 --protocol smoke")
        .contains("\"cores\"")
        .contains("\"wall_seconds\"")
        .containsPattern("\"train_images_per_second\" : \\{\\s*\"seed-0\" : [0-9.]+")
        .contains("\"variant\" : \"kr4x\"");
    String csv = Files.readString(full.resolve("rows.csv"));
    assertThat(csv.lines()).hasSize(3);

    Path parts = dir.resolve("parts");
    shareCosts(full, parts);
    interruptedMidRowThenFinished(parts, csv);
    assertThat(Files.readString(parts.resolve("rows.csv"))).isEqualTo(csv);

    // A finished run whose marker is gone resumes from its final checkpoint: nothing to train.
    Files.delete(parts.resolve("runs/synthetic/vit-nano-static/seed-0/done.json"));
    CliRun again =
        kr("table", "6", "--protocol", "smoke", "--rows", ROWS, "--out", parts.toString());
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(Files.readString(parts.resolve("rows.csv"))).isEqualTo(csv);
  }

  /** Our costs at the paper's input, counted by the first run, so the others build no model. */
  private static void shareCosts(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    Files.copy(from.resolve("costs.json"), to.resolve("costs.json"));
  }

  /**
   * A run that dies in its first step (a listener throws, as a killed JVM leaves it: no checkpoint
   * of that run), then one stopped in the second row's first step (it saves a checkpoint there),
   * then a rerun: rows.csv equals the uninterrupted one.
   */
  private static void interruptedMidRowThenFinished(Path out, String uninterrupted)
      throws IOException {
    TableSpec t6 = TableSpecs.load(6);
    TableRunner.Plan plan =
        new TableRunner.Plan(
            t6,
            Protocol.SMOKE,
            t6.select(ROWS),
            Recipes.data(t6, Protocol.SMOKE, Optional.empty()),
            1,
            out,
            Optional.empty(),
            "kr table 6 --protocol smoke");
    PrintWriter quiet = new PrintWriter(new StringWriter());
    TableRunner crash =
        new TableRunner(plan, quiet)
            .addListener(
                new TrainListener() {
                  @Override
                  public void onStep(long globalStep, int epoch, double loss) {
                    throw new IllegalStateException("killed in step " + globalStep);
                  }
                });
    assertThatThrownBy(crash::run).hasStackTraceContaining("killed in step 1");
    assertThat(out.resolve("runs/synthetic/vit-nano-kr/seed-0/done.json")).doesNotExist();

    TableRunner stopped = new TableRunner(plan, quiet);
    int[] epochs = {0};
    stopped.addListener(
        new TrainListener() {
          @Override
          public void onEpoch(EpochMetrics m) {
            epochs[0]++;
          }

          @Override
          public void onStep(long globalStep, int epoch, double loss) {
            if (epochs[0] == 1 && globalStep == 1) {
              stopped.requestStop();
            }
          }
        });
    assertThat(stopped.run()).isFalse();
    Path second = out.resolve("runs/synthetic/vit-nano-static/seed-0");
    assertThat(second.resolve("done.json")).doesNotExist();
    assertThat(second.resolve("checkpoints/step-000000001.krckpt")).exists();
    assertThat(out.resolve("runs/synthetic/vit-nano-kr/seed-0/done.json")).exists();

    StringWriter log = new StringWriter();
    assertThat(new TableRunner(plan, new PrintWriter(log)).run()).isTrue();
    assertThat(log.toString()).doesNotContain("vit-nano-kr, seed").contains("vit-nano-static");
    assertThat(Files.readString(out.resolve("rows.csv"))).isEqualTo(uninterrupted);
  }

  @Test
  void listAndBadInputGiveOneLine() {
    CliRun list = kr("table", "--list");
    assertThat(list.code()).isZero();
    assertThat(list.out())
        .contains("Table 1: Performances of ViTs on ImageNet (12 rows")
        .contains("Table 7:")
        .contains("resnet50-dcd")
        .contains("(copied)");
    CliRun one = kr("table", "6", "--list", "--rows", "*-static");
    assertThat(one.out().lines()).hasSize(3);

    CliRun protocol = kr("table", "6", "--protocol", "fast");
    assertThat(protocol.usageError()).contains("--protocol").contains("'fast'");

    CliRun rows = kr("table", "6", "--rows", "resnet*");
    assertThat(rows.usageError()).contains("resnet*");

    CliRun table = kr("table", "9");
    assertThat(table.code()).isEqualTo(2);
    assertThat(table.err()).contains("1..7").contains("9");

    CliRun seeds = kr("table", "6", "--seeds", "0");
    assertThat(seeds.code()).isEqualTo(2);
    assertThat(seeds.err()).contains("--seeds");

    CliRun threads = kr("table", "6", "--threads", "1");
    assertThat(threads.usageError()).contains("--threads").contains("[1]");
  }

  /**
   * The paper protocol's plan for Table 2: both CIFAR columns, one seed, the paper's 200 epochs of
   * the full training set, an estimate from a measured step; nothing is trained or written.
   */
  @Test
  void paperPlanPrintsTheScheduleWithoutTraining() {
    Path out = dir.resolve("paper-plan");
    CliRun plan = kr("table", "2", "--protocol", "paper", "--plan", "--out", out.toString());
    assertThat(plan.code()).as(plan.err()).isZero();
    assertThat(plan.out())
        .contains(
            "table 2, protocol paper: 6 rows x 1 seeds x 2 data = 12 runs; 200 epochs of 50000"
                + " images, 120000000 training images in all, estimated ")
        .contains("img/s")
        .contains("paper: CIFAR-10/100, 200 epochs, batch 256");
    assertThat(out.resolve("runs")).doesNotExist();
    assertThat(out.resolve("report.md")).doesNotExist();
  }

  /** {@code --threads} reaches every run's configuration and the manifest. */
  @Test
  void threadsGoToEveryRun() throws IOException {
    Path out = dir.resolve("threads");
    CliRun a =
        kr(
            "table",
            "6",
            "--protocol",
            "smoke",
            "--rows",
            "vit-nano-static",
            "--threads",
            "1,2",
            "--out",
            out.toString());
    assertThat(a.code()).as(a.err()).isZero();
    assertThat(Files.readString(out.resolve("manifest.json")))
        .contains("\"tensorflow_threads\" : \"1,2\"");
    assertThat(Files.readString(out.resolve("runs/synthetic/vit-nano-static/seed-0/config.json")))
        .contains("\"intra_op_threads\" : 1")
        .contains("\"inter_op_threads\" : 2");
  }
}
