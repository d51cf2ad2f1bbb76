package kr.bench.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kr.backbones.methods.KrMethod;
import kr.core.graph.TemperatureSchedule;
import kr.core.kr.KrConfig;
import kr.core.model.InputSpec;
import org.junit.jupiter.api.Test;

/** Every table specification parses and holds the cells the paper prints (hand-copied here). */
class TableSpecsTest {

  @Test
  void everyTableParsesWithThePaperRowCounts() {
    List<TableSpec> all = TableSpecs.all();
    assertThat(all).extracting(TableSpec::number).containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(all).extracting(t -> t.rows().size()).containsExactly(12, 6, 3, 25, 24, 14, 8);
    assertThat(TableSpecs.load(2).datasets())
        .extracting(DatasetRef::name)
        .containsExactly("cifar10", "cifar100");
    assertThat(TableSpecs.load(2).input()).isEqualTo(InputSpec.cifar());
    assertThat(TableSpecs.load(4).input()).isEqualTo(InputSpec.imagenet());
  }

  /** (table, row id) → (FLOPs or 0 when not printed, dataset, top-1), copied from the paper. */
  @Test
  void sampleCellsMatchThePaper() {
    Object[][] cells = {
      {1, "vit-nano", 0.61e9, "imagenet", 67.5},
      {1, "vit-tiny-odconv4x", 1.28e9, "imagenet", 75.5},
      {1, "vit-small-kr4x", 4.71e9, "imagenet", 80.6},
      {2, "vit-nano-kr4x", 182e6, "cifar10", 88.4},
      {2, "vit-nano-kr4x", 182e6, "cifar100", 65.2},
      {2, "vit-tiny", 367e6, "cifar100", 60.5},
      {3, "poolformer-s12-kr1x", 1.84e9, "imagenet", 78.2},
      {4, "resnet18-slim-odconv4x", 1.44e9, "imagenet", 71.6},
      {4, "resnet18-weightnet", 1.83e9, "imagenet", 71.6},
      {4, "resnet50-dcd", 3.94e9, "imagenet", 76.9},
      {4, "resnet50-kr4x", 4.09e9, "imagenet", 78.7},
      {5, "mobilenetv2-0.75-condconv", 239e6, "imagenet", 71.8},
      {5, "mobilenetv2-0.5-kr4x", 109e6, "imagenet", 70.3},
      {5, "mobilenetv2-1.0-odconv1x", 311e6, "imagenet", 74.8},
      {6, "vit-nano-dyn", 0.0, "imagenet", 71.1},
      {6, "vit-tiny-no-bn", 0.0, "imagenet", 76.0},
      {6, "vit-tiny-static", 0.0, "imagenet", 72.2},
      {7, "multiplier-8", 635e6, "imagenet", 73.8},
      {7, "kr-dim-32", 619e6, "imagenet", 72.2},
    };
    for (Object[] c : cells) {
      RowSpec r = TableSpecs.load((Integer) c[0]).row((String) c[1]);
      double flops = (Double) c[2];
      if (flops == 0) {
        assertThat(r.paper().flops()).as(r.id()).isEmpty();
      } else {
        assertThat(r.paper().flops().getAsDouble()).as(r.id()).isEqualTo(flops, within(0.5));
      }
      assertThat(r.paper().top1((String) c[3]).getAsDouble()).as(r.id()).isEqualTo(c[4]);
    }
  }

  /** The gains the paper prints equal cell minus baseline cell (checks the baseline ids). */
  @Test
  void printedGainsFollowFromTheBaselineRows() {
    Object[][] gains = {
      {1, "vit-nano-kr4x", 6.3},
      {1, "vit-small-odconv4x", 0.6},
      {2, "vit-tiny-kr4x", 8.3},
      {3, "poolformer-s12-kr4x", 1.8},
      {4, "resnet18-slim-kr1x", 4.4},
      {4, "resnet18-condconv", 1.7},
      {4, "resnet50-we", 0.9},
      {5, "mobilenetv2-0.5-dcd", 5.0},
      {5, "mobilenetv2-0.75-kr4x", 4.8},
      {6, "vit-nano-dyn", -2.7},
      {6, "vit-tiny-no-lowfreq", -1.0},
      {6, "vit-nano-static", -6.3},
      {7, "reduction-16", -1.2},
    };
    for (Object[] g : gains) {
      TableSpec t = TableSpecs.load((Integer) g[0]);
      RowSpec r = t.row((String) g[1]);
      String ds = t.datasets().get(0).name();
      double gain =
          r.paper().top1(ds).getAsDouble() - t.baselineOf(r).paper().top1(ds).getAsDouble();
      assertThat(gain).as(r.id()).isEqualTo((Double) g[2], within(1e-9));
    }
  }

