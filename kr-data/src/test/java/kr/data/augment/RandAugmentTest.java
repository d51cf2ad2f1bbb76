package kr.data.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import kr.data.Image;
import kr.data.ImageOp;
import kr.data.ScriptedRandom;
import kr.data.pipeline.SplitMix64;
import org.junit.jupiter.api.Test;

class RandAugmentTest {
  private static final RandAugment DEIT = RandAugment.deit();

  private static Image gray(float... v) {
    return Image.of(1, v.length, 1, v);
  }

  private static float[] one(RandAugmentOp op, Image img, double m, ScriptedRandom rng) {
    return DEIT.applyOne(op, img, m, rng).pixels();
  }

  @Test
  void deitPolicyIsRandM9Mstd05Inc1() {
    assertThat(DEIT.numOps()).isEqualTo(2);
    assertThat(DEIT.magnitude()).isEqualTo(9.0);
    assertThat(DEIT.magnitudeStd()).isEqualTo(0.5);
    assertThat(DEIT.prob()).isEqualTo(0.5);
    assertThat(DEIT.ops())
        .hasSize(15)
        .contains(RandAugmentOp.POSTERIZE_INCREASING, RandAugmentOp.TRANSLATE_Y_REL);
    assertThat(DEIT.interpolation()).isEqualTo(Interpolation.BICUBIC);
    assertThat(DEIT.fill()).containsExactly(124f, 116f, 104f);
    assertThatThrownBy(() -> RandAugment.parse("rand-m9-x3-inc1")).hasMessageContaining("'x3'");
    assertThatThrownBy(() -> RandAugment.parse("rand-m9")).hasMessageContaining("inc1");
    assertThatThrownBy(() -> RandAugment.parse("auto-m9-inc1")).hasMessageContaining("'rand'");
    assertThatThrownBy(() -> RandAugment.parse("rand-mfoo-inc1")).hasMessageContaining("'mfoo'");
  }

  @Test
  void lookUpTableOpsFollowTimmsLevelToArgument() {
    Image img = gray(0, 100, 127.6f, 200, 255);
    assertThat(one(RandAugmentOp.INVERT, img, 9, null)).containsExactly(255, 155, 127, 55, 0);
    // m = 9: keep 4 − ⌊3.6⌋ = 1 bit; 127.6 rounds to 128 first.
    assertThat(one(RandAugmentOp.POSTERIZE_INCREASING, img, 9, null))
        .containsExactly(0, 0, 128, 128, 128);
    // m = 5: threshold 256 − 128 = 128.
    assertThat(one(RandAugmentOp.SOLARIZE_INCREASING, img, 5, null))
        .containsExactly(0, 100, 127, 55, 0);
    // m = 5: add ⌊55⌋ below 128, saturating.
    assertThat(one(RandAugmentOp.SOLARIZE_ADD, gray(0, 100, 127, 128, 250), 5, null))
        .containsExactly(55, 155, 182, 128, 250);
    // m = 0: posterize keeps 4 bits, solarize threshold 256 (no change).
    assertThat(one(RandAugmentOp.POSTERIZE_INCREASING, img, 0, null))
        .containsExactly(0, 96, 128, 192, 240);
    assertThat(one(RandAugmentOp.SOLARIZE_INCREASING, img, 0, null))
        .containsExactly(0, 100, 128, 200, 255);
  }

  @Test
  void autoContrastAndEqualizeMatchPillow() {
    // Range 50..150 stretched: scale 2.55, value ↦ ⌊2.55·v − 127.5⌋.
    assertThat(one(RandAugmentOp.AUTO_CONTRAST, gray(50, 100, 150, 75), 0, null))
        .containsExactly(0, 127, 255, 63);
    // Two levels, 256 pixels each: step = (512 − 256) // 256 = 1; lut[0] = 0, lut[10] = 256 → 255.
    float[] px = new float[512];
    for (int i = 256; i < 512; i++) {
      px[i] = 10;
    }
    float[] eq = one(RandAugmentOp.EQUALIZE, Image.of(16, 32, 1, px), 0, null);
    assertThat(eq[0]).isEqualTo(0f);
    assertThat(eq[511]).isEqualTo(255f);
    // Fewer than 256 pixels beyond the last level: step 0, identity.
    assertThat(one(RandAugmentOp.EQUALIZE, gray(0, 10, 20), 0, null)).containsExactly(0, 10, 20);
  }

