package kr.bench.report;

import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
import kr.core.graph.ParameterStore;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Multiply-accumulates per image and trainable parameters of a model, read from a graph built (not
 * run) at batch 1 — the same ledger the layers fill while building.
 */
public record ModelCost(long macs, long params) {

  public static ModelCost of(ImageClassifier model, InputSpec input) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      BuildContext<TFloat32> ctx =
          BuildContext.create(tf, TFloat32.class, Mode.INFERENCE, new ParameterStore(), 0);
      model.logits(
          ctx, tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(input.batchDims(1)))));
      return new ModelCost(ctx.ledger().totalMacs(), ctx.store().trainableCount());
    }
  }
}