  @Test
  void rowsResolveToTheirModelArguments() {
    TableSpec t6 = TableSpecs.load(6);
    InputSpec in = InputSpec.imagenet();
    assertThat(kr(t6.row("vit-nano-kr"))).isEqualTo(KrConfig.kr4x());
    assertThat(kr(t6.row("vit-nano-dyn"))).isEqualTo(KrConfig.dynamicOnly(4));
    assertThat(kr(t6.row("vit-tiny-no-lowfreq"))).isEqualTo(KrConfig.kr4x().withoutFrequencyInit());
    assertThat(kr(t6.row("vit-tiny-no-bn"))).isEqualTo(KrConfig.kr4x().withoutKrBatchNorm());
    assertThat(RowModels.method(t6.row("vit-tiny-static")).name()).isEqualTo("static");
    TableSpec t7 = TableSpecs.load(7);
    assertThat(kr(t7.row("multiplier-2"))).isEqualTo(KrConfig.kr4x().withMultiplier(2));
    assertThat(kr(t7.row("reduction-4"))).isEqualTo(KrConfig.kr4x().withReduction(4));
    assertThat(kr(t7.row("kr-dim-128"))).isEqualTo(KrConfig.kr4x().withStep(64));
    // Table 5's KR rows train with a BatchNorm on d_0 and ODConv's temperature schedule; its
    // static rows keep none and its ODConv rows their method's own.
    TableSpec t5 = TableSpecs.load(5);
    for (String id : new String[] {"mobilenetv2-1.0-kr4x", "mobilenetv2-0.5-kr1x"}) {
      RowSpec row = t5.row(id);
      assertThat(kr(row).d0BatchNorm()).as(id).isTrue();
      assertThat(Recipes.temperature(row)).as(id).isEqualTo(TemperatureSchedule.dyconv());
      assertThat(TableReport.optionsText(row.options()))
          .isEqualTo("d0_batch_norm=true;temperature=dyconv");
    }
    assertThat(Recipes.temperature(t5.row("mobilenetv2-1.0")))
        .isEqualTo(TemperatureSchedule.none());
    assertThat(Recipes.temperature(t5.row("mobilenetv2-1.0-odconv4x")))
        .isEqualTo(TemperatureSchedule.dyconv());
    assertThat(Recipes.temperature(t6.row("vit-nano-kr"))).isEqualTo(TemperatureSchedule.none());
    RowSpec dcd = TableSpecs.load(4).row("resnet50-dcd");
    assertThat(dcd.copied()).isTrue();
    assertThat(RowModels.args(dcd, in, 1000).method().name()).isEqualTo("dcd");
    assertThat(TableSpecs.load(4).row("resnet50-kr4x").copied()).isFalse();
  }

  @Test
  void rowGlobsSelectInTableOrder() {
    TableSpec t6 = TableSpecs.load(6);
    assertThat(t6.select("vit-nano-*"))
        .extracting(RowSpec::id)
        .containsExactly(
            "vit-nano-kr",
            "vit-nano-dyn",
            "vit-nano-no-lowfreq",
            "vit-nano-no-bn",
            "vit-nano-static",
            "vit-nano-static-head-d0",
            "vit-nano-dyn-head-d0",
            "vit-nano-kr-head-none");
    assertThat(t6.rows().stream().filter(RowSpec::control).map(RowSpec::id))
        .containsExactly(
            "vit-nano-static-head-d0", "vit-nano-dyn-head-d0", "vit-nano-kr-head-none", "d0-probe");
    assertThat(t6.rows().stream().filter(RowSpec::control).map(RowSpec::paper))
        .containsOnly(PaperCells.NONE);
    InputSpec in = t6.input();
    assertThat(RowModels.args(t6.row("vit-nano-static-head-d0"), in, 1000).method().name())
        .isEqualTo("static-head-d0");
    assertThat(RowModels.args(t6.row("vit-nano-dyn-head-d0"), in, 1000).label())
        .isEqualTo("dyn4x-head-d0");
    assertThat(RowModels.args(t6.row("vit-nano-kr-head-none"), in, 1000).label())
        .isEqualTo("kr4x-head-none");
    assertThat(RowModels.args(t6.row("d0-probe"), in, 1000).method().name()).isEqualTo("static");
    assertThat(t6.select("*-static,vit-tiny-kr"))
        .extracting(RowSpec::id)
        .containsExactly("vit-tiny-kr", "vit-nano-static", "vit-tiny-static");
    assertThatThrownBy(() -> t6.select("resnet*"))
        .hasMessageContaining("resnet*")
        .hasMessageContaining("vit-nano-kr");
  }

