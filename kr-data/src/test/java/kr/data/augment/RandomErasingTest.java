package kr.data.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import kr.data.ScriptedRandom;
import kr.data.pipeline.SplitMix64;
import org.junit.jupiter.api.Test;

class RandomErasingTest {

  @Test
  void scriptedDrawsGiveTheHandComputedRectangle() {
    // H = W = 10, area draw 0.5 → target 100·(0.02 + 0.5·(1/3 − 0.02)) = 17.667; aspect draw 0.5 →
    // ratio 1;
    // h = w = round(√17.667) = 4; top and left from nextInt(10 − 4 + 1).
    ScriptedRandom rng = new ScriptedRandom().withDoubles(0.1, 0.5, 0.5).withInts(2, 5);
    float[] gaussians = new float[16 * 2];
    for (int i = 0; i < gaussians.length; i++) {
      gaussians[i] = 0.01f * (i + 1);
      rng.withGaussians(gaussians[i]);
    }
    float[] img = new float[3 + 10 * 10 * 2];
    Arrays.fill(img, 9f);
    assertThat(RandomErasing.deit().eraseInPlace(img, 3, 10, 10, 2, rng)).isTrue();
    assertThat(rng.exhausted()).isTrue();
    int k = 0;
    for (int y = 0; y < 10; y++) {
      for (int x = 0; x < 10; x++) {
        for (int c = 0; c < 2; c++) {
          float v = img[3 + (y * 10 + x) * 2 + c];
          boolean inside = y >= 2 && y < 6 && x >= 5 && x < 9;
          assertThat(v).as("(%d, %d, %d)", y, x, c).isEqualTo(inside ? gaussians[k++] : 9f);
        }
      }
    }
    assertThat(img[0]).isEqualTo(9f);
  }

  @Test
  void skipsWithProbabilityOneMinusPAndWhenNoAttemptFits() {
    assertThat(RandomErasing.deit().window(10, 10, new ScriptedRandom().withDoubles(0.25)))
        .isEmpty();
    // Area 1/3 of a 1-row image never fits h < 1: ten attempts, then nothing.
    ScriptedRandom rng = new ScriptedRandom().withDoubles(0.0);
    for (int i = 0; i < 10; i++) {
      rng.withDoubles(1.0, 0.5);
    }
    assertThat(RandomErasing.deit().window(1, 30, rng)).isEmpty();
    assertThat(rng.exhausted()).isTrue();
  }

  @Test
  void seededRunsEraseAQuarterOfTheImagesWithStandardNormalNoiseInTimmsRanges() {
    RandomErasing op = RandomErasing.deit();
    SplitMix64 rng = new SplitMix64(5);
    int erased = 0;
    double sum = 0;
    double sq = 0;
    long n = 0;
    for (int i = 0; i < 4000; i++) {
      int[] box = op.window(32, 32, rng);
      if (box.length == 0) {
        continue;
      }
      erased++;
      double share = box[2] * box[3] / 1024.0;
      assertThat(share).isBetween(0.01, 0.36);
      assertThat((double) box[2] / box[3]).isBetween(0.3 * 0.7, 1 / 0.3 * 1.4);
      assertThat(box[0] + box[2]).isLessThanOrEqualTo(32);
      assertThat(box[1] + box[3]).isLessThanOrEqualTo(32);
    }
    assertThat(erased / 4000.0).isCloseTo(0.25, within(0.03));
    float[] img = new float[64 * 64];
    SplitMix64 noise = new SplitMix64(6);
    for (int i = 0; i < 200; i++) {
      Arrays.fill(img, Float.NaN);
      if (new RandomErasing(1, 0.02, 1.0 / 3, 0.3).eraseInPlace(img, 0, 64, 64, 1, noise)) {
        for (float v : img) {
          if (!Float.isNaN(v)) {
            sum += v;
            sq += v * v;
            n++;
          }
        }
      }
    }
    assertThat(sum / n).isCloseTo(0, within(0.02));
    assertThat(sq / n).isCloseTo(1, within(0.03));
    assertThatThrownBy(() -> new RandomErasing(0.25, 0.5, 0.2, 0.3))
        .hasMessageContaining("minArea");
    assertThatThrownBy(() -> op.eraseInPlace(new float[10], 0, 4, 4, 1, rng))
        .hasMessageContaining("offset");
  }
}
