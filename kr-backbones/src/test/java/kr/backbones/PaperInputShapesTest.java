package kr.backbones;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import kr.backbones.api.BackboneArgs;
import kr.backbones.api.BackboneFactory;
import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
import kr.core.graph.Parameter;
import kr.core.graph.ParameterStore;
import kr.core.kr.KrConfig;
import kr.core.model.InputSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Every registered backbone × {off, KR 1×, KR 4×} built (not run) at its own paper input with a
 * batch of 2: the logits' static shape and, for KR, dim(d) at the head = d_0 + Σ growth of the KR
 * units. The training step of every variant is {@link BackboneContractTest}'s; the small-input
 * variants are built by {@link SmallInputVariantsTest}.
 */
class PaperInputShapesTest {

  static Stream<Arguments> cases() {
    return Backbones.list().stream()
        .filter(n -> !SmallInputVariantsTest.VARIANTS.contains(n)) // built there
        .flatMap(
            n ->
                Stream.of("off", "1x", "4x")
                    .filter(kr -> Backbones.factory(n).supports(TestMethods.of(kr)))
                    .map(kr -> Arguments.of(n, kr)));
  }

  record Built(long[] logits, ParameterStore store) {}

  static Built build(String name, KrConfig kr) {
    BackboneFactory f = Backbones.factory(name);
    InputSpec in = f.defaultInput();
    int classes = in.height() >= 224 ? 1000 : 10;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterStore store = new ParameterStore();
      Operand<TFloat32> logits =
          f.create(BackboneArgs.of(TestMethods.of(kr), in, classes))
              .logits(
                  BuildContext.create(tf, TFloat32.class, Mode.INFERENCE, store, 0),
                  tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(in.batchDims(2)))));
      return new Built(logits.shape().asArray(), store);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void logitsShapeAndRepresentationWidthAtThePaperInput(String name, String variant) {
    KrConfig kr = KrConfig.parse(variant);
    Built b = build(name, kr);
    int classes = Backbones.factory(name).defaultInput().height() >= 224 ? 1000 : 10;
    assertThat(b.logits()).containsExactly(2, classes);
    if (!kr.enabled()) {
      assertThat(b.store().all()).noneMatch(p -> p.path().startsWith("d0/"));
      return;
    }
    List<Parameter> units =
        b.store().trainable().stream().filter(p -> p.path().endsWith("/krg_out/kernel")).toList();
    assertThat(units).isNotEmpty();
    long dimD = kr.d0Dim() + units.stream().mapToLong(p -> p.spec().dims()[1]).sum();
    long staticHead = headInput(build(name, KrConfig.off()).store(), classes);
    assertThat(headInput(b.store(), classes) - staticHead)
        .as("dim(d) at the head of %s", name)
        .isEqualTo(dimD);
  }

  /** Input width of the classifier: the last [in, classes] kernel declared. */
  static long headInput(ParameterStore store, int classes) {
    List<Parameter> heads =
        store.trainable().stream()
            .filter(p -> p.spec().dims().length == 2 && p.spec().dims()[1] == classes)
            .toList();
    assertThat(heads).isNotEmpty();
    return heads.get(heads.size() - 1).spec().dims()[0];
  }
}
