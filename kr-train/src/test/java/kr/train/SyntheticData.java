package kr.train;

import java.util.Random;
import kr.core.model.InputSpec;
import kr.train.data.ArrayBatchSource;

/**
 * Separable synthetic 8×8 grayscale images: horizontal stripes, vertical stripes, a checkerboard or
 * a flat grey (textures that survive global average pooling), plus Gaussian noise σ = 0.3.
 */
record SyntheticData(ArrayBatchSource train, ArrayBatchSource test, InputSpec spec, int classes) {

  static SyntheticData create(int trainSize, int testSize, long seed) {
    InputSpec spec = InputSpec.square(8, 1);
    return new SyntheticData(
        make("syn/train", trainSize, spec, new Random(seed)),
        make("syn/test", testSize, spec, new Random(seed + 1)),
        spec,
        4);
  }

  private static ArrayBatchSource make(String name, int n, InputSpec spec, Random rng) {
    int px = spec.height() * spec.width();
    float[] x = new float[n * px];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      int k = rng.nextInt(4);
      y[i] = k;
      for (int r = 0; r < 8; r++) {
        for (int c = 0; c < 8; c++) {
          float v =
              switch (k) {
                case 0 -> r % 2;
                case 1 -> c % 2;
                case 2 -> (r + c) % 2;
                default -> 0.5f;
              };
          x[i * px + r * 8 + c] = v + (float) (0.3 * rng.nextGaussian());
        }
      }
    }
    return new ArrayBatchSource(name, x, y, spec, 4);
  }
}
