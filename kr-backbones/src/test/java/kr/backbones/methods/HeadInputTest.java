package kr.backbones.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import kr.backbones.Backbones;
import kr.backbones.api.BackboneArgs;
import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.contract.BackboneContract;
import kr.backbones.probe.D0Probe;
import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
import kr.core.graph.Parameter;
import kr.core.graph.ParameterStore;
import kr.core.kr.HeadInput;
import kr.core.kr.KrConfig;
import kr.core.model.InputSpec;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The d_0-shortcut controls on {@code test-cnn} (stem 8, one stride-2 KR conv of 16 channels, step
 * 16) at 32×32×3: the classifier's input width, which parameters exist, the logits' shape, and one
 * training step (the backbone contract).
 */
class HeadInputTest {
  static final InputSpec INPUT = InputSpec.cifar();
  static final int POOLED = 16;
  static final int CLASSES = 10;

  record Built(long[] logits, Map<String, long[]> params) {}

  static Built build(String backbone, DynamicKernelMethod method) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterStore store = new ParameterStore();
      Operand<TFloat32> logits =
          Backbones.create(backbone, BackboneArgs.of(method, INPUT, CLASSES))
              .logits(
                  BuildContext.create(tf, TFloat32.class, Mode.TRAINING, store, 0),
                  tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 32, 32, 3))));
      return new Built(
          logits.shape().asArray(),
          store.trainable().stream()
              .collect(Collectors.toMap(Parameter::path, p -> p.spec().dims(), (a, b) -> a)));
    }
  }

  static long[] head(Built b) {
    return b.params().get("head/fc/kernel");
  }

  static boolean hasD0(Built b) {
    return b.params().keySet().stream().anyMatch(p -> p.startsWith("d0/"));
  }

  @Test
  void plainStaticHasNoD0AndReadsPooledFeatures() {
    Built b = build("test-cnn", StaticMethod.INSTANCE);
    assertThat(hasD0(b)).isFalse();
    assertThat(head(b)).containsExactly(POOLED, CLASSES);
    assertThat(b.logits()).containsExactly(-1, CLASSES);
  }

  @Test
  void staticWithD0HeadBuildsD0AsKrDoesAndConcatenatesIt() {
    Built b = build("test-cnn", StaticMethod.withHead(HeadInput.D0));
    assertThat(b.params().get("d0/proj/kernel")).containsExactly(3 * 64, 64);
    assertThat(b.params().get("d0/proj/bias")).containsExactly(64);
    assertThat(head(b)).containsExactly(POOLED + 64, CLASSES);
    assertThat(b.logits()).containsExactly(-1, CLASSES);
    assertThat(b.params().keySet()).noneMatch(p -> p.contains("krg"));
    assertThat(StaticMethod.withHead(HeadInput.D0).name()).isEqualTo("static-head-d0");
    assertThat(StaticMethod.withHead(HeadInput.NONE)).isSameAs(StaticMethod.INSTANCE);
  }

  @Test
  void dynamicOnlyWithD0HeadReadsPooledAndD0() {
    Built plain = build("test-cnn", new KrMethod(KrConfig.dynamicOnly(4)));
    assertThat(hasD0(plain)).isFalse();
    assertThat(head(plain)).containsExactly(POOLED, CLASSES);
    KrConfig cfg = KrConfig.dynamicOnly(4).withHeadInput(HeadInput.D0);
    Built b = build("test-cnn", new KrMethod(cfg));
    assertThat(b.params().get("d0/proj/kernel")).containsExactly(3 * 64, 64);
    assertThat(head(b)).containsExactly(POOLED + 64, CLASSES);
    assertThat(b.params().keySet()).noneMatch(p -> p.contains("krg"));
    assertThat(cfg.label()).isEqualTo("dyn4x-head-d0");
  }

  @Test
  void krWithoutDAtTheHeadStillGrowsD() {
    Built full = build("test-cnn", new KrMethod(KrConfig.kr4x()));
    assertThat(head(full)).containsExactly(POOLED + 64 + 16, CLASSES);
    KrConfig cfg = KrConfig.kr4x().withHeadInput(HeadInput.NONE);
    Built b = build("test-cnn", new KrMethod(cfg));
    assertThat(head(b)).containsExactly(POOLED, CLASSES);
    assertThat(b.params().get("d0/proj/kernel")).containsExactly(3 * 64, 64);
    assertThat(b.params().keySet()).anyMatch(p -> p.endsWith("/krg_out/kernel"));
    assertThat(b.params().get("block1/conv/kr/rf/kernel")).containsExactly(64 + 8, 16);
    assertThat(cfg.label()).isEqualTo("kr4x-head-none");
  }

  @Test
  void krWithAD0OnlyHeadIsRejected() {
    assertThatThrownBy(() -> KrConfig.kr4x().withHeadInput(HeadInput.D0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("headInput")
        .hasMessageContaining("KR grows d");
  }

  @Test
  void d0ProbeIsALinearClassifierOnTheMagnitudesAlone() {
    Built b = build(D0Probe.NAME, StaticMethod.INSTANCE);
    assertThat(b.params().keySet())
        .containsExactlyInAnyOrder("bn/gamma", "bn/beta", "head/fc/kernel", "head/fc/bias");
    assertThat(head(b)).containsExactly(3 * 64, CLASSES);
    assertThat(b.logits()).containsExactly(-1, CLASSES);
    assertThat(Backbones.factory(D0Probe.NAME).supports(StaticMethod.D0_HEAD)).isFalse();
    assertThatThrownBy(
            () ->
                Backbones.create(
                    D0Probe.NAME, BackboneArgs.of(new KrMethod(KrConfig.kr4x()), INPUT, CLASSES)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(D0Probe.NAME)
        .hasMessageContaining("kr4x");
  }

  @Test
  void eachControlTrainsOneStep() {
    for (DynamicKernelMethod m :
        List.of(
            StaticMethod.D0_HEAD,
            new KrMethod(KrConfig.dynamicOnly(4).withHeadInput(HeadInput.D0)),
            new KrMethod(KrConfig.kr4x().withHeadInput(HeadInput.NONE)))) {
      BackboneContract.check("test-cnn", m, true);
    }
    BackboneContract.check(D0Probe.NAME, StaticMethod.INSTANCE, true);
  }
}
