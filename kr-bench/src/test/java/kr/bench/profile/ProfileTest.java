package kr.bench.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import kr.backbones.methods.KrMethod;
import kr.bench.cli.CliRun;
import kr.bench.plot.ProfileFigure;
import kr.bench.profile.StepProfile.Group;
import kr.bench.profile.StepProfile.OpTime;
import kr.bench.speed.SpeedCase;
import kr.bench.speed.StepRunner;
import kr.core.kr.KrConfig;
import kr.core.model.InputSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;

class ProfileTest {
  @TempDir Path tmp;

  @Test
  void namesGiveThePhasePathAndRole() {
    assertThat(OpAttribution.phaseOf("gradients/MatMul_25")).isEqualTo(Phase.BACKWARD);
    assertThat(OpAttribution.phaseOf("gradients_1/AddN")).isEqualTo(Phase.BACKWARD);
    assertThat(OpAttribution.phaseOf("train/optimizer/Assign_3")).isEqualTo(Phase.UPDATE);
    assertThat(OpAttribution.phaseOf("block0/mlp/fc1/dynamic/BatchMatMulV3"))
        .isEqualTo(Phase.FORWARD);
    assertThat(OpAttribution.modulePath("block0/mlp/fc1/dynamic/BatchMatMulV3"))
        .isEqualTo("block0/mlp/fc1/dynamic");
    assertThat(OpAttribution.modulePath("block0/ArithmeticOptimizer/AddOpsRewrite_Add"))
        .isEqualTo("block0");
    assertThat(OpAttribution.modulePath("MatMul_3")).isEmpty();

    record RoleCase(String path, String type, OpRole role) {}
    for (RoleCase c :
        List.of(
            new RoleCase("block0/mlp/fc1", "MatMul", OpRole.BACKBONE_PRODUCT),
            new RoleCase("block0/mlp/fc1/dynamic", "BatchMatMulV3", OpRole.DYNAMIC_PRODUCT),
            new RoleCase("block0/mlp/fc1/aggregate", "MatMul", OpRole.AGGREGATION),
            new RoleCase("block0/mlp/kr", "Mean", OpRole.RF),
            new RoleCase("block0/mlp/kr/rf", "MatMul", OpRole.RF),
            new RoleCase("block0/mlp/kr/fc1/kernel", "MatMul", OpRole.KG),
            new RoleCase("block0/mlp/kr/krg_bn", "Mul", OpRole.KRG),
            new RoleCase("layer1/block0/conv1/attention/fc", "MatMul", OpRole.KG),
            new RoleCase("block0/attn/norm", "Mean", OpRole.NORMALISATION),
            new RoleCase("stem/bn", "Mul", OpRole.NORMALISATION),
            new RoleCase("block0/attn", "Softmax", OpRole.SOFTMAX),
            new RoleCase("block0/attn", "Transpose", OpRole.LAYOUT),
            new RoleCase("block0/mlp", "Erf", OpRole.ELEMENTWISE),
            new RoleCase("train", "SoftmaxCrossEntropyWithLogits", OpRole.OTHER),
            new RoleCase("", "Const", OpRole.OTHER))) {
      assertThat(OpAttribution.roleOf(c.path(), c.type())).as(c.toString()).isEqualTo(c.role());
    }
  }

