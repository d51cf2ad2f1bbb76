package kr.backbones.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kr.backbones.Backbones;
import kr.backbones.api.BackboneArgs;
import kr.backbones.api.BackboneFactory;
import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.methods.DynamicKernelMethods;
import kr.backbones.methods.KrMethod;
import kr.backbones.methods.StaticMethod;
import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
import kr.core.graph.Parameter;
import kr.core.graph.ParameterStore;
import kr.core.kr.HeadInput;
import kr.core.kr.KrConfig;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;
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
 * The contract every registered backbone meets, as a fixture a plugin's own tests can run ({@code
 * BackboneContract.check("my-net", new KrMethod(KrConfig.kr4x()))}; depend on kr-backbones with
 * {@code <type>test-jar</type>}). At 32×32×3, 10 classes, batch 2:
 *
 * <ul>
 *   <li>the backbone supports the method, builds, and gives logits [B, 10] without NaN;
 *   <li>the FLOPs ledger is not empty;
 *   <li>{@code head(features(x))} equals {@code logits(x)} (inference mode);
 *   <li>with KR, dim(d) at the head = d_0 + Σ (growth of each KR unit);
 *   <li>one plain gradient-descent step has a finite loss, a non-zero gradient, and a finite loss
 *       after it (skipped with {@code train = false});
 *   <li>every registered method the backbone does not support is rejected when the model is built,
 *       with an {@link IllegalArgumentException} naming the backbone and the method.
 * </ul>
 */
public final class BackboneContract {
  public static final InputSpec INPUT = InputSpec.cifar();
  public static final int CLASSES = 10;
  public static final int BATCH = 2;

  private BackboneContract() {}

  /** Every check, the training step included. */
  public static void check(String name, DynamicKernelMethod method) {
    check(name, method, true);
  }

