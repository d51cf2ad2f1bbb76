package kr.data.synthetic;

import kr.data.Checks;
import kr.data.DatasetInfo;
import kr.data.ImageOp;
import kr.data.InMemoryDataset;
import kr.data.PackedSplit;
import kr.data.Split;
import kr.data.pipeline.SplitMix64;

/**
 * Generated in-memory data of a given shape (random bytes, label {@code index % numClasses}), for
 * benchmarks and pipeline tests that need no files. Its standard transform is the identity.
 */
public final class SyntheticDataset extends InMemoryDataset {
  /**
   * @param info shape, class count, normalisation and split sizes of the data to generate
   * @param seed seed of the random pixels
   */
  public SyntheticDataset(DatasetInfo info, long seed) {
    super(
        info,
        generate(Checks.notNull("info", info), info.trainSize(), new SplitMix64(seed)),
        generate(info, info.testSize(), new SplitMix64(~seed)));
  }

  private static PackedSplit generate(DatasetInfo info, int count, SplitMix64 rng) {
    byte[] pixels = new byte[count * info.height() * info.width() * info.channels()];
    for (int i = 0; i < pixels.length; i += 8) {
      long r = rng.nextLong();
      for (int k = 0; k < 8 && i + k < pixels.length; k++) {
        pixels[i + k] = (byte) (r >>> (8 * k));
      }
    }
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = i % info.numClasses();
    }
    return new PackedSplit(pixels, labels, info.height(), info.width(), info.channels());
  }

  @Override
  public ImageOp standardTransform(Split split) {
    return ImageOp.identity();
  }
}
