package kr.core.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import kr.core.kr.KrConfig;
import kr.core.model.InputSpec;
import kr.core.testing.TestGraph;
import kr.core.testing.TinyKrNet;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

class FanInTest {

  @Test
  void concatTreeEqualsOneConcatAndNoNodeHasMoreThanSevenParts() {
    for (int n : new int[] {1, 2, 7, 8, 9, 25, 50}) {
      try (TestGraph g = new TestGraph()) {
        Random rnd = new Random(n);
        List<Operand<TFloat64>> p = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          int width = i % 3 + 1;
          p.add(g.input64(TestGraph.random(rnd, 2 * width), 2, width));
        }
        Operand<TFloat64> tree = FanIn.concat(g.tf, p, 1);
        if (n == 1) {
          assertThat(tree).isSameAs(p.get(0));
          continue;
        }
        Operand<TFloat64> flat = g.tf.concat(p, g.tf.constant(1));
        List<double[]> v = g.run(Map.of(), tree, flat);
        assertThat(v.get(0)).as("n = %d", n).containsExactly(v.get(1));
        assertThat(maxDataInputs(g.graph, "ConcatV2", flat))
            .as("n = %d", n)
            .isLessThanOrEqualTo(FanIn.MAX_INPUTS);
      }
    }
  }

  @Test
  void addNTreeSumsEveryTerm() {
    Random rnd = new Random(5);
    for (int n : new int[] {1, 3, 7, 8, 15, 64}) {
      try (TestGraph g = new TestGraph()) {
        List<Operand<TFloat64>> terms = new ArrayList<>();
        double[] expected = new double[4];
        for (int i = 0; i < n; i++) {
          double[] t = TestGraph.random(rnd, 4);
          terms.add(g.input64(t, 4));
          for (int j = 0; j < 4; j++) {
            expected[j] += t[j];
          }
        }
        double[] got = g.eval(g.tf.identity(FanIn.addN(g.tf, terms)));
        for (int j = 0; j < 4; j++) {
          assertThat(got[j]).as("n = %d", n).isCloseTo(expected[j], within(1e-12));
        }
        assertThat(maxDataInputs(g.graph, "AddN", null)).isLessThanOrEqualTo(FanIn.MAX_INPUTS);
      }
    }
  }

  @Test
  void emptyInputIsRejected() {
    try (TestGraph g = new TestGraph()) {
      assertThatThrownBy(() -> FanIn.concat(g.tf, List.<Operand<TFloat64>>of(), 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("parts");
    }
  }

  /**
   * The training graph of a KR 4× network (3×3 per-sample im2col with 9 windows, attentions,
   * BatchNorm) and its gradients, built in fresh graphs: the same ops with the same inputs in the
   * same order, i.e. every gradient sum lists its terms in the same order. With one 9-window Concat
   * they did not (the order followed heap addresses).
   */
  @Test
  void gradientGraphOfAKrNetworkIsTheSameEveryBuild() {
    String first = krTrainingGraph();
    assertThat(first).contains("gradients/AddN");
    for (int i = 0; i < 3; i++) {
      assertThat(krTrainingGraph()).as("build %d", i + 2).isEqualTo(first);
    }
  }

  private static String krTrainingGraph() {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> images =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 8, 8, 3)));
      ParameterStore store = new ParameterStore();
      BuildContext<TFloat32> ctx =
          BuildContext.create(tf, TFloat32.class, Mode.TRAINING, store, 11);
      Operand<TFloat32> logits =
          new TinyKrNet(KrConfig.kr4x().withD0Dim(16), InputSpec.square(8, 3), 5, 16, 8)
              .logits(ctx, images);
      Operand<TFloat32> loss = tf.math.mean(tf.math.square(logits), tf.constant(new int[] {0, 1}));
      List<Parameter> params = store.trainable();
      Output<?>[] xs = new Output<?>[params.size()];
      for (int i = 0; i < xs.length; i++) {
        xs[i] = params.get(i).value().asOutput();
      }
      graph.addGradients(loss.asOutput(), xs);
      return structure(graph);
    }
  }

  /** Every op in creation order with its type and inputs (GraphDef bytes order attrs by hash). */
  private static String structure(Graph graph) {
    StringBuilder b = new StringBuilder();
    Iterator<GraphOperation> it = graph.operations();
    while (it.hasNext()) {
      GraphOperation op = it.next();
      b.append(op.name()).append(' ').append(op.type()).append(" <-");
      for (int i = 0; i < op.numInputs(); i++) {
        Output<?> in = op.input(i);
        b.append(' ').append(in.op().name()).append(':').append(in.index());
      }
      op.controlInputs().stream()
          .map(GraphOperation::name)
          .sorted()
          .forEach(n -> b.append(" ^").append(n));
      b.append('\n');
    }
    return b.toString();
  }

  /** Most data inputs of any {@code type} node other than {@code except}. */
  private static int maxDataInputs(Graph graph, String type, Operand<?> except) {
    int axis = type.equals("ConcatV2") ? 1 : 0;
    int max = 0;
    Iterator<GraphOperation> it = graph.operations();
    while (it.hasNext()) {
      GraphOperation op = it.next();
      if (op.type().equals(type) && (except == null || !op.name().equals(except.op().name()))) {
        max = Math.max(max, op.numInputs() - axis);
      }
    }
    return max;
  }
}
