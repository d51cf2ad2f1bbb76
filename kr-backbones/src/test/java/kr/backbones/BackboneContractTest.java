package kr.backbones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import kr.backbones.cnn.SmallCnn;
import kr.backbones.mobilenet.MobileNetV2;
import kr.backbones.resnet.ResNet;
import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
import kr.core.graph.Parameter;
import kr.core.graph.ParameterStore;
import kr.core.kr.KrConfig;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The contract every registered backbone meets, run over {@link Backbones#list()} × {off, KR 1×,
 * KR 4×} at 32×32×3, 10 classes, batch 2: logits [2, 10] without NaN after init; with KR, dim(d)
 * at the head = d_0 + Σ (growth of each KR unit), i.e. 64 + (#KR layers) × step; one plain
 * gradient-descent step gives a finite loss and a non-zero gradient.
 *
 * <p><b>Cost.</b> With kr-core's current {@code BuildContext} every sub-scope makes TF Java scan
 * the whole graph, so building is quadratic in the graph size (a KR ResNet-50 or MobileNetV2 graph
 * takes 40–100 s to build on 2 cores). By default the KR variants and the training step therefore
 * run for the CI-sized backbones only ({@link #FAST}: {@code test-*}, {@code cnn-*}, {@code
 * resnet18}); {@code -Dkr.test.heavy=true} runs every backbone × variant, and {@code
 * -Dkr.test.only=GLOB} (e.g. {@code mobilenetv2*}) restricts the backbones.
 */
class BackboneContractTest {
  static final boolean HEAVY = Boolean.getBoolean("kr.test.heavy");
  static final InputSpec INPUT = InputSpec.cifar();
  static final int CLASSES = 10;
  static final int BATCH = 2;

  /** Backbones whose KR builds and training step are cheap enough for every run. */
  static boolean fast(String name) {
    return name.startsWith("test-") || name.startsWith("cnn-") || name.equals("resnet18");
  }

  static Stream<Arguments> cases() {
    List<Arguments> out = new ArrayList<>();
    for (String name : Backbones.list(System.getProperty("kr.test.only", "*"))) {
      for (KrConfig kr : List.of(KrConfig.off(), KrConfig.kr1x(), KrConfig.kr4x())) {
        out.add(Arguments.of(name, kr.label()));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void buildsRunsAndTrains(String name, String label) {
    KrConfig kr = KrConfig.parse(label.replace("kr", ""));
    assumeTrue(HEAVY || !kr.enabled() || fast(name),
        "KR variants of large backbones run with -Dkr.test.heavy=true");
    ImageClassifier model = Backbones.create(name, kr, INPUT, CLASSES);
    assertThat(model.numClasses()).isEqualTo(CLASSES);
    assertThat(model.input()).isEqualTo(INPUT);
    boolean train = HEAVY || fast(name);
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      ParameterStore store = new ParameterStore();
      BuildContext<TFloat32> ctx =
          BuildContext.create(tf, TFloat32.class, Mode.TRAINING, store, 42);
      Placeholder<TFloat32> images = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, INPUT.height(), INPUT.width(), INPUT.channels())));
      Operand<TFloat32> logits = model.logits(ctx, images);
      assertThat(logits.shape().asArray()).containsExactly(-1, CLASSES);

      if (kr.usesRepresentation()) {
        checkRepresentationWidth(name, store, kr);
      }

      Operand<TFloat32> labels = tf.oneHot(tf.constant(new int[] {1, 7}), tf.constant(CLASSES),
          tf.constant(1f), tf.constant(0f));
      Operand<TFloat32> loss = tf.math.mean(
          tf.nn.softmaxCrossEntropyWithLogits(logits, labels).loss(), tf.constant(0));
      List<Op> step = new ArrayList<>();
      Operand<TFloat32> gradNorm = null;
      if (train) {
        List<Parameter> params = store.trainable();
        Output<?>[] xs = params.stream().map(p -> p.value().asOutput()).toArray(Output<?>[]::new);
        Output<?>[] grads = g.addGradients(loss.asOutput(), xs);
        List<Operand<TFloat32>> squares = new ArrayList<>();
        List<Integer> reached = new ArrayList<>();
        for (int i = 0; i < grads.length; i++) {
          if (grads[i] != null) {
            Operand<TFloat32> grad = cast(grads[i]);
            squares.add(tf.reduceSum(tf.math.square(grad),
                tf.range(tf.constant(0), tf.rank(grad), tf.constant(1))));
            reached.add(i);
          }
        }
        gradNorm = tf.math.addN(squares);
        // Plain gradient descent, clipped to a global norm of 1: BatchNorm over batch 2 on the
        // 1×1 maps of a 32×32 input makes raw gradients huge, and an unclipped step can overflow.
        Operand<TFloat32> lr = tf.math.div(tf.constant(1e-2f),
            tf.math.maximum(tf.math.sqrt(gradNorm), tf.constant(1f)));
        for (int i : reached) {
          step.add(tf.train.applyGradientDescent(variable(params.get(i)), lr, cast(grads[i])));
        }
        step.addAll(ctx.updates());
      }

      session.initialize();
      try (TFloat32 batch = randomImages(3); TFloat32 batch2 = randomImages(4)) {
        // Forward, loss and gradients first; the update runs alone (the parameters are ref
        // variables read through Identity, so an in-place update in the same run could be seen
        // half-way by the forward pass).
        Session.Runner r = session.runner().feed(images, batch).fetch(logits).fetch(loss);
        if (train) {
          r.fetch(gradNorm);
        }
        try (Result res = r.run()) {
          TFloat32 out = (TFloat32) res.get(0);
          assertThat(out.shape().asArray()).containsExactly(BATCH, CLASSES);
          for (int b = 0; b < BATCH; b++) {
            for (int c = 0; c < CLASSES; c++) {
              assertThat(out.getFloat(b, c)).as("logit[%d,%d]", b, c).isFinite();
            }
          }
          assertThat(((TFloat32) res.get(1)).getFloat()).as("loss").isFinite();
          if (train) {
            assertThat(((TFloat32) res.get(2)).getFloat()).as("squared gradient norm")
                .isFinite().isPositive();
          }
        }
        if (train) {
          Session.Runner update = session.runner().feed(images, batch);
          step.forEach(update::addTarget);
          update.run().close();
        }
        if (train) {
          try (Result res = session.runner().feed(images, batch2).fetch(loss).run()) {
            assertThat(((TFloat32) res.get(0)).getFloat()).as("loss after one step").isFinite();
          }
        }
      }
    }
  }

  /**
   * dim(d) at the head = d_0 + Σ step of every KR unit; the head's input is cat[pooled, d], so its
   * width minus the static model's head width (pooled features only) is dim(d).
   */
  private static void checkRepresentationWidth(String name, ParameterStore store, KrConfig kr) {
    List<Parameter> units = store.trainable().stream()
        .filter(p -> p.path().endsWith("/krg_out/kernel")).toList();
    assertThat(units).as("KR units of %s", name).isNotEmpty();
    long growth = units.stream().mapToLong(p -> p.spec().dims()[1]).sum();
    long dimD = kr.d0Dim() + growth;
    long headIn = headInput(store);
    long staticHeadIn;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterStore s = new ParameterStore();
      Backbones.create(name, KrConfig.off(), INPUT, CLASSES).logits(
          BuildContext.create(tf, TFloat32.class, Mode.INFERENCE, s, 0),
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(1, 32, 32, 3))));
      staticHeadIn = headInput(s);
    }
    assertThat(headIn - staticHeadIn).as("dim(d) at the head of %s", name).isEqualTo(dimD);
    long step = units.get(0).spec().dims()[1];
    if (units.stream().allMatch(p -> p.spec().dims()[1] == step)) {
      assertThat(dimD).isEqualTo(kr.d0Dim() + units.size() * step);
    }
  }

  /** Input width of the classifier: the last [in, classes] kernel declared. */
  static long headInput(ParameterStore store) {
    List<Parameter> heads = store.trainable().stream()
        .filter(p -> p.spec().dims().length == 2 && p.spec().dims()[1] == CLASSES).toList();
    assertThat(heads).isNotEmpty();
    return heads.get(heads.size() - 1).spec().dims()[0];
  }

  @SuppressWarnings("unchecked")
  private static Operand<TFloat32> cast(Output<?> o) {
    return (Operand<TFloat32>) o;
  }

  @SuppressWarnings("unchecked")
  private static Variable<TFloat32> variable(Parameter p) {
    return (Variable<TFloat32>) p.variable();
  }

  private static TFloat32 randomImages(long seed) {
    Random r = new Random(seed);
    float[] v = new float[BATCH * INPUT.height() * INPUT.width() * INPUT.channels()];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return TFloat32.tensorOf(Shape.of(INPUT.batchDims(BATCH)), DataBuffers.of(v, true, false));
  }

  @Test
  void serviceLoaderFindsEveryBuiltInName() {
    List<String> builtIn = new ArrayList<>();
    builtIn.addAll(ResNet.VARIANTS.keySet());
    builtIn.addAll(MobileNetV2.VARIANTS.keySet());
    builtIn.addAll(SmallCnn.VARIANTS.keySet());
    assertThat(Backbones.list()).containsAll(builtIn);
    assertThat(builtIn).contains("resnet18", "resnet18-slim", "resnet50", "resnet50-v1.5",
        "mobilenetv2-1.0", "mobilenetv2-0.75", "mobilenetv2-0.5", "cnn-small", "test-cnn");
    assertThat(Backbones.list("resnet*")).containsExactly("resnet18", "resnet18-slim",
        "resnet50", "resnet50-v1.5");
    for (String n : builtIn) {
      assertThat(Backbones.factory(n).description()).isNotBlank();
    }
  }

  @Test
  void unknownNameListsKnownOnes() {
    assertThatThrownBy(() -> Backbones.create("resnet19", KrConfig.off()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resnet19")
        .hasMessageContaining("resnet18")
        .hasMessageContaining("mobilenetv2-1.0")
        .hasMessageContaining("test-cnn");
  }
}