  @Test
  void enhanceOpsBlendWithTheirDegenerateImageAndDrawOneSign() {
    // m = 5: factor 1 ± 0.45; nextDouble 0.7 > 0.5 negates → 0.55. Brightness: ⌊0.55·v⌋.
    assertThat(
            one(
                RandAugmentOp.BRIGHTNESS_INCREASING,
                gray(100, 201),
                5,
                new ScriptedRandom().withDoubles(0.7)))
        .containsExactly(55, 110);
    // 0.3 keeps the sign → 1.45, clamped at 255.
    assertThat(
            one(
                RandAugmentOp.BRIGHTNESS_INCREASING,
                gray(100, 201),
                5,
                new ScriptedRandom().withDoubles(0.3)))
        .containsExactly(145, 255);
    // Contrast: grey mean of (100, 200) = 150; 1.45 → 150 ± 72.5 → 77.5 → 77 and 222.5 → 222.
    assertThat(
            one(
                RandAugmentOp.CONTRAST_INCREASING,
                gray(100, 200),
                5,
                new ScriptedRandom().withDoubles(0.3)))
        .containsExactly(77, 222);
    // Color on RGB (200, 100, 0): L = (200·19595 + 100·38470 + 2^15) >> 16 = 118; factor 0.55 →
    // 118 + 0.55·(200 − 118) = 163.1, 118 − 0.55·18 = 108.1, 118 − 0.55·118 = 53.1.
    assertThat(
            DEIT.applyOne(
                    RandAugmentOp.COLOR_INCREASING,
                    Image.of(1, 1, 3, new float[] {200, 100, 0}),
                    5,
                    new ScriptedRandom().withDoubles(0.7))
                .pixels())
        .containsExactly(163, 108, 53);
    // Sharpness: the 3x3 centre of a 3x3 image with a bright middle; smooth = round((8·10 +
    // 5·140)/13) = 60;
    // factor 1.45: 60 + 1.45·80 = 176; the border is copied, so it stays.
    float[] px = new float[9];
    Arrays.fill(px, 10);
    px[4] = 140;
    float[] sharp =
        one(
            RandAugmentOp.SHARPNESS_INCREASING,
            Image.of(3, 3, 1, px),
            5,
            new ScriptedRandom().withDoubles(0.3));
    assertThat(sharp[4]).isEqualTo(176f);
    assertThat(sharp[0]).isEqualTo(10f);
  }

