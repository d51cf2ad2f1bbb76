package kr.bench.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.bench.report.ModelCost;
import org.junit.jupiter.api.Test;

/** The report generator on fixed inputs: exact statistics and golden files. */
class TableReportTest {

  static final TableSpec T7 = TableSpecs.load(7);
  static final List<RowSpec> ROWS = T7.select("default,multiplier-1,reduction-4");
  static final List<RunData> DATA = Recipes.data(T7, Protocol.CPU, Optional.empty());
  static final Map<String, ModelCost> COSTS =
      Map.of(
          "default",
          new ModelCost(617_400_000L, 14_290_000L),
          "multiplier-1",
          new ModelCost(610_300_000L, 7_190_000L),
          "reduction-4",
          new ModelCost(620_000_000L, 15_000_000L));

  static RunResult run(String row, long seed, double top1) {
    return new RunResult(
        row, "fashion-mnist", seed, false, 4, 240, top1, top1 + 1, 0.5, 2_630_000, 2000, 10);
  }

  static final List<RunResult> RUNS =
      List.of(
          run("default", 0, 80),
          run("default", 1, 82),
          run("default", 2, 81),
          run("multiplier-1", 0, 70),
          run("multiplier-1", 1, 71),
          run("multiplier-1", 2, 72),
          run("reduction-4", 0, 80.5),
          new RunResult(
              "reduction-4",
              "fashion-mnist",
              1,
              true,
              0,
              0,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              2_630_000,
              2000,
              0));

  @Test
  void statisticsAreExact() {
    List<RowResult> r = TableReport.aggregate(T7, ROWS, DATA, COSTS, RUNS);
    assertThat(r).hasSize(3);
    RowResult def = r.get(0);
    assertThat(def.ours().mean()).isEqualTo(81.0, within(1e-12));
    assertThat(def.ours().std()).isEqualTo(1.0, within(1e-12));
    assertThat(def.ourGain()).isNaN();
    assertThat(def.trainedParams()).isEqualTo(2_630_000);
    assertThat(def.ourParams()).isEqualTo(14_290_000);
    RowResult m1 = r.get(1);
    assertThat(m1.ourGain()).isEqualTo(-10.0, within(1e-12));
    // SE = sqrt(1/3 + 1/3)
    assertThat(m1.ourGainSe()).isEqualTo(Math.sqrt(2.0 / 3), within(1e-12));
    assertThat(m1.significant()).isTrue();
    assertThat(m1.paperGain()).isEqualTo(-2.8, within(1e-9));
    assertThat(m1.data().paperDataset()).isEqualTo("imagenet");
    RowResult r4 = r.get(2);
    assertThat(r4.ours().n()).isEqualTo(1);
    assertThat(r4.diverged()).isEqualTo(1);
    assertThat(r4.ourGain()).isEqualTo(-0.5, within(1e-12));
    assertThat(r4.ourGainSe()).isNaN();
    assertThat(r4.significant()).isFalse();
  }

  @Test
  void markdownCsvAndJsonMatchTheGoldenFiles() throws IOException {
    List<RowResult> r = TableReport.aggregate(T7, ROWS, DATA, COSTS, RUNS);
    String line = Recipes.describe(T7, Protocol.CPU);
    assertThat(TableReport.markdown(T7, line, r)).isEqualTo(golden("t7-report.md"));
    assertThat(TableReport.csv(T7, r)).isEqualTo(golden("t7-rows.csv"));
    assertThat(TableReport.json(T7, line, r, RUNS)).isEqualTo(golden("t7-rows.json"));
  }

  @Test
  void aControlRowHasNoPaperCellsAndIsMarked() {
    TableSpec t6 = TableSpecs.load(6);
    List<RowSpec> rows = t6.select("vit-nano-kr,d0-probe");
    List<RunData> data = Recipes.data(t6, Protocol.CPU, Optional.empty());
    Map<String, ModelCost> costs =
        Map.of(
            "vit-nano-kr", new ModelCost(620_000_000L, 3_000_000L),
            "d0-probe", new ModelCost(2_000L, 2_000L));
    String ds = data.get(0).dataset();
    List<RunResult> runs =
        List.of(
            new RunResult("vit-nano-kr", ds, 0, false, 4, 240, 60, 61, 0.5, 1000, 2000, 10),
            new RunResult("d0-probe", ds, 0, false, 4, 240, 30, 31, 0.5, 1000, 2000, 10));
    List<RowResult> r = TableReport.aggregate(t6, rows, data, costs, runs);
    String md = TableReport.markdown(t6, Recipes.describe(t6, Protocol.CPU), r);
    String probe = md.lines().filter(l -> l.startsWith("| d0-probe |")).findFirst().orElseThrow();
    assertThat(probe).contains("control (not in the paper)").contains(" ᵏ |").contains("30.00");
    assertThat(probe).doesNotContain("NaN");
    assertThat(md).contains("ᵏ control (not in the paper): no paper cells.");
    assertThat(TableReport.csv(t6, r)).contains("d0-probe").doesNotContain("NaN");
    assertThat(TableReport.optionsText(t6.row("vit-nano-static-head-d0").options()))
        .isEqualTo("head_input=d0");
    assertThat(TableReport.json(t6, "x", r, runs)).contains("\"d0-probe\"");
  }

  static String golden(String name) throws IOException {
    try (InputStream in = TableReportTest.class.getResourceAsStream("/golden/" + name)) {
      assertThat(in).as("golden file " + name).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
