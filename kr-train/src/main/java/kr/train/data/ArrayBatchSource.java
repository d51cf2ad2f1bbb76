package kr.train.data;

import java.util.NoSuchElementException;
import kr.core.graph.Checks;
import kr.core.model.InputSpec;
import kr.data.pipeline.Batch;
import kr.data.pipeline.BatchShard;
import kr.data.pipeline.EpochOrder;

/**
 * A split held in memory as already-normalised NHWC floats and labels; no augmentation. Meant for
 * tests, generated data and small datasets. A training pass visits the examples in {@link
 * EpochOrder}'s order, the same order {@code kr.data}'s pipeline uses for the same seed and epoch.
 */
public final class ArrayBatchSource implements BatchSource {
  private final String name;
  private final float[] images;
  private final int[] labels;
  private final InputSpec input;
  private final int numClasses;
  private final int pixels;

  /**
   * @param images {@code labels.length × H × W × C} floats, HWC per example (not copied)
   * @param labels class indices in {@code 0..numClasses-1} (not copied)
   */
  public ArrayBatchSource(
      String name, float[] images, int[] labels, InputSpec input, int numClasses) {
    this.name = Checks.notNull("name", name);
    this.images = Checks.notNull("images", images);
    this.labels = Checks.notNull("labels", labels);
    this.input = Checks.notNull("input", input);
    this.numClasses = Checks.positive("numClasses", numClasses);
    this.pixels = input.height() * input.width() * input.channels();
    Checks.check(
        images.length == (long) labels.length * pixels,
        "images.length",
        images.length,
        "must be labels.length × H × W × C = " + (long) labels.length * pixels);
    for (int i = 0; i < labels.length; i++) {
      int l = labels[i];
      if (l < 0 || l >= numClasses) {
        throw new IllegalArgumentException(
            "labels[" + i + "] must be in [0, " + numClasses + "), got " + l);
      }
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int size() {
    return labels.length;
  }

  @Override
  public int numClasses() {
    return numClasses;
  }

  @Override
  public InputSpec input() {
    return input;
  }

  @Override
  public BatchStream batches(
      long seed, int epoch, int batchSize, boolean training, int fromBatch, BatchShard shard) {
    Checks.positive("batchSize", batchSize);
    Checks.nonNegative("fromBatch", fromBatch);
    Checks.notNull("shard", shard);
    int[] order =
        training
            ? EpochOrder.shuffled(labels.length, seed, epoch)
            : EpochOrder.sequential(labels.length);
    int count = batchCount(batchSize, training);
    return new BatchStream() {
      private int next = skipEmpty(fromBatch);

      private int skipEmpty(int from) {
        int b = from;
        while (b < count && part(b)[0] == part(b)[1]) {
          b++;
        }
        return b;
      }

      private int[] part(int b) {
        return shard.part(b * batchSize, Math.min(labels.length, (b + 1) * batchSize));
      }

      @Override
      public boolean hasNext() {
        return next < count;
      }

      @Override
      public Batch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int[] part = part(next);
        int start = part[0];
        int n = part[1] - part[0];
        float[] x = new float[n * pixels];
        int[] y = new int[n];
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
          int idx = order[start + i];
          System.arraycopy(images, idx * pixels, x, i * pixels, pixels);
          y[i] = labels[idx];
          ids[i] = idx;
        }
        next = skipEmpty(next + 1);
        return Batch.of(x, y, ids, input.height(), input.width(), input.channels());
      }
    };
  }
}
