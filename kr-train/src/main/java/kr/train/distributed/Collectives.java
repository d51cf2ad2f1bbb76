package kr.train.distributed;

import java.util.List;
import kr.core.graph.Checks;
import org.tensorflow.DeviceSpec;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.OperationAttributeInspector;
import org.tensorflow.OperationBuilder;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * TensorFlow's {@code CollectiveReduce} op, built with its attributes, and the gradient KR-Java
 * registers for it.
 *
 * <p><b>Instance keys.</b> Members of a group match the {@code i}-th collective of each other by
 * its instance key, so every collective of a graph has its own key, the same on every member. The
 * ranges: {@link #GRADIENTS} upward for the gradient all-reduce (one key per tensor, or one fused),
 * {@link #SYNC_BATCH_NORM} upward for the BatchNorm statistics of synchronised BatchNorm (one per
 * layer, in build order), {@link #EVALUATION} and {@link #START} for the evaluation sums and the
 * start-up check, and {@link #BACKWARD_OFFSET} plus a forward key for that collective's gradient.
 *
 * <p><b>The gradient.</b> TensorFlow's gradient registry has none for collectives. For the mean
 * over a group ({@code merge_op Add}, {@code final_op Div}), every member's output is {@code
 * (1/N)·Σ x_r}, so the gradient of the sum of all members' losses with respect to {@code x_r} is
 * the mean of the members' incoming gradients: the gradient of a mean all-reduce is a mean
 * all-reduce (of a sum, a sum). {@link #registerGradient()} installs that, keyed {@link
 * #BACKWARD_OFFSET} above the forward op's own key, on the forward op's device.
 */
public final class Collectives {
  /** First instance key of the gradient all-reduce. */
  public static final int GRADIENTS = 1;

  /** First instance key of synchronised BatchNorm's statistics. */
  public static final int SYNC_BATCH_NORM = 100_000;

  /** Instance key of the evaluation sums. */
  public static final int EVALUATION = 300_000;

  /** Instance key of the start-up check. */
  public static final int START = 300_001;

  /** A collective's gradient has the instance key of the collective plus this. */
  public static final int BACKWARD_OFFSET = 1_000_000;

  /** Group key of the tasks (one member per task). */
  public static final int TASKS_GROUP = 1;

  /** Group key of every replica (one member per tower of every task). */
  public static final int REPLICAS_GROUP = 2;

  private static final String OP = "CollectiveReduce";
  private static boolean gradientRegistered;

  private Collectives() {}

  /** How the members' tensors are combined. */
  public enum Reduction {
    /** The mean: merge {@code Add}, final {@code Div}. */
    MEAN("Add", "Div"),
    /** The sum: merge {@code Add}, final {@code Id}. */
    SUM("Add", "Id"),
    /** The element-wise maximum (no gradient). */
    MAX("Max", "Id");

    private final String merge;
    private final String finalOp;

    Reduction(String merge, String finalOp) {
      this.merge = merge;
      this.finalOp = finalOp;
    }
  }

  /**
   * One member's share of a collective reduction.
   *
   * @param tf graph ops
   * @param x this member's tensor (same shape on every member)
   * @param device this member's device
   * @param group the group
   * @param instanceKey the collective's key, the same on every member
   * @param reduction how the tensors are combined
   * @return the reduction of every member's {@code x}, on {@code device}
   */
  public static <T extends TNumber> Operand<T> reduce(
      Ops tf,
      Operand<T> x,
      DeviceSpec device,
      CollectiveGroup group,
      int instanceKey,
      Reduction reduction) {
    Checks.notNull("x", x);
    Checks.notNull("device", device);
    OperationBuilder b =
        tf.withDevice(device)
            .scope()
            .opBuilder(OP, "Collective_" + group.key() + "_" + instanceKey)
            .addInput(x.asOutput());
    return build(
        b,
        group.size(),
        group.key(),
        instanceKey,
        reduction,
        group.hint().attr(),
        group.timeout().toMillis() / 1000f);
  }

  @SuppressWarnings("unchecked")
  private static <T extends TNumber> Operand<T> build(
      OperationBuilder b,
      long size,
      long groupKey,
      long instanceKey,
      Reduction reduction,
      String hint,
      float timeoutSeconds) {
    Checks.positive("instanceKey", instanceKey);
    Operand<?> out =
        b.setAttr("group_size", size)
            .setAttr("group_key", groupKey)
            .setAttr("instance_key", instanceKey)
            .setAttr("merge_op", reduction.merge)
            .setAttr("final_op", reduction.finalOp)
            .setAttr("subdiv_offsets", new long[] {0})
            .setAttr("communication_hint", hint)
            .setAttr("timeout_seconds", timeoutSeconds)
            .build()
            .output(0);
    return (Operand<T>) out;
  }

  /**
   * Registers the gradient of {@code CollectiveReduce} (see the class comment), once per process;
   * later calls do nothing.
   *
   * @throws IllegalStateException if TensorFlow already has another gradient for it
   */
  public static synchronized void registerGradient() {
    if (gradientRegistered) {
      return;
    }
    boolean ok = TensorFlow.registerCustomGradient(OP, Collectives::gradient);
    if (!ok) {
      throw new IllegalStateException("TensorFlow already has a gradient for " + OP);
    }
    gradientRegistered = true;
  }

  private static List<Operand<?>> gradient(Ops tf, GraphOperation op, List<Output<?>> upstream) {
    OperationAttributeInspector a = op.attributes();
    String merge = a.getAttrString("merge_op");
    String finalOp = a.getAttrString("final_op");
    Reduction r;
    if (merge.equals("Add") && finalOp.equals("Div")) {
      r = Reduction.MEAN;
    } else if (merge.equals("Add") && finalOp.equals("Id")) {
      r = Reduction.SUM;
    } else {
      throw new IllegalStateException(
          op.name() + ": no gradient for a collective with merge_op " + merge);
    }
    long key = a.getAttrInt("instance_key");
    OperationBuilder b =
        tf.scope()
            .opBuilder(
                OP, "Collective_" + a.getAttrInt("group_key") + "_" + (key + BACKWARD_OFFSET))
            .addInput(upstream.get(0))
            .setDevice(op.device());
    return List.of(
        build(
            b,
            a.getAttrInt("group_size"),
            a.getAttrInt("group_key"),
            Math.addExact(key, BACKWARD_OFFSET),
            r,
            a.getAttrString("communication_hint"),
            a.getAttrFloat("timeout_seconds")));
  }
}
