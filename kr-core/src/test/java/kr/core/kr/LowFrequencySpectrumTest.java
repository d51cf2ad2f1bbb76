package kr.core.kr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import kr.core.graph.Mode;
import kr.core.testing.TestGraph;
import org.jtransforms.fft.DoubleFFT_2D;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.types.TFloat32;

class LowFrequencySpectrumTest {

  @ParameterizedTest
  @CsvSource({
    "CENTERED, 16, 12, 3",
    "FIRST, 9, 10, 3",
    "CENTERED, 28, 28, 1",
    "CENTERED, 32, 32, 3"
  })
  void magnitudesEqualAReferenceFft(LowFrequencyBlock block, int h, int w, int c) {
    Random rnd = new Random(11);
    int batch = 2;
    double[] images = new double[batch * h * w * c];
    for (int i = 0; i < images.length; i++) {
      images[i] = rnd.nextDouble();
    }
    LowFrequencySpectrum spectrum = new LowFrequencySpectrum(8, block);
    double[] got;
    try (TestGraph g = new TestGraph()) {
      var ctx = g.context(TFloat32.class, Mode.INFERENCE, 1);
      got = g.eval(spectrum.apply(ctx, g.input32(TestGraph.toFloats(images), batch, h, w, c)));
    }
    assertThat(got).hasSize(batch * c * 64);
    int[] us = block.indices(h, 8);
    int[] vs = block.indices(w, 8);
    DoubleFFT_2D fft = new DoubleFFT_2D(h, w);
    for (int b = 0; b < batch; b++) {
      for (int ch = 0; ch < c; ch++) {
        double[] a = new double[h * 2 * w];
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            a[y * 2 * w + 2 * x] = images[((b * h + y) * w + x) * c + ch];
          }
        }
        fft.complexForward(a);
        for (int i = 0; i < 8; i++) {
          for (int j = 0; j < 8; j++) {
            double re = a[us[i] * 2 * w + 2 * vs[j]];
            double im = a[us[i] * 2 * w + 2 * vs[j] + 1];
            double expected = Math.hypot(re, im) / (h * w);
            assertThat(got[((b * c + ch) * 8 + i) * 8 + j])
                .as("b%d c%d u%d v%d", b, ch, us[i], vs[j])
                .isCloseTo(expected, within(1e-4));
          }
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({"CENTERED, 32", "FIRST, 32", "CENTERED, 8"})
  void centeredBlockHoldsTheSmallestFrequencies(LowFrequencyBlock block, int n) {
    int[] idx = block.indices(n, 8);
    assertThat(idx).hasSize(8).doesNotHaveDuplicates().contains(0);
    if (block == LowFrequencyBlock.CENTERED) {
      assertThat(idx[0]).isEqualTo(n - 4);
      assertThat(idx[4]).isEqualTo(0);
      assertThat(idx[7]).isEqualTo(3);
    } else {
      assertThat(idx).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    }
  }
}
