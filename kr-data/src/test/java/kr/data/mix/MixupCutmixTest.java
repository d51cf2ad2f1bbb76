package kr.data.mix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import kr.data.ScriptedRandom;
import kr.data.pipeline.SplitMix64;
import org.junit.jupiter.api.Test;

class MixupCutmixTest {

  @Test
  void mixedOneHotLabelsWeighLambdaAndOneMinusLambda() {
    float[] t = MixupCutmix.targets(new int[] {0, 2}, 3, 0.7, 0);
    // Sample 0 (label 0) is paired with sample 1 (label 2), and vice versa.
    assertThat(t).containsExactly(new float[] {0.7f, 0f, 0.3f, 0.3f, 0f, 0.7f}, within(1e-7f));
  }

  @Test
  void labelSmoothingIsFoldedInAsTimmDoes() {
    // ε = 0.1, K = 3: off = 1/30, on = 0.9 + 1/30. Row 0: 0.7·on + 0.3·off, off, 0.7·off + 0.3·on.
    float[] t = MixupCutmix.targets(new int[] {0, 2}, 3, 0.7, 0.1);
    double off = 0.1 / 3;
    double on = 0.9 + off;
    assertThat(t[0]).isCloseTo((float) (0.7 * on + 0.3 * off), within(1e-7f));
    assertThat(t[1]).isCloseTo((float) off, within(1e-7f));
    assertThat(t[2]).isCloseTo((float) (0.7 * off + 0.3 * on), within(1e-7f));
    assertThat(t[0]).isCloseTo(0.66333336f, within(1e-7f));
    assertThat(t[0] + t[1] + t[2]).isCloseTo(1f, within(1e-6f));
    // λ = 1 and the same label on both sides give the plain smoothed one-hot.
    assertThat(MixupCutmix.targets(new int[] {1}, 4, 1, 0.2))
        .containsExactly(new float[] {0.05f, 0.85f, 0.05f, 0.05f}, within(1e-7f));
  }

  @Test
  void mixupBlendsEachSampleWithItsMirror() {
    float[] x = {1, 2, 10, 20, 100, 200}; // three samples of two values
    float[] m = MixupCutmix.mixup(x, 3, 0.25);
    assertThat(m)
        .containsExactly(
            new float[] {0.25f + 75, 0.5f + 150, 10, 20, 25 + 0.75f, 50 + 1.5f}, within(1e-4f));
  }

  @Test
  void cutmixBoxAndItsLabelWeightAreTheExactAreaShare() {
    // λ = 0.75 on 8x8: √(1 − λ) = 0.5, cut 4x4; centre (1, 6) → rows clip(−1)..3, columns
    // 4..clip(8).
    MixupCutmix.Box box = MixupCutmix.cutmixBox(8, 8, 0.75, new ScriptedRandom().withInts(1, 6));
    assertThat(box).isEqualTo(new MixupCutmix.Box(0, 3, 4, 8));
    assertThat(box.area()).isEqualTo(12);
    int b = 2;
    int h = 8;
    int w = 8;
    int c = 2;
    float[] x = new float[b * h * w * c];
    for (int i = 0; i < x.length; i++) {
      x[i] = i < x.length / 2 ? 1 : 2;
    }
    float[] out = MixupCutmix.cutmix(x, b, h, w, c, box);
    double pasted = 0;
    for (int y = 0; y < h; y++) {
      for (int xx = 0; xx < w; xx++) {
        boolean inside = y < 3 && xx >= 4;
        assertThat(out[(y * w + xx) * c]).isEqualTo(inside ? 2f : 1f);
        assertThat(out[h * w * c + (y * w + xx) * c + 1]).isEqualTo(inside ? 1f : 2f);
        pasted += inside ? 1 : 0;
      }
    }
    // The corrected λ = 1 − 12/64 = 0.8125 is the share of sample 0's own pixels.
    assertThat(1 - pasted / (h * w)).isEqualTo(0.8125);
  }

  @Test
  void seededBatchesAreReproducibleAndConsistent() {
    MixupCutmix mix = MixupCutmix.deit(5);
    int b = 4;
    int h = 6;
    int w = 5;
    int c = 3;
    float[] x = new float[b * h * w * c];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i * 37 % 101) / 10f;
    }
    int[] labels = {0, 3, 4, 1};
    int cutmix = 0;
    double mixupLambda = 0;
    int mixups = 0;
    for (int step = 0; step < 400; step++) {
      MixupCutmix.Mixed a = mix.apply(x, labels, h, w, c, SplitMix64.derive(7, step, 0));
      MixupCutmix.Mixed again = mix.apply(x, labels, h, w, c, SplitMix64.derive(7, step, 0));
      assertThat(again.images()).containsExactly(a.images());
      assertThat(again.targets()).containsExactly(a.targets());
      double lam = a.lambda();
      assertThat(a.targets()).containsExactly(MixupCutmix.targets(labels, 5, lam, 0.1));
      if (a.box().isPresent()) {
        cutmix++;
        MixupCutmix.Box box = a.box().get();
        assertThat(lam).isEqualTo(1 - box.area() / (double) (h * w));
        assertThat(a.images()).containsExactly(MixupCutmix.cutmix(x, b, h, w, c, box));
      } else {
        mixups++;
        mixupLambda += lam;
        assertThat(a.images()).containsExactly(MixupCutmix.mixup(x, b, lam));
      }
    }
    assertThat(x[0]).isEqualTo(0f); // input untouched
    assertThat(cutmix / 400.0).isCloseTo(0.5, within(0.08));
    assertThat(mixupLambda / mixups).isCloseTo(0.5, within(0.06)); // Beta(0.8, 0.8) has mean 1/2
  }

  @Test
  void badArgumentsNameTheValue() {
    assertThatThrownBy(() -> new MixupCutmix(0, 0, 1, 0.5, 0.1, 10)).hasMessageContaining("both 0");
    assertThatThrownBy(() -> MixupCutmix.targets(new int[] {3}, 3, 1, 0))
        .hasMessageContaining("labels[0] = 3");
    assertThatThrownBy(
            () ->
                MixupCutmix.deit(3)
                    .apply(new float[5], new int[] {0, 1}, 2, 2, 1, new SplitMix64(1)))
        .hasMessageContaining("images has 5 values");
  }
}
