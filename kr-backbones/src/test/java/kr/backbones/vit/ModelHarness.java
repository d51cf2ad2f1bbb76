package kr.backbones.vit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
import kr.core.graph.Parameter;
import kr.core.graph.ParameterStore;
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

/** Builds, runs and trains whole classifiers in tests (shared by the ViT and PoolFormer tests). */
public final class ModelHarness {
  private ModelHarness() {}

  /** Per-sample MACs of {@code model}'s inference graph (the graph is only built, never run). */
  public static long macs(ImageClassifier model) {
    try (Graph g = new Graph()) {
      BuildContext<TFloat32> ctx = context(g, Mode.INFERENCE);
      model.logits(ctx, images(ctx.tf(), model.input(), -1));
      return ctx.ledger().totalMacs();
    }
  }

  /** A float32 context with a fresh store on {@code g}. */
  public static BuildContext<TFloat32> context(Graph g, Mode mode) {
    return BuildContext.create(Ops.create(g), TFloat32.class, mode, new ParameterStore(), 11);
  }

  /** An image placeholder [batch, H, W, C] (batch -1 = unknown). */
  public static Placeholder<TFloat32> images(Ops tf, InputSpec in, long batch) {
    return tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(in.batchDims(batch))));
  }

  /** Random N(0, 1) images as a tensor. */
  public static TFloat32 randomImages(InputSpec in, int batch, long seed) {
    long[] dims = in.batchDims(batch);
    float[] v = new float[(int) Shape.of(dims).size()];
    Random r = new Random(seed);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return TFloat32.tensorOf(Shape.of(dims), DataBuffers.of(v, true, false));
  }

  /** The logits of a random batch of two are [2, classes] and finite (inference mode). */
  public static void assertFiniteLogits(ImageClassifier model) {
    Forward f = forward(model, 2);
    assertThat(f.shape()).containsExactly(2, model.numClasses());
    for (float v : f.values()) {
      assertThat(v).isFinite();
    }
  }

  /**
   * Prints {@code macs} beside the paper's figure for {@code cell} and requires them within 3%.
   *
   * @param cell the table cell, e.g. {@code T2 ViT-Tiny KR4x}
   * @param macs our per-sample MACs ({@link #macs})
   * @param paper the paper's FLOPs for the cell
   */
  public static void assertWithin3PercentOfPaper(String cell, long macs, double paper) {
    System.out.printf(
        "FLOPS %-24s ours %8.1fM  paper %8.1fM  (%+.1f%%)%n",
        cell, macs / 1e6, paper / 1e6, 100 * (macs - paper) / paper);
    assertThat((double) macs).isCloseTo(paper, within(0.03 * paper));
  }

  /**
   * One {@link #trainStep} on a batch of two reaches every trainable parameter with a gradient and
   * gives finite losses before and after.
   */
  public static void assertOneStepReachesEveryParameter(ImageClassifier model) {
    Step s = trainStep(model, 2, 0.01f);
    assertThat(s.lossBefore()).isFinite().isPositive();
    assertThat(s.lossAfter()).isFinite();
    assertThat(s.gradients()).isEqualTo(s.parameters());
  }

  /** The logits' static shape and values for a random batch, in inference mode. */
  public record Forward(long[] shape, float[] values) {}

  public static Forward forward(ImageClassifier model, int batch) {
    try (Graph g = new Graph();
        Session s = new Session(g);
        TFloat32 x = randomImages(model.input(), batch, 3)) {
      BuildContext<TFloat32> ctx = context(g, Mode.INFERENCE);
      Placeholder<TFloat32> in = images(ctx.tf(), model.input(), batch);
      Operand<TFloat32> logits = model.logits(ctx, in);
      s.initialize();
      try (Result r = s.runner().feed(in, x).fetch(logits).run()) {
        TFloat32 t = (TFloat32) r.get(0);
        float[] v = new float[(int) t.shape().size()];
        t.copyTo(DataBuffers.of(v, false, false));
        return new Forward(t.shape().asArray(), v);
      }
    }
  }

  /** Losses before and after one plain gradient-descent step, and how many gradients were set. */
  public record Step(float lossBefore, float lossAfter, int gradients, int parameters) {}

  /**
   * One training step: softmax cross-entropy on random images and labels, gradients by {@code
   * Graph.addGradients} on every trainable parameter's value, {@code ApplyGradientDescent} on its
   * variable, BatchNorm updates run alongside.
   */
  @SuppressWarnings("unchecked")
  public static Step trainStep(ImageClassifier model, int batch, float learningRate) {
    try (Graph g = new Graph();
        Session s = new Session(g);
        TFloat32 x = randomImages(model.input(), batch, 5)) {
      BuildContext<TFloat32> ctx = context(g, Mode.TRAINING);
      Ops tf = ctx.tf();
      Placeholder<TFloat32> in = images(tf, model.input(), batch);
      Operand<TFloat32> logits = model.logits(ctx, in);
      float[] onehot = new float[batch * model.numClasses()];
      for (int b = 0; b < batch; b++) {
        onehot[b * model.numClasses() + (b % model.numClasses())] = 1;
      }
      Operand<TFloat32> labels =
          tf.constant(Shape.of(batch, model.numClasses()), DataBuffers.of(onehot, true, false));
      Operand<TFloat32> loss =
          tf.math.mean(tf.nn.softmaxCrossEntropyWithLogits(logits, labels).loss(), tf.constant(0));
      List<Parameter> params = ctx.store().trainable();
      Output<?>[] xs = params.stream().map(p -> p.value().asOutput()).toArray(Output[]::new);
      Output<?>[] grads = g.addGradients(loss.asOutput(), xs);
      List<Op> updates = new ArrayList<>(ctx.updates());
      int reached = 0;
      Operand<TFloat32> lr = tf.constant(learningRate);
      for (int i = 0; i < grads.length; i++) {
        if (grads[i] == null) {
          continue;
        }
        reached++;
        updates.add(
            tf.train.applyGradientDescent(
                (Variable<TFloat32>) params.get(i).variable(), lr, (Operand<TFloat32>) grads[i]));
      }
      s.initialize();
      Session.Runner step = s.runner().feed(in, x).fetch(loss);
      updates.forEach(step::addTarget);
      float before;
      try (Result r = step.run()) {
        before = ((TFloat32) r.get(0)).getFloat();
      }
      float after;
      try (Result r = s.runner().feed(in, x).fetch(loss).run()) {
        after = ((TFloat32) r.get(0)).getFloat();
      }
      return new Step(before, after, reached, params.size());
    }
  }
}