  /** Every check; the training step only when {@code train}. */
  public static void check(String name, DynamicKernelMethod method, boolean train) {
    BackboneFactory factory = Backbones.factory(name);
    assertThat(factory.supports(method)).as("%s supports %s", name, method.name()).isTrue();
    ImageClassifier model = factory.create(BackboneArgs.of(method, INPUT, CLASSES));
    assertThat(model.numClasses()).isEqualTo(CLASSES);
    assertThat(model.input()).isEqualTo(INPUT);
    try (Graph g = new Graph();
        Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      ParameterStore store = new ParameterStore();
      BuildContext<TFloat32> ctx =
          BuildContext.create(tf, TFloat32.class, Mode.TRAINING, store, 42);
      Placeholder<TFloat32> images =
          tf.placeholder(
              TFloat32.class,
              Placeholder.shape(Shape.of(-1, INPUT.height(), INPUT.width(), INPUT.channels())));
      Operand<TFloat32> logits = model.logits(ctx, images);
      assertThat(logits.shape().asArray()).containsExactly(-1, CLASSES);
      assertThat(ctx.ledger().totalMacs()).as("MACs in the FLOPs ledger of %s", name).isPositive();
      if (method instanceof KrMethod kr
          && kr.config().usesRepresentation()
          && kr.config().headInput() == HeadInput.FULL) {
        checkRepresentationWidth(name, store, kr.config());
      }
      // Inference builds on the same parameters: logits, and the same through features + head.
      BuildContext<TFloat32> inference = ctx.withMode(Mode.INFERENCE);
      Operand<TFloat32> whole = model.logits(inference, images);
      Operand<TFloat32> split = model.head(inference, model.features(inference, images));

      Operand<TFloat32> labels =
          tf.oneHot(
              tf.constant(new int[] {1, 7}),
              tf.constant(CLASSES),
              tf.constant(1f),
              tf.constant(0f));
      Operand<TFloat32> loss =
          tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, labels).loss(), tf.constant(0));
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
            squares.add(
                tf.reduceSum(
                    tf.math.square(grad), tf.range(tf.constant(0), tf.rank(grad), tf.constant(1))));
            reached.add(i);
          }
        }
        gradNorm = tf.math.addN(squares);
        // Plain gradient descent, clipped to a global norm of 1: BatchNorm over batch 2 on the
        // 1×1 maps of a 32×32 input makes raw gradients huge, and an unclipped step can overflow.
        Operand<TFloat32> lr =
            tf.math.div(
                tf.constant(1e-2f), tf.math.maximum(tf.math.sqrt(gradNorm), tf.constant(1f)));
        for (int i : reached) {
          step.add(tf.train.applyGradientDescent(variable(params.get(i)), lr, cast(grads[i])));
        }
        step.addAll(ctx.updates());
      }

      session.initialize();
      try (TFloat32 batch = randomImages(3);
          TFloat32 batch2 = randomImages(4)) {
        // Forward, loss and gradients first; the update runs alone (the parameters are ref
        // variables read through Identity, so an in-place update in the same run could be seen
        // half-way by the forward pass).
        Session.Runner r =
            session
                .runner()
                .feed(images, batch)
                .fetch(logits)
                .fetch(loss)
                .fetch(whole)
                .fetch(split);
        if (train) {
          r.fetch(gradNorm);
        }
        try (Result res = r.run()) {
          TFloat32 out = (TFloat32) res.get(0);
          assertThat(out.shape().asArray()).containsExactly(BATCH, CLASSES);
          TFloat32 a = (TFloat32) res.get(2);
          TFloat32 b2 = (TFloat32) res.get(3);
          for (int b = 0; b < BATCH; b++) {
            for (int c = 0; c < CLASSES; c++) {
              assertThat(out.getFloat(b, c)).as("logit[%d,%d]", b, c).isFinite();
              assertThat(b2.getFloat(b, c))
                  .as("head(features)[%d,%d]", b, c)
                  .isEqualTo(a.getFloat(b, c));
            }
          }
          assertThat(((TFloat32) res.get(1)).getFloat()).as("loss").isFinite();
          if (train) {
            assertThat(((TFloat32) res.get(4)).getFloat())
                .as("squared gradient norm")
                .isFinite()
                .isPositive();
          }
        }
        if (train) {
          Session.Runner update = session.runner().feed(images, batch);
          step.forEach(update::addTarget);
          update.run().close();
          try (Result res = session.runner().feed(images, batch2).fetch(loss).run()) {
            assertThat(((TFloat32) res.get(0)).getFloat()).as("loss after one step").isFinite();
          }
        }
      }
    }
    checkUnsupportedMethodsAreRejected(name);
  }

  /** Every registered method {@code name} does not support fails at build time, naming both. */
  public static void checkUnsupportedMethodsAreRejected(String name) {
    BackboneFactory factory = Backbones.factory(name);
    for (String m : DynamicKernelMethods.list()) {
      DynamicKernelMethod method = DynamicKernelMethods.get(m);
      if (!factory.supports(method)) {
        assertThatThrownBy(() -> factory.create(BackboneArgs.of(method, INPUT, CLASSES)))
            .as("%s with %s", name, m)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(name)
            .hasMessageContaining(m);
      }
    }
  }

  /**
   * dim(d) at the head = d_0 + Σ step of every KR unit; the head's input is cat[pooled, d], so its
   * width minus the static model's head width (pooled features only) is dim(d).
   */
  private static void checkRepresentationWidth(String name, ParameterStore store, KrConfig kr) {
    List<Parameter> units =
        store.trainable().stream().filter(p -> p.path().endsWith("/krg_out/kernel")).toList();
    assertThat(units).as("KR units of %s", name).isNotEmpty();
    long growth = units.stream().mapToLong(p -> p.spec().dims()[1]).sum();
    long dimD = kr.d0Dim() + growth;
    long headIn = headInput(store);
    long staticHeadIn;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      ParameterStore s = new ParameterStore();
      Backbones.create(name, StaticMethod.INSTANCE, INPUT, CLASSES)
          .logits(
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
  private static long headInput(ParameterStore store) {
    List<Parameter> heads =
        store.trainable().stream()
            .filter(p -> p.spec().dims().length == 2 && p.spec().dims()[1] == CLASSES)
            .toList();
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
}
