package kr.core.graph;

import java.util.Arrays;
import org.tensorflow.ndarray.Shape;

/**
 * The declaration of one parameter: its shape, the fans a variance-scaling initializer uses, its
 * initializer and whether the optimizer trains it.
 */
public record ParamSpec(long[] dims, long fanIn, long fanOut, Init init, boolean trainable) {

  public ParamSpec {
    Checks.notNull("dims", dims);
    for (long d : dims) {
      Checks.check(d > 0, "dims", dims, "must all be > 0");
    }
    dims = dims.clone();
    Checks.positive("fanIn", fanIn);
    Checks.positive("fanOut", fanOut);
    Checks.notNull("init", init);
  }

  /** A trainable parameter. */
  public static ParamSpec trainable(long[] dims, long fanIn, long fanOut, Init init) {
    return new ParamSpec(dims, fanIn, fanOut, init, true);
  }

  /** A trainable vector (bias, scale) whose fans are its length. */
  public static ParamSpec vector(long size, Init init) {
    return new ParamSpec(new long[] {size}, size, size, init, true);
  }

  /** Non-trainable state (e.g. BatchNorm moving statistics). */
  public static ParamSpec state(long[] dims, Init init) {
    long n = Arrays.stream(dims).reduce(1, (a, b) -> a * b);
    return new ParamSpec(dims, Math.max(1, n), Math.max(1, n), init, false);
  }

  public Shape shape() {
    return Shape.of(dims);
  }

  /** Number of scalars. */
  public long size() {
    return Arrays.stream(dims).reduce(1, (a, b) -> a * b);
  }

  public long fan(Init.Fan fan) {
    return switch (fan) {
      case IN -> fanIn;
      case OUT -> fanOut;
      case AVG -> (fanIn + fanOut) / 2;
    };
  }

  @Override
  public long[] dims() {
    return dims.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParamSpec p
        && Arrays.equals(dims, p.dims)
        && fanIn == p.fanIn
        && fanOut == p.fanOut
        && init.equals(p.init)
        && trainable == p.trainable;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims) * 31 + Long.hashCode(fanIn) + (trainable ? 1 : 0);
  }

  @Override
  public String toString() {
    return "ParamSpec" + Arrays.toString(dims) + (trainable ? "" : " (state)");
  }
}
