package kr.data.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import kr.data.Image;
import kr.data.ImageOp;
import kr.data.pipeline.SplitMix64;
import org.junit.jupiter.api.Test;

class AugmentTest {
  /** A gradient: value = 10*y + x + 100*c, all distinct. */
  private static Image gradient(int h, int w, int c) {
    float[] px = new float[h * w * c];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int ch = 0; ch < c; ch++) {
          px[(y * w + x) * c + ch] = 10 * y + x + 100 * ch;
        }
      }
    }
    return Image.of(h, w, c, px);
  }

  @Test
  void flipReversesColumns() {
    Image g = gradient(4, 5, 3);
    Image f = Crop.flipHorizontal(g);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 5; x++) {
        for (int c = 0; c < 3; c++) {
          assertThat(f.get(y, x, c)).isEqualTo(g.get(y, 4 - x, c));
        }
      }
    }
    assertThat(new RandomHorizontalFlip(1).apply(g, new SplitMix64(1)).pixels())
        .containsExactly(f.pixels());
    assertThat(new RandomHorizontalFlip(0).apply(g, new SplitMix64(1))).isSameAs(g);
  }

  @Test
  void randomFlipFlipsAboutHalfTheTime() {
    Image g = gradient(2, 3, 1);
    SplitMix64 rng = new SplitMix64(9);
    int flips = 0;
    for (int i = 0; i < 2000; i++) {
      flips += new RandomHorizontalFlip(0.5).apply(g, rng) == g ? 0 : 1;
    }
    assertThat(flips).isBetween(900, 1100);
  }

  @Test
  void windowPastTheBorderIsZeroPadding() {
    Image g = gradient(4, 4, 1);
    Image w = Crop.window(g, -1, 2, 3, 3);
    // row 0 is above the image; columns 2..3 exist, column 4 is past the right edge
    assertThat(w.pixels()).containsExactly(0, 0, 0, 2, 3, 0, 12, 13, 0);
  }

  @Test
  void padCropOffsetsCoverEveryPositionAndShowTheShift() {
    // value = 100*y + x + 1: never zero, so zero padding is recognisable and any pixel reveals its
    // source.
    float[] px = new float[32 * 32];
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        px[y * 32 + x] = 100 * y + x + 1;
      }
    }
    Image g = Image.of(32, 32, 1, px);
    RandomPadCrop op = new RandomPadCrop(4, 32, 32);
    SplitMix64 rng = new SplitMix64(42);
    Set<String> offsets = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      Image out = op.apply(g, rng);
      // (16, 16) is inside the source for every shift in -4..4: out(y, x) = g(y + dy, x + dx).
      int v = (int) out.get(16, 16, 0) - 1;
      int dy = v / 100 - 16;
      int dx = v % 100 - 16;
      assertThat(dy).isBetween(-4, 4);
      assertThat(dx).isBetween(-4, 4);
      assertThat(out.pixels()).containsExactly(Crop.window(g, dy, dx, 32, 32).pixels());
      // The padding shows as zero rows/columns on the side the crop moved past.
      if (dy < 0) {
        assertThat(out.get(0, 16, 0)).isZero();
      }
      if (dx > 0) {
        assertThat(out.get(16, 31, 0)).isZero();
      }
      offsets.add(dy + "," + dx);
    }
    assertThat(offsets).hasSize(81);
  }

  @Test
  void padCropWithoutPaddingOfSameSizeIsIdentity() {
    Image g = gradient(28, 28, 1);
    assertThat(new RandomPadCrop(0, 28, 28).apply(g, new SplitMix64(1)).pixels())
        .containsExactly(g.pixels());
    assertThatThrownBy(() -> new RandomPadCrop(-1, 28, 28)).hasMessage("pad must be >= 0, got -1");
    assertThatThrownBy(() -> new RandomPadCrop(0, 30, 28).apply(g, new SplitMix64(1)))
        .hasMessageContaining("larger than padded image 28x28");
  }

  @Test
  void centerCropTakesTheMiddle() {
    Image g = gradient(6, 8, 1);
    Image c = new CenterCrop(2, 4).apply(g, new SplitMix64(1));
    assertThat(c.pixels()).containsExactly(22, 23, 24, 25, 32, 33, 34, 35);
  }

  @Test
  void bilinearKeepsConstantsAndInterpolatesUpsampling() {
    Image row = Image.of(1, 2, 1, new float[] {0, 10});
    assertThat(Bilinear.resize(row, 1, 4).pixels()).containsExactly(0f, 2.5f, 7.5f, 10f);
    Image constant = Image.of(7, 9, 3, filled(7 * 9 * 3, 77f));
    for (float v : Bilinear.resize(constant, 3, 5).pixels()) {
      assertThat(v).isCloseTo(77f, within(1e-4f));
    }
    for (float v : Bilinear.resize(constant, 20, 13).pixels()) {
      assertThat(v).isCloseTo(77f, within(1e-4f));
    }
    Image g = gradient(5, 5, 2);
    assertThat(Bilinear.resize(g, 5, 5)).isSameAs(g);
  }

  @Test
  void bilinearDownsamplingByTwoAveragesPairs() {
    Image row = Image.of(1, 4, 1, new float[] {0, 10, 20, 30});
    // Triangle of half-width 2 around centres 1.0 and 3.0 → weights 1/4, 1/2... normalised over
    // in-range pixels.
    float[] out = Bilinear.resize(row, 1, 2).pixels();
    assertThat(out[0]).isCloseTo((0 * 0.75f + 10 * 0.75f + 20 * 0.25f) / 1.75f, within(1e-4f));
    assertThat(out[1]).isCloseTo((10 * 0.25f + 20 * 0.75f + 30 * 0.75f) / 1.75f, within(1e-4f));
  }

  @Test
  void resizeShorterKeepsAspect() {
    Image img = Image.zeros(40, 20, 3);
    Image out = new ResizeShorter(16).apply(img, new SplitMix64(1));
    assertThat(new int[] {out.height(), out.width()}).containsExactly(32, 16);
    Image wide = new ResizeShorter(10).apply(Image.zeros(15, 35, 1), new SplitMix64(1));
    assertThat(new int[] {wide.height(), wide.width()}).containsExactly(10, 23);
  }

  @Test
  void randomResizedCropStaysInBoundsWithinScaleAndRatio() {
    RandomResizedCrop op = RandomResizedCrop.of(8);
    SplitMix64 rng = new SplitMix64(3);
    for (int i = 0; i < 500; i++) {
      int[] box = op.window(60, 80, rng);
      assertThat(box[0]).isBetween(0, 60 - box[2]);
      assertThat(box[1]).isBetween(0, 80 - box[3]);
      double area = (double) box[2] * box[3] / (60 * 80);
      assertThat(area).isBetween(0.06, 1.0);
    }
    Image out = op.apply(gradient(60, 80, 3), new SplitMix64(5));
    assertThat(new int[] {out.height(), out.width(), out.channels()}).containsExactly(8, 8, 3);
    // Full-window crop with no resize is the identity.
    RandomResizedCrop all = new RandomResizedCrop(60, 80, 1, 1, 80.0 / 60, 80.0 / 60);
    Image g = gradient(60, 80, 1);
    assertThat(all.apply(g, new SplitMix64(1)).pixels()).containsExactly(g.pixels());
  }

  @Test
  void grayToRgbReplicates() {
    Image g = Image.of(1, 2, 1, new float[] {3, 9});
    assertThat(new GrayToRgb().apply(g, new SplitMix64(1)).pixels())
        .containsExactly(3, 3, 3, 9, 9, 9);
  }

  @Test
  void normalizeIsExact() {
    Normalize n = new Normalize(new float[] {0.5f, 0.25f}, new float[] {0.5f, 0.125f});
    float[] out = n.apply(Image.of(1, 2, 2, new float[] {255, 0, 127.5f, 255}));
    assertThat(out[0]).isCloseTo(1f, within(1e-6f));
    assertThat(out[1]).isCloseTo(-2f, within(1e-6f));
    assertThat(out[2]).isCloseTo(0f, within(1e-6f));
    assertThat(out[3]).isCloseTo(6f, within(1e-6f));
    assertThat(new Normalize(new float[] {0.2860f}, new float[] {0.3530f}).expandTo(3).channels())
        .isEqualTo(3);
    assertThatThrownBy(() -> new Normalize(new float[] {0}, new float[] {0}))
        .hasMessage("std[0] must be > 0, got 0.0");
  }

  @Test
  void recipesComposeInOrderAndAreDeterministic() {
    Image g = gradient(32, 32, 3);
    ImageOp cifar = Augmentations.cifar();
    Image a = cifar.apply(g, SplitMix64.derive(1, 2, 3));
    Image b = cifar.apply(g, SplitMix64.derive(1, 2, 3));
    assertThat(a.pixels()).containsExactly(b.pixels());
    assertThat(new int[] {a.height(), a.width()}).containsExactly(32, 32);
    Image m = Augmentations.mnist(2, false).apply(gradient(28, 28, 1), new SplitMix64(4));
    assertThat(new int[] {m.height(), m.width(), m.channels()}).containsExactly(28, 28, 1);
    Image e = Augmentations.imagenetEval(20, 16).apply(gradient(30, 40, 3), new SplitMix64(4));
    assertThat(new int[] {e.height(), e.width()}).containsExactly(16, 16);
  }

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    Arrays.fill(a, v);
    return a;
  }
}
