package kr.core.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import kr.core.layers.Linear;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class PathScopeTest {

  /**
   * Ops built through a context are named after its path, variables after the parameter's path; the
   * same module built twice (training and inference) gets fresh names, and ops built with the
   * caller's own Ops at the root never collide with them.
   */
  @Test
  void opsAreNamedByModulePathWithoutCollisions() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x =
          tf.withName("x").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 3)));
      BuildContext<TFloat32> ctx = BuildContext.training(tf, 1);
      BuildContext<TFloat32> block = ctx.child("block0").child("mlp");
      Operand<TFloat32> y = new Linear("fc1", 4).apply(block, x);
      Operand<TFloat32> z =
          new Linear("fc1", 4).apply(ctx.withMode(Mode.INFERENCE).child("block0").child("mlp"), x);
      Operand<TFloat32> root = tf.math.add(tf.identity(x), tf.identity(x));
      Operand<TFloat32> atRoot = ctx.tf().math.add(x, x);

      assertThat(y.op().name()).startsWith("block0/mlp/fc1/");
      assertThat(z.op().name()).startsWith("block0/mlp/fc1/").isNotEqualTo(y.op().name());
      assertThat(ctx.store().find("block0/mlp/fc1/kernel").orElseThrow().variable().op().name())
          .isEqualTo("block0/mlp/fc1/kernel");
      assertThat(g.operation("block0/mlp/fc1/kernel/read")).isNotNull();
      assertThat(root.op().name()).doesNotContain("/");
      assertThat(atRoot.op().name()).doesNotContain("/").isNotEqualTo(root.op().name());

      List<String> names = new ArrayList<>();
      for (Iterator<GraphOperation> it = g.operations(); it.hasNext(); ) {
        names.add(it.next().name());
      }
      assertThat(names).doesNotHaveDuplicates();
      assertThat(names.stream().filter(n -> n.startsWith("block0/mlp/fc1/MatMul"))).hasSize(2);

      // The graph runs: initialisers and both builds.
      try (Session s = new Session(g)) {
        s.initialize();
        try (TFloat32 in = TFloat32.tensorOf(Shape.of(2, 3));
            var r = s.runner().feed(x, in).fetch(y).fetch(z).run()) {
          assertThat(r.size()).isEqualTo(2);
        }
      }
    }
  }
}