  private static final String ROW =
      "{\"id\":\"a\",\"label\":\"A\",\"backbone\":\"%s\","
          + "\"method\":\"%s\",\"kr\":\"off\",\"recipe\":\"deit\",\"baseline\":\"a\","
          + "\"copied\":false,\"paper\":{\"top1\":{\"imagenet\":70.0}}}";

  /** A table of the static ResNet-18 row with {@code from} replaced by {@code to}. */
  private static String staticRowWith(String from, String to) {
    return table(String.format(ROW, "resnet18", "static").replace(from, to));
  }

  private static String table(String row) {
    return "{\"table\":1,\"caption\":\"c\",\"datasets\":[{\"name\":\"imagenet\",\"classes\":1000}],"
        + "\"input\":{\"height\":224,\"width\":224,\"channels\":3},\"paper_protocol\":\"p\","
        + "\"rows\":["
        + row
        + "]}";
  }

  @Test
  void badSpecsFailNamingFileRowAndValue() {
    assertThat(TableSpecs.parse("x.json", table(String.format(ROW, "resnet18", "static"))).rows())
        .hasSize(1);
    assertThatThrownBy(
            () -> TableSpecs.parse("x.json", table(String.format(ROW, "resnet-19", "static"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("x.json row 'a': unknown backbone 'resnet-19'")
        .hasMessageContaining("resnet18");
    assertThatThrownBy(
            () -> TableSpecs.parse("x.json", table(String.format(ROW, "resnet18", "odconv8x"))))
        .hasMessageStartingWith("x.json row 'a': unknown method 'odconv8x'")
        .hasMessageContaining("condconv");
    assertThatThrownBy(() -> TableSpecs.parse("x.json", staticRowWith("\"copied\"", "\"copy\"")))
        .hasMessageContaining("x.json row 'a': unknown row field 'copy'");
    assertThatThrownBy(
            () ->
                TableSpecs.parse(
                    "x.json", staticRowWith("\"baseline\":\"a\"", "\"baseline\":\"b\"")))
        .hasMessageContaining("x.json")
        .hasMessageContaining("baseline")
        .hasMessageContaining("b");
    assertThatThrownBy(
            () ->
                TableSpecs.parse(
                    "x.json",
                    staticRowWith(
                            "\"kr\":\"off\"", "\"kr\":\"4x\",\"options\":{\"temperature\":\"hot\"}")
                        .replace("\"method\":\"static\"", "\"method\":\"kr\"")))
        .hasMessageContaining("x.json")
        .hasMessageContaining(
            "temperature must be none, dyconv or linear:<T0>:<epochs>, got 'hot'");
    assertThatThrownBy(() -> TableSpecs.parse("x.json", "{"))
        .hasMessageStartingWith("x.json: not valid JSON");
    assertThat(Map.of()).isEmpty();
  }

  @Test
  void smallInputBackbonesReplaceTheCnnsForCpuAndSmokeOnly() {
    RowSpec r18 = TableSpecs.load(4).row("resnet18-kr4x");
    assertThat(r18.backbone()).isEqualTo("resnet18");
    assertThat(r18.smallInputBackbone()).isEqualTo("resnet18-cifar");
    assertThat(r18.backboneFor(Protocol.CPU)).isEqualTo("resnet18-cifar");
    assertThat(r18.backboneFor(Protocol.SMOKE)).isEqualTo("resnet18-cifar");
    assertThat(r18.backboneFor(Protocol.PAPER)).isEqualTo("resnet18");
    RowSpec r50 = TableSpecs.load(4).row("resnet50-kr4x");
    assertThat(r50.backbone()).isEqualTo("resnet50");
    assertThat(r50.backboneFor(Protocol.PAPER)).isEqualTo("resnet50-v1.5");
    assertThat(r50.backboneFor(Protocol.CPU)).isEqualTo("resnet50-v1.5-cifar");
    assertThat(TableSpecs.load(4).trainingNote()).contains("torchvision layout");
    assertThat(TableSpecs.load(1).rows()).allMatch(r -> r.trainingBackbone().equals(r.backbone()));
    assertThat(TableSpecs.load(4).row("resnet50-odconv4x").smallInputBackbone())
        .isEqualTo("resnet50-v1.5-cifar");
    assertThat(TableSpecs.load(5).row("mobilenetv2-0.75-dcd").smallInputBackbone())
        .isEqualTo("mobilenetv2-0.75-cifar");
    assertThat(TableSpecs.load(3).row("poolformer-s12").smallInputBackbone())
        .isEqualTo("poolformer-s12-cifar");
    for (int t : List.of(1, 2, 6, 7)) { // ViTs pick their patch from the input
      assertThat(TableSpecs.load(t).rows())
          .allMatch(r -> r.smallInputBackbone().equals(r.backbone()));
    }
    for (int t : List.of(3, 4, 5)) {
      assertThat(TableSpecs.load(t).rows())
          .allMatch(r -> r.smallInputBackbone().endsWith("-cifar"));
    }
    String mapped =
        table(String.format(ROW, "resnet18", "static"))
            .replace("\"rows\"", "\"small_input_backbones\":{\"resnet18\":\"%s\"},\"rows\"");
    assertThat(
            TableSpecs.parse("x.json", String.format(mapped, "resnet18-cifar"))
                .row("a")
                .smallInputBackbone())
        .isEqualTo("resnet18-cifar");
    assertThatThrownBy(() -> TableSpecs.parse("x.json", String.format(mapped, "resnet18-tiny")))
        .hasMessageStartingWith("x.json row 'a': unknown backbone 'resnet18-tiny'");
    assertThatThrownBy(() -> TableSpecs.parse("x.json", mapped.replace("\"%s\"", "7")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("small_input_backbones.resnet18 must be a backbone name");
  }

  private static KrConfig kr(RowSpec row) {
    return ((KrMethod) RowModels.method(row)).config();
  }

  /** The quickstart's mini table: Table 6's rows on cnn-small, with their paper cells. */
  @Test
  void theQuickstartMiniTableDerivesTable6sRows() {
    MiniTable q = MiniTable.load("quickstart");
    assertThat(q.table().number()).isEqualTo(6);
    assertThat(q.table().rows())
        .extracting(RowSpec::id)
        .containsExactly("static", "dyn-4x", "kr-4x");
    assertThat(q.table().rows()).extracting(RowSpec::backbone).containsOnly("cnn-small");
    assertThat(q.table().rows()).extracting(RowSpec::baseline).containsOnly("kr-4x");
    assertThat(kr(q.table().row("dyn-4x"))).isEqualTo(KrConfig.dynamicOnly(4));
    assertThat(q.table().row("static").paper().top1("imagenet").getAsDouble()).isEqualTo(67.5);
    assertThat(q.data()).extracting(RunData::dataset).containsExactly("fashion-mnist");
    assertThat(q.describe())
        .startsWith(
            "protocol quickstart: fashion-mnist in place of the paper's data, cnn-small in"
                + " place of vit-nano; 2 epochs x ");
    assertThat(q.fullReport()).isEqualTo("./kr table 6 --protocol cpu");

    Budget b = q.budget();
    var c = b.trainConfig(q.table().row("kr-4x"), 3, Path.of("runs/x"), true);
    assertThat(c.loop().epochs()).isEqualTo(b.epochs());
    assertThat(c.loop().maxStepsPerEpoch()).isEqualTo(b.stepsPerEpoch());
    assertThat(c.loop().batchSize()).isEqualTo(b.batchSize());
    assertThat(c.loop().maxEvalBatches() * c.loop().evalBatchSize()).isEqualTo(b.evalImages());
    assertThat(c.loop().seed()).isEqualTo(3);
    assertThat(c.optimizer().warmupEpochs()).isLessThanOrEqualTo(1);
    assertThat(c.run().resume()).isTrue();
  }

  @Test
  void aBadMiniTableNamesTheFileAndTheField() {
    String good =
        """
        {"name": "m", "caption": "c", "table": 6, "backbone": "cnn-small", "dataset": "mnist",
         "seeds": 1, "rows": [{"id": "s", "from": "vit-nano-static", "label": "s"}],
         "budget": {"epochs": 1, "steps_per_epoch": 2, "batch_size": 8, "eval_batch_size": 8,
                    "eval_images": 16}, "full_report": "x"}
        """;
    assertThat(MiniTable.parse("m.json", good).table().rows()).hasSize(1);
    assertThatThrownBy(() -> MiniTable.parse("m.json", good.replace("\"seeds\"", "\"seed\"")))
        .hasMessageStartingWith("m.json: ")
        .hasMessageContaining("unknown mini table field 'seed'");
    assertThatThrownBy(() -> MiniTable.parse("m.json", good.replace("vit-nano-static", "vit-x")))
        .hasMessageContaining("m.json: table 6 has no row 'vit-x'");
    assertThatThrownBy(() -> MiniTable.parse("m.json", good.replace("cnn-small", "cnn-huge")))
        .hasMessageContaining("row 's'")
        .hasMessageContaining("unknown backbone 'cnn-huge'");
    assertThatThrownBy(
            () ->
                MiniTable.parse(
                    "m.json", good.replace("\"eval_images\": 16", "\"eval_images\": 12")))
        .hasMessageContaining("eval_images");
  }
}