  /**
   * A traced step of a tiny KR 4× ViT: every op lands in exactly one group of each grouping, each
   * grouping adds up to the total, and the KR parts, forward and backward, are where they belong.
   */
  @Test
  void everyOpOfATracedStepLandsInExactlyOneGroup() {
    SpeedCase c =
        new SpeedCase("test-vit", InputSpec.cifar(), "kr4x", new KrMethod(KrConfig.kr4x()), 2);
    RunOptions trace =
        RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).build();
    StepProfile p;
    try (StepRunner r = StepRunner.open(c, new StepRunner.Threads(1, 1))) {
      r.trainMillis();
      List<RunMetadata> runs = List.of(r.traceTrain(trace));
      p = StepProfile.of(r.graphDef(), runs);
    }
    double total = p.totalMicros();
    assertThat(total).isPositive();
    for (List<Group> grouping : List.of(p.byRole(), p.byPath(), p.byType())) {
      assertThat(grouping.stream().mapToDouble(Group::micros).sum())
          .isCloseTo(total, within(1e-6 * total));
      assertThat(grouping.stream().mapToInt(Group::ops).sum()).isEqualTo(p.ops().size());
      assertThat(grouping.stream().map(Group::key).distinct().count()).isEqualTo(grouping.size());
    }
    double phases = 0;
    for (Phase ph : Phase.values()) {
      phases += p.micros(ph);
    }
    assertThat(phases).isCloseTo(total, within(1e-6 * total));
    Map<OpRole, Map<Phase, Double>> t = p.byRoleAndPhase();
    double cells = 0;
    for (Map<Phase, Double> m : t.values()) {
      cells += m.values().stream().mapToDouble(Double::doubleValue).sum();
    }
    assertThat(cells).isCloseTo(total, within(1e-6 * total));
    for (OpRole r :
        EnumSet.of(
            OpRole.BACKBONE_PRODUCT,
            OpRole.RF,
            OpRole.KG,
            OpRole.AGGREGATION,
            OpRole.DYNAMIC_PRODUCT,
            OpRole.KRG)) {
      assertThat(t.get(r).get(Phase.FORWARD)).as(r + " forward").isPositive();
      assertThat(t.get(r).get(Phase.BACKWARD)).as(r + " backward").isPositive();
    }
    assertThat(t.get(OpRole.OPTIMIZER).get(Phase.UPDATE)).isPositive();
    assertThat(t.get(OpRole.NORMALISATION).get(Phase.FORWARD)).isPositive();
    assertThat(t.get(OpRole.SOFTMAX).get(Phase.FORWARD)).isPositive();

    Set<String> products = Set.of("MatMul", "BatchMatMulV2", "BatchMatMulV3", "_FusedMatMul");
    List<OpTime> backwardProducts = new ArrayList<>();
    for (OpTime o : p.ops()) {
      if (o.name().startsWith("block0/attn/qkv/dynamic/")) {
        assertThat(o.role()).as(o.name()).isEqualTo(OpRole.DYNAMIC_PRODUCT);
      }
      if (o.phase() == Phase.BACKWARD && products.contains(o.type())) {
        backwardProducts.add(o);
      }
    }
    // Every product of the backward pass is the gradient of a product, never of an activation.
    assertThat(backwardProducts).isNotEmpty();
    assertThat(backwardProducts)
        .allSatisfy(
            o ->
                assertThat(o.role())
                    .as(o.name() + " at " + o.path())
                    .isIn(OpAttribution.PRODUCT_ROLES));
    assertThat(backwardProducts).anySatisfy(o -> assertThat(o.path()).endsWith("/qkv/dynamic"));
  }

  @Test
  void commandWritesTheTablesTheCsvAndThePng() throws Exception {
    Path out = tmp.resolve("profile");
    CliRun r =
        CliRun.kr(
            "profile",
            "--backbone",
            "test-cnn",
            "--kr",
            "4x",
            "--batch-size",
            "2",
            "--steps",
            "1",
            "--warmup",
            "1",
            "--top",
            "5",
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String md = Files.readString(out.resolve("profile.md"));
    assertThat(md)
        .contains("## Training step by role", "dynamic matmul/conv", "kernel generation (KG)")
        .contains("| **all** |", "## Inference batch by role");
    List<String> csv = Files.readAllLines(out.resolve("ops.csv"));
    assertThat(csv.get(0)).isEqualTo("name,type,phase,path,role,micros,output_bytes");
    assertThat(csv).hasSizeGreaterThan(50);
    assertThat(Files.readAllLines(out.resolve("roles.csv"))).hasSize(OpRole.values().length + 1);
    BufferedImage png = ImageIO.read(out.resolve("profile.png").toFile());
    assertThat(png.getWidth()).isEqualTo(ProfileFigure.WIDTH);

    CliRun bad = CliRun.kr("profile", "--backbone", "test-cnn", "--method", "odconv4x");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err().lines().findFirst().orElseThrow()).contains("test-cnn", "odconv4x");
  }
}
