package kr.bench.flops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import kr.backbones.methods.KrMethod;
import kr.core.kr.KrConfig;
import kr.core.model.InputSpec;
import org.junit.jupiter.api.Test;

/** The audit's rows come from the table specifications (no graph is built here). */
class FlopsAuditRowsTest {

  @Test
  void everyRowWithAFlopsCellIsAudited() {
    assertThat(FlopsAudit.rows(List.of())).hasSize(12 + 3 + 6 + 3 + 25 + 3 + 24 + 8);
    assertThat(
            FlopsAudit.rows(List.of(1)).stream()
                .filter(r -> r.variant().equals("odconv4x-all"))
                .map(FlopsAudit.Row::backbone))
        .containsExactly("vit-nano", "vit-tiny", "vit-small");
    assertThat(FlopsAudit.rows(List.of(6))).isEmpty(); // Table 6 prints no FLOPs
    assertThat(
            FlopsAudit.rows(List.of(4)).stream().filter(r -> r.backbone().equals("resnet50-v1.5")))
        .hasSize(3)
        .allMatch(r -> r.note().equals(FlopsAudit.V15));
    FlopsAudit.Row dcd =
        FlopsAudit.rows(List.of(4)).stream()
            .filter(r -> r.backbone().equals("resnet50") && r.method().name().equals("dcd"))
            .findFirst()
            .orElseThrow();
    assertThat(dcd.paper()).isEqualTo(3.94e9);
    assertThat(dcd.method().name()).isEqualTo("dcd");
    assertThat(dcd.note()).contains("DCD");
    FlopsAudit.Row t7 = FlopsAudit.rows(List.of(7)).get(6);
    assertThat(((KrMethod) t7.method()).config()).isEqualTo(KrConfig.kr4x().withStep(16));
    assertThat(t7.paper()).isEqualTo(619e6);
    assertThat(FlopsAudit.rows(List.of(2)).get(0).classes()).isEqualTo(10);
    assertThat(FlopsAudit.rows(List.of(2)).get(0).variant()).isEqualTo("static");
  }

  @Test
  void rowsAtASmallInputUseTheSmallInputBackbones() {
    List<FlopsAudit.Row> t4 = FlopsAudit.rowsAt(List.of(4), InputSpec.cifar());
    assertThat(t4).hasSize(25).allMatch(r -> r.input().equals(InputSpec.cifar()));
    assertThat(t4).allMatch(r -> Double.isNaN(r.paper()));
    assertThat(t4.get(0).backbone()).isEqualTo("resnet18-slim-cifar");
    assertThat(t4.get(0).note()).isEqualTo("small-input variant of resnet18-slim");
    assertThat(FlopsAudit.rowsAt(List.of(1), InputSpec.cifar()).get(0).backbone())
        .isEqualTo("vit-nano");
    assertThat(FlopsCommand.parseInput("32")).isEqualTo(InputSpec.cifar());
    assertThat(FlopsCommand.parseInput("28x28x1")).isEqualTo(InputSpec.fashionMnist());
  }
}
