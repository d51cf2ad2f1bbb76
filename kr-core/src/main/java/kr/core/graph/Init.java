package kr.core.graph;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;

/**
 * A parameter initializer: a pure function of the shape, the fans and a seed pair, so that the same
 * seed gives the same parameters bit for bit (stateless random ops).
 *
 * <p>Fans are passed by the layer, which knows its layout (a conv kernel [kh, kw, in, out] has
 * fan-in kh·kw·in; a stack of n expert kernels keeps the fans of one kernel).
 */
@FunctionalInterface
public interface Init {

  /** Which fan a variance-scaling initializer divides by. */
  enum Fan {
    IN,
    OUT,
    AVG
  }

  <T extends TFloating> Operand<T> create(
      Ops tf, ParamSpec spec, Class<T> type, Operand<TInt64> seed);

  /** All zeros. */
  static Init zeros() {
    return new Init() {
      @Override
      public <T extends TFloating> Operand<T> create(
          Ops tf, ParamSpec spec, Class<T> type, Operand<TInt64> seed) {
        // Fill, not Zeros: TF Java's Zeros opens a sub-scope, which scans the whole graph.
        return tf.fill(tf.constant(spec.shape()), Scalars.of(tf, 0.0, type));
      }
    };
  }

  /** All ones. */
  static Init ones() {
    return constant(1.0);
  }

  /** Every element equal to {@code value}. */
  static Init constant(double value) {
    return new Init() {
      @Override
      public <T extends TFloating> Operand<T> create(
          Ops tf, ParamSpec spec, Class<T> type, Operand<TInt64> seed) {
        return tf.fill(tf.constant(spec.shape()), Scalars.of(tf, value, type));
      }
    };
  }

  /** Normal(0, std) truncated at two standard deviations (as ViT/DeiT initialise linears). */
  static Init truncatedNormal(double std) {
    return scaledNormal(std, true);
  }

  /** Normal(0, std). */
  static Init normal(double std) {
    return scaledNormal(std, false);
  }

  /** std · a standard normal draw, truncated at ±2 or not. */
  private static Init scaledNormal(double std, boolean truncated) {
    Checks.positive("std", std);
    return new Init() {
      @Override
      public <T extends TFloating> Operand<T> create(
          Ops tf, ParamSpec spec, Class<T> type, Operand<TInt64> seed) {
        Operand<TInt64> shape = tf.constant(spec.shape());
        Operand<TFloat32> draw =
            truncated
                ? tf.random.statelessTruncatedNormal(shape, seed)
                : tf.random.statelessRandomNormal(shape, seed);
        return tf.math.mul(tf.dtypes.cast(draw, type), Scalars.of(tf, std, type));
      }
    };
  }

  /** Uniform(-limit, limit). */
  static Init uniform(double limit) {
    Checks.positive("limit", limit);
    return new Init() {
      @Override
      public <T extends TFloating> Operand<T> create(
          Ops tf, ParamSpec spec, Class<T> type, Operand<TInt64> seed) {
        Operand<T> u =
            tf.dtypes.cast(tf.random.statelessRandomUniform(tf.constant(spec.shape()), seed), type);
        return tf.math.mul(
            tf.math.sub(tf.math.mul(u, Scalars.of(tf, 2.0, type)), Scalars.of(tf, 1.0, type)),
            Scalars.of(tf, limit, type));
      }
    };
  }

  /** He (Kaiming) normal, gain √2 for ReLU: std = √(2 / fan). */
  static Init heNormal(Fan fan) {
    return new Init() {
      @Override
      public <T extends TFloating> Operand<T> create(
          Ops tf, ParamSpec spec, Class<T> type, Operand<TInt64> seed) {
        return normal(Math.sqrt(2.0 / spec.fan(fan))).create(tf, spec, type, seed);
      }
    };
  }

  /** PyTorch's default for Linear/Conv weights: uniform(±1/√fanIn) (Kaiming-uniform, a = √5). */
  static Init lecunUniform() {
    return new Init() {
      @Override
      public <T extends TFloating> Operand<T> create(
          Ops tf, ParamSpec spec, Class<T> type, Operand<TInt64> seed) {
        return uniform(1.0 / Math.sqrt(spec.fanIn())).create(tf, spec, type, seed);
      }
    };
  }

  /** Helper shared by the initializers. */
  final class Scalars {
    private Scalars() {}

    static <T extends TFloating> Operand<T> of(Ops tf, double value, Class<T> type) {
      return tf.dtypes.cast(tf.constant(value), type);
    }
  }
}
