package kr.core.dynamic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import kr.core.layers.ConvGeometry;
import kr.core.testing.NaiveDynamic;
import kr.core.testing.TestGraph;
import org.junit.jupiter.api.Test;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat64;

class PerSampleConvTest {
  private static final int B = 2;
  private static final int H = 5;

  /** Each sample convolved with its own kernel equals the direct per-sample convolution. */
  private static void check(ConvGeometry g, int seed) {
    Random rnd = new Random(seed);
    int cinG = g.in() / g.groups();
    int k = g.kernel();
    double[] x = TestGraph.random(rnd, B * H * H * g.in());
    double[] w = TestGraph.random(rnd, B * k * k * cinG * g.out());
    double[][] kern = new double[B][];
    int size = k * k * cinG * g.out();
    for (int b = 0; b < B; b++) {
      kern[b] = Arrays.copyOfRange(w, b * size, (b + 1) * size);
    }
    int ho = (int) g.outSize(H);
    int pad = k / 2;
    double[] expected =
        NaiveDynamic.conv(
            x, B, H, H, g.in(), kern, k, g.out(), g.groups(), g.stride(), pad, pad, ho, ho);
    try (TestGraph t = new TestGraph()) {
      Operand<TFloat64> xs = t.input64(x, B, H, H, g.in());
      Operand<TFloat64> ws = t.input64(w, B, k, k, cinG, g.out());
      double[] y = t.eval(PerSampleConv.apply(t.tf, xs, ws, g));
      assertThat(y).containsExactly(expected, within(1e-10));
    }
  }

  @Test
  void denseConvolutionMatchesTheDirectOne() {
    check(ConvGeometry.of(3, 4, 3, 1), 1);
    check(ConvGeometry.of(3, 4, 3, 2), 2);
    check(ConvGeometry.of(3, 4, 1, 1), 3);
    check(ConvGeometry.of(3, 4, 1, 2), 6);
  }

  @Test
  void depthwiseConvolutionMatchesTheDirectOne() {
    check(ConvGeometry.depthwise(4, 3, 1), 4);
    check(ConvGeometry.depthwise(4, 3, 2), 5);
  }
}
