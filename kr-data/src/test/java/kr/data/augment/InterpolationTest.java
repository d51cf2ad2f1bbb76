package kr.data.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import kr.data.Image;
import kr.data.pipeline.SplitMix64;
import org.junit.jupiter.api.Test;

/** Pillow-style bicubic (a = −0.5) against weights worked out by hand. */
class InterpolationTest {

  @Test
  void cubicKernelHasPillowsValues() {
    Interpolation c = Interpolation.BICUBIC;
    assertThat(c.weight(0)).isEqualTo(1.0);
    assertThat(c.weight(1)).isEqualTo(0.0);
    assertThat(c.weight(2)).isEqualTo(0.0);
    // ((a+2)t − (a+3))t² + 1 at t = 0.25: (0.375 − 2.5)·0.0625 + 1 = 111/128.
    assertThat(c.weight(0.25)).isEqualTo(111.0 / 128);
    assertThat(c.weight(-0.75)).isEqualTo(29.0 / 128);
    // a·(((t − 5)t + 8)t − 4) at t = 1.25: −0.5·0.140625 = −9/128.
    assertThat(c.weight(1.25)).isEqualTo(-9.0 / 128);
    assertThat(c.support()).isEqualTo(2.0);
  }

  @Test
  void bicubicUpsamplingMatchesHandComputedWeights() {
    // 1x2 → 1x4, scale 1/2: output centres 0.25, 0.75, 1.25, 1.75 in source pixels.
    // Centre 0.25: distances 0.25, 1.25 → weights 111, −9 (/128), normalised 37/34, −3/34.
    // Centre 0.75: distances 0.25, 0.75 → weights 111, 29, normalised 111/140, 29/140.
    Image row = Image.of(1, 2, 1, new float[] {20, 80});
    float[] out = Interpolation.BICUBIC.resize(row, 1, 4).pixels();
    assertThat(out[0]).isCloseTo(500f / 34, within(1e-4f));
    assertThat(out[1]).isCloseTo(4540f / 140, within(1e-4f));
    assertThat(out[2]).isCloseTo(100 - 4540f / 140, within(1e-4f));
    assertThat(out[3]).isCloseTo(100 - 500f / 34, within(1e-4f));
    // Overshoot is clamped as for Pillow's 8-bit images: 255·37/34 > 255, −255·3/34 < 0.
    float[] clamped =
        new Resize(1, 4, Interpolation.BICUBIC)
            .apply(Image.of(1, 2, 1, new float[] {0, 255}), new SplitMix64(1))
            .pixels();
    assertThat(clamped[0]).isEqualTo(0f);
    assertThat(clamped[1]).isCloseTo(255f * 29 / 140, within(1e-3f));
    assertThat(clamped[3]).isEqualTo(255f);
  }

  @Test
  void bicubicDownsamplingWidensTheKernel() {
    // 1x4 → 1x2, scale 2: the cubic is stretched to support 4. Output 0 has centre 1.0; sources
    // 0..3 at scaled
    // distances −0.25, 0.25, 0.75, 1.25 → weights 111, 111, 29, −9 (/128), sum 242/128.
    Image row = Image.of(1, 4, 1, new float[] {0, 40, 80, 120});
    float[] out = Interpolation.BICUBIC.resize(row, 1, 2).pixels();
    assertThat(out[0]).isCloseTo(5680f / 242, within(1e-4f));
    assertThat(out[1]).isCloseTo(120 - 5680f / 242, within(1e-4f));
  }

  @Test
  void bicubicKeepsConstantsAndIdentityAndIsTheCropsOption() {
    float[] px = new float[6 * 7 * 3];
    Arrays.fill(px, 77f);
    for (float v : Interpolation.BICUBIC.resize(Image.of(6, 7, 3, px), 11, 4).pixels()) {
      assertThat(v).isCloseTo(77f, within(1e-4f));
    }
    Image g = Image.of(2, 2, 1, new float[] {1, 2, 3, 4});
    assertThat(Interpolation.BICUBIC.resize(g, 2, 2)).isSameAs(g);
    float[] ramp = new float[5 * 5];
    for (int i = 0; i < ramp.length; i++) {
      ramp[i] = 7 * i;
    }
    Image src = Image.of(5, 5, 1, ramp);
    RandomResizedCrop whole =
        new RandomResizedCrop(3, 3, 1, 1, 1, 1).withInterpolation(Interpolation.BICUBIC);
    assertThat(whole.interpolation()).isEqualTo(Interpolation.BICUBIC);
    assertThat(whole.apply(src, new SplitMix64(3)).pixels())
        .containsExactly(Interpolation.BICUBIC.resize(src, 3, 3).pixels());
    assertThat(new RandomResizedCrop(3, 3, 1, 1, 1, 1).apply(src, new SplitMix64(3)).pixels())
        .containsExactly(Bilinear.resize(src, 3, 3).pixels());
    assertThat(new Resize(3, 3).interpolation()).isEqualTo(Interpolation.BILINEAR);
  }
}
