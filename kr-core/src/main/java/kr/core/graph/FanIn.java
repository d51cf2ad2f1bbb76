package kr.core.graph;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TType;

/**
 * Many-input ops (Concat, AddN) built as balanced trees whose nodes have at most {@link
 * #MAX_INPUTS} data inputs, so that gradients, and with them training runs, are reproducible.
 *
 * <p>Why: TensorFlow's C++ graph keeps a node's edges in an {@code EdgeSet}, which stores up to 8
 * edges inline, in insertion order, and switches to a hash set of edge pointers beyond that. The
 * symbolic gradient builder behind {@code Graph.addGradients} walks each node's input edges in that
 * order to decide which producer it differentiates next, and it sums the gradient contributions of
 * a tensor with several consumers (an {@code AddN}) in the order they arrived. A node with more
 * than 8 input edges (e.g. the 9-window im2col Concat of a 3×3 convolution plus its axis input) is
 * therefore walked in the order of heap addresses, which changes from graph to graph and process to
 * process; float addition is not associative, so two fresh runs of the same model differed at
 * ~1e-10 in the first step's gradients and ~1e-7 in the loss after an epoch. With at most 7 data
 * inputs plus the axis, every edge set stays inline and ordered.
 *
 * <p>A concatenation tree gives exactly the single Concat's value (it only copies, in order); a sum
 * tree adds consecutive groups, in a fixed order, so it may round differently from one AddN of more
 * than 7 terms but the same way on every run. Up to 7 parts or terms, both are that one op.
 */
public final class FanIn {
  /** Most data inputs of one node: 7, so that 7 values plus Concat's axis fit 8 inline edges. */
  public static final int MAX_INPUTS = 7;

  private FanIn() {}

  /** {@code concat(parts, axis)} as a tree of Concats with at most {@link #MAX_INPUTS} parts. */
  public static <T extends TType> Operand<T> concat(Ops tf, List<Operand<T>> parts, int axis) {
    List<Operand<T>> level = checked(parts);
    while (level.size() > 1) {
      List<Operand<T>> next = new ArrayList<>();
      for (List<Operand<T>> group : groups(level)) {
        next.add(group.size() == 1 ? group.get(0) : tf.concat(group, tf.constant(axis)));
      }
      level = next;
    }
    return level.get(0);
  }

  /** {@code addN(terms)} as a tree of AddNs with at most {@link #MAX_INPUTS} terms. */
  public static <T extends TType> Operand<T> addN(Ops tf, List<Operand<T>> terms) {
    List<Operand<T>> level = checked(terms);
    while (level.size() > 1) {
      List<Operand<T>> next = new ArrayList<>();
      for (List<Operand<T>> group : groups(level)) {
        next.add(group.size() == 1 ? group.get(0) : tf.math.addN(group));
      }
      level = next;
    }
    return level.get(0);
  }

  private static <T extends TType> List<Operand<T>> checked(List<Operand<T>> parts) {
    Checks.notNull("parts", parts);
    Checks.check(!parts.isEmpty(), "parts", parts, "must not be empty");
    return List.copyOf(parts);
  }

  /** Consecutive groups of near-equal size, at most {@link #MAX_INPUTS} each, in order. */
  private static <T> List<List<T>> groups(List<T> items) {
    int count = (items.size() + MAX_INPUTS - 1) / MAX_INPUTS;
    List<List<T>> out = new ArrayList<>(count);
    int start = 0;
    for (int g = 0; g < count; g++) {
      int end = start + (items.size() - start + (count - g) - 1) / (count - g);
      out.add(items.subList(start, end));
      start = end;
    }
    return out;
  }
}
