package kr.backbones.methods;

import kr.backbones.api.ConvRole;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.Init;
import kr.core.graph.ParamSpec;
import kr.core.layers.Conv2d;
import kr.core.layers.ConvGeometry;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TFloating;

/**
 * Weight Excitation (Quader et al., "Weight Excitation: Built-in Attention Mechanisms in
 * Convolutional Neural Networks", ECCV 2020): a training-time reparameterisation of each
 * convolution's weights, input-independent, so inference costs what the baseline costs. No public
 * code was found; everything marked [mem, low confidence] is recalled from the paper, unverified.
 *
 * <p>The convolution uses W' = LWE(MWE(W)) in place of its stored kernel W ({@code name/kernel}, He
 * normal fan-out, the baseline's parameter):
 *
 * <ul>
 *   <li>MWE, magnitude-based: w₁ = M_A·atanh(w/M_A), M_A = (1+ε)·max|W| over the layer, ε = 0.2
 *       [mem, low confidence: ε, per-layer (not per-filter) max]. M_A is differentiated as defined
 *       (the max reaches the largest-magnitude weight only) [choice: the paper derives the gradient
 *       with M_A held constant].
 *   <li>LWE, location-based, on MWE's output [mem, low confidence: the order of the two]: for each
 *       output filter o, v_o = mean over k×k of w₁[·, ·, :, o] ∈ R^{C_in/g}, then FC (C_in/g →
 *       max(1, C_in/g/16), bias) → ReLU → FC (→ C_in/g, bias) → sigmoid = m_o ∈ (0, 1)^{C_in/g}
 *       [mem, low confidence: reduction 16, biases, no rescaling of m]. The FCs are shared by the
 *       layer's filters. W'[i, j, c, o] = m_o[c]·w₁[i, j, c, o].
 * </ul>
 *
 * <p>Placement [mem, low confidence]: every convolution but the stem (block convolutions,
 * shortcuts, MobileNetV2 final 1×1); classifier static.
 *
 * <p>Params: the LWE FCs are training-only; after training W' is folded into a static kernel, so
 * the inference parameters equal the baseline ({@link #inferenceParams}). FLOPs: the static
 * convolution's MACs only (seed cells R18 1.82G, R50 3.86G); the FCs run once per step, not per
 * sample, and are not counted.
 */
public final class WeightExcitation extends LayerwiseMethod {
  public static final String NAME = "we";
  public static final double EPSILON = 0.2;
  public static final int REDUCTION = 16;

  public WeightExcitation() {
    super(ConvRole.STEM);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String description() {
    return "Weight Excitation (ECCV 2020), MWE + LWE reparameterisation, every conv but the stem";
  }

  /** Hidden width of the LWE FCs for C_in/g inputs per filter. */
  public static int hidden(int inPerGroup) {
    return Math.max(1, inPerGroup / REDUCTION);
  }

  /** Parameters of the folded (inference) layer: the baseline kernel. */
  public static long inferenceParams(ConvGeometry g) {
    return g.kernelSize();
  }

  /** The excited convolution: parameters {@code name/kernel}, {@code name/lwe/fc1|fc2}. */
  @Override
  public <T extends TFloating> Operand<T> layer(
      BuildContext<T> ctx, String name, ConvGeometry g, Operand<T> x) {
    BuildContext<T> c = ctx.child(name);
    long[] dims = BuildContext.staticDims(x, name + " input");
    Operand<T> w = c.param("kernel", g.kernelSpec(Init.heNormal(Init.Fan.OUT)));
    Operand<T> excited = excite(c, g, w);
    Operand<T> y = Conv2d.convolve(c.tf(), x, excited, g);
    c.countMacs("conv", g.macs(dims[1], dims[2]));
    return y;
  }

  /** W' = LWE(MWE(W)) for a kernel [k, k, C_in/g, C_out]. */
  <T extends TFloating> Operand<T> excite(BuildContext<T> c, ConvGeometry g, Operand<T> w) {
    Ops tf = c.tf();
    long[] kd = g.kernelDims();
    // MWE: M_A·atanh(w/M_A) = M_A/2·ln((1 + u)/(1 − u)), u = w/M_A.
    Operand<T> ma =
        tf.math.mul(
            tf.reduceMax(tf.math.abs(w), tf.constant(new int[] {0, 1, 2, 3})),
            c.scalar(1 + EPSILON));
    Operand<T> u = tf.math.div(w, ma);
    Operand<T> one = c.scalar(1);
    Operand<T> w1 =
        tf.math.mul(
            tf.math.mul(ma, c.scalar(0.5)),
            tf.math.log(tf.math.div(tf.math.add(one, u), tf.math.sub(one, u))));
    // LWE: per output filter, mean over k×k → FC → ReLU → FC → sigmoid.
    BuildContext<T> l = c.child("lwe");
    int cin = (int) kd[2];
    int hid = hidden(cin);
    Operand<T> v =
        tf.linalg.transpose(
            tf.math.mean(w1, tf.constant(new int[] {0, 1})),
            tf.constant(new int[] {1, 0})); // [C_out, C_in/g]
    Operand<T> h = tf.nn.relu(fc(l, "fc1", v, cin, hid));
    Operand<T> m = tf.math.sigmoid(fc(l, "fc2", h, hid, cin)); // [C_out, C_in/g]
    Operand<T> mk =
        tf.reshape(
            tf.linalg.transpose(m, tf.constant(new int[] {1, 0})),
            tf.constant(new long[] {1, 1, cin, kd[3]}));
    return tf.math.mul(w1, mk);
  }

  /** An FC (PyTorch default init) that records no MACs: it runs once per step, not per sample. */
  private static <T extends TFloating> Operand<T> fc(
      BuildContext<T> ctx, String name, Operand<T> x, int in, int out) {
    Checks.positive("fc width", out);
    BuildContext<T> c = ctx.child(name);
    Operand<T> k =
        c.param("kernel", ParamSpec.trainable(new long[] {in, out}, in, out, Init.lecunUniform()));
    Operand<T> b = c.param("bias", ParamSpec.vector(out, Init.zeros()));
    return c.tf().math.add(c.tf().linalg.matMul(x, k), b);
  }
}
