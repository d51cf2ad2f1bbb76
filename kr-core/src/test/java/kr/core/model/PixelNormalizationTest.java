package kr.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import kr.core.graph.Mode;
import kr.core.kr.LowFrequencySpectrum;
import kr.core.testing.TestGraph;
import org.junit.jupiter.api.Test;

/** d_0 reads the images' pixel values: the normalisation is undone before the spectrum. */
class PixelNormalizationTest {
  private static final int H = 8;
  private static final int W = 8;

  @Test
  void toPixelsUndoesThePerChannelNormalisation() {
    PixelNormalization n = PixelNormalization.of(new float[] {0.5f, 0.25f}, new float[] {2f, 4f});
    double[] normalised = {1, -1, 0.5, 0.25};
    try (TestGraph g = new TestGraph()) {
      var ctx = g.context64(Mode.INFERENCE);
      double[] pixels = g.eval(n.toPixels(ctx, g.input64(normalised, 1, 1, 2, 2)));
      assertThat(pixels)
          .containsExactly(
              new double[] {1 * 2 + 0.5, -1 * 4 + 0.25, 0.5 * 2 + 0.5, 0.25 * 4 + 0.25},
              within(1e-6));
    }
  }

  @Test
  void spectrumOfNormalisedImagesWithTheirNormalisationIsTheSpectrumOfThePixels() {
    float mean = 0.3f;
    float std = 0.35f;
    Random rnd = new Random(3);
    double[] pixels = new double[2 * H * W];
    double[] normalised = new double[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = rnd.nextDouble();
      normalised[i] = (pixels[i] - mean) / std;
    }
    PixelNormalization n = PixelNormalization.of(new float[] {mean}, new float[] {std});
    try (TestGraph g = new TestGraph()) {
      var ctx = g.context64(Mode.INFERENCE);
      LowFrequencySpectrum s = LowFrequencySpectrum.paper();
      double[] fromPixels = g.eval(s.apply(ctx, g.input64(pixels, 2, H, W, 1)));
      double[] undone = g.eval(s.apply(ctx, n.toPixels(ctx, g.input64(normalised, 2, H, W, 1))));
      assertThat(undone).containsExactly(fromPixels, within(1e-6));
    }
  }

  @Test
  void aBrightAndADarkImageShareTheirDcMagnitudeOnlyWhenNormalised() {
    // Two flat images as far above the dataset mean as the other is below it.
    float mean = 0.5f;
    float std = 0.25f;
    double[] normalised = new double[2 * H * W];
    for (int i = 0; i < H * W; i++) {
      normalised[i] = (0.8 - mean) / std;
      normalised[H * W + i] = (0.2 - mean) / std;
    }
    PixelNormalization n = PixelNormalization.of(new float[] {mean}, new float[] {std});
    // The centred block lists DC at position (4, 4) of each channel's 8×8 block.
    int dc = 4 * 8 + 4;
    try (TestGraph g = new TestGraph()) {
      var ctx = g.context64(Mode.INFERENCE);
      LowFrequencySpectrum s = LowFrequencySpectrum.paper();
      double[] onNormalised = g.eval(s.apply(ctx, g.input64(normalised, 2, H, W, 1)));
      assertThat(onNormalised[dc]).isCloseTo(onNormalised[64 + dc], within(1e-9));
      double[] onPixels = g.eval(s.apply(ctx, n.toPixels(ctx, g.input64(normalised, 2, H, W, 1))));
      assertThat(onPixels[dc]).isCloseTo(0.8, within(1e-6));
      assertThat(onPixels[64 + dc]).isCloseTo(0.2, within(1e-6));
    }
  }

  @Test
  void oneChannelsValuesServeAReplicatedChannel() {
    PixelNormalization gray = PixelNormalization.of(new float[] {0.5f}, new float[] {0.5f});
    try (TestGraph g = new TestGraph()) {
      var ctx = g.context64(Mode.INFERENCE);
      double[] px = g.eval(gray.toPixels(ctx, g.input64(new double[] {1, 0, -1}, 1, 1, 1, 3)));
      assertThat(px).containsExactly(new double[] {1, 0.5, 0}, within(1e-9));
    }
  }

  @Test
  void refusesMismatchedChannelsAndNonPositiveStd() {
    assertThatThrownBy(() -> new PixelNormalization(List.of(0.5, 0.5), List.of(0.2)))
        .hasMessageContaining("one mean and one std per channel");
    assertThatThrownBy(() -> new PixelNormalization(List.of(0.5), List.of(0.0)))
        .hasMessageContaining("pixel std[0]");
    assertThatThrownBy(
            () ->
                new InputSpec(
                    28, 28, 3, new PixelNormalization(List.of(0.1, 0.2), List.of(0.3, 0.4))))
        .hasMessageContaining("normalization");
    InputSpec plain = new InputSpec(28, 28, 1);
    assertThat(plain.normalization().absent()).isTrue();
    assertThat(
            plain.sameShape(
                plain.withNormalization(
                    PixelNormalization.of(new float[] {0.2f}, new float[] {0.3f}))))
        .isTrue();
  }
}