  @Test
  void geometricOpsResampleAndFillLikePillow() {
    float[] ramp = new float[4 * 20];
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 20; x++) {
        ramp[y * 20 + x] = 10 * x + y;
      }
    }
    Image img = Image.of(4, 20, 1, ramp);
    // m = 10/9: 0.05 of the width = 1 pixel to the left; the last column is uncovered and takes the
    // fill, the mean
    // of (124, 116, 104) = 115 for a grey image.
    float[] t =
        one(RandAugmentOp.TRANSLATE_X_REL, img, 10.0 / 9, new ScriptedRandom().withDoubles(0.2));
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 19; x++) {
        assertThat(t[y * 20 + x]).isEqualTo(ramp[y * 20 + x + 1]);
      }
      assertThat(t[y * 20 + 19]).isEqualTo(115f);
    }
    // Magnitude 0 shears by (−)0: the identity.
    assertThat(one(RandAugmentOp.SHEAR_X, img, 0, new ScriptedRandom().withDoubles(0.9)))
        .containsExactly(ramp);
    // 30° about the centre of a 9x9 image: the centre pixel stays, the corner comes from outside
    // (fill).
    float[] sq = new float[81 * 3];
    for (int i = 0; i < sq.length; i++) {
      sq[i] = i % 251;
    }
    float[] r =
        DEIT.applyOne(
                RandAugmentOp.ROTATE,
                Image.of(9, 9, 3, sq),
                10,
                new ScriptedRandom().withDoubles(0.1))
            .pixels();
    int centre = (4 * 9 + 4) * 3;
    assertThat(new float[] {r[centre], r[centre + 1], r[centre + 2]})
        .containsExactly(sq[centre], sq[centre + 1], sq[centre + 2]);
    assertThat(new float[] {r[0], r[1], r[2]}).containsExactly(124f, 116f, 104f);
  }

  @Test
  void policyDrawsOpsThenProbabilityThenMagnitudeNoise() {
    Image img = gray(10, 20, 30);
    // Two INVERTs (index 2), both applied: back to the input.
    ScriptedRandom both =
        new ScriptedRandom().withInts(2, 2).withDoubles(0.3, 0.4).withGaussians(0.1, -0.2);
    assertThat(DEIT.apply(img, both).pixels()).containsExactly(10, 20, 30);
    assertThat(both.exhausted()).isTrue();
    // The first is skipped (0.6 > 0.5): one inversion, one magnitude draw.
    ScriptedRandom second =
        new ScriptedRandom().withInts(2, 2).withDoubles(0.6, 0.5).withGaussians(0.0);
    assertThat(DEIT.apply(img, second).pixels()).containsExactly(245, 235, 225);
    assertThat(second.exhausted()).isTrue();
    // Noise moves the magnitude: 9 + 0.5·2.5 = 10.25 → clipped to 10 → posterize keeps 0 bits
    // (black).
    ScriptedRandom clipped =
        new ScriptedRandom().withInts(4, 0).withDoubles(0.1, 0.9).withGaussians(2.5);
    assertThat(DEIT.apply(gray(200, 100), clipped).pixels()).containsExactly(0, 0);
    // 9 + 0.5·(−2) = 8 → keep 4 − ⌊3.2⌋ = 1 bit.
    ScriptedRandom lower =
        new ScriptedRandom().withInts(4, 0).withDoubles(0.1, 0.9).withGaussians(-2);
    assertThat(DEIT.apply(gray(200, 100), lower).pixels()).containsExactly(128, 0);
  }

  @Test
  void seededPolicyIsReproducibleAndStaysIn8BitRange() {
    float[] px = new float[12 * 10 * 3];
    for (int i = 0; i < px.length; i++) {
      px[i] = (i * 53 % 256) + 0.3f;
    }
    Image img = Image.of(12, 10, 3, px);
    int changed = 0;
    for (int i = 0; i < 200; i++) {
      float[] a = DEIT.apply(img, SplitMix64.derive(1, 0, i)).pixels();
      assertThat(a).containsExactly(DEIT.apply(img, SplitMix64.derive(1, 0, i)).pixels());
      for (float v : a) {
        assertThat(v).isBetween(0f, 255f);
        assertThat(v).isEqualTo((float) Math.floor(v));
      }
      changed += Arrays.equals(a, PilOps.quantize(img).pixels()) ? 0 : 1;
    }
    // Both ops skipped with probability 1/4 (and a few ops can be no-ops on this image).
    assertThat(changed).isBetween(120, 170);
    RandAugment never =
        new RandAugment(
            2,
            9,
            0.5,
            0,
            List.of(RandAugmentOp.values()),
            Interpolation.BICUBIC,
            new float[] {0, 0, 0});
    assertThat(never.apply(img, new SplitMix64(3)).pixels())
        .containsExactly(PilOps.quantize(img).pixels());
  }

  @Test
  void deitRecipeCropsFlipsAndAugmentsDeterministically() {
    float[] px = new float[40 * 30 * 3];
    for (int i = 0; i < px.length; i++) {
      px[i] = i % 256;
    }
    Image img = Image.of(40, 30, 3, px);
    ImageOp train = Augmentations.deitTrain(16);
    Image a = train.apply(img, SplitMix64.derive(2, 1, 5));
    assertThat(a.height()).isEqualTo(16);
    assertThat(a.width()).isEqualTo(16);
    assertThat(a.pixels()).containsExactly(train.apply(img, SplitMix64.derive(2, 1, 5)).pixels());
    Image e = Augmentations.deitEval(20, 16).apply(img, new SplitMix64(0));
    assertThat(new int[] {e.height(), e.width()}).containsExactly(16, 16);
    assertThat(e.pixels())
        .containsExactly(
            new CenterCrop(16, 16)
                .apply(Interpolation.BICUBIC.resize(img, 26, 20), new SplitMix64(0))
                .pixels());
  }
}
