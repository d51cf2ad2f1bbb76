package kr.bench.plot;

import java.util.Arrays;
import kr.core.graph.Checks;
import kr.core.model.InputSpec;
import kr.data.pipeline.Batch;
import kr.train.data.ArrayBatchSource;
import kr.train.data.BatchSource;
import kr.train.data.BatchStream;

/**
 * A class-balanced sample of a test split, the same for every model shown side by side: the first
 * {@code points / classes} images of each of the first {@code classes} classes, in split order
 * (fewer where a class has fewer), as the evaluation pipeline delivers them (resized, normalised).
 *
 * @param images the sample, ordered by split index
 * @param labels the class of each image
 * @param classes the classes sampled
 */
public record TestImages(ArrayBatchSource images, int[] labels, int classes) {
  private static final int READ_BATCH = 500;

  public TestImages {
    Checks.notNull("images", images);
    Checks.notNull("labels", labels);
    Checks.positive("classes", classes);
  }

  /**
   * Samples {@code test}.
   *
   * @param classes the first classes to take (at most the split's)
   * @param points images in all, at least one per class
   */
  public static TestImages select(BatchSource test, int classes, int points) {
    Checks.notNull("test", test);
    int c = Math.min(Checks.positive("classes", classes), test.numClasses());
    Checks.check(points >= c, "points", points, "must be at least the classes sampled (" + c + ")");
    int perClass = points / c;
    InputSpec in = test.input();
    int pixels = in.height() * in.width() * in.channels();
    float[] images = new float[perClass * c * pixels];
    int[] labels = new int[perClass * c];
    int[] taken = new int[c];
    int n = 0;
    try (BatchStream s = test.batches(0, 0, READ_BATCH, false, 0)) {
      while (s.hasNext() && n < labels.length) {
        try (Batch b = s.next()) {
          float[] px = b.imagesArray();
          int[] y = b.labelsArray();
          for (int i = 0; i < y.length && n < labels.length; i++) {
            if (y[i] < c && taken[y[i]] < perClass) {
              taken[y[i]]++;
              System.arraycopy(px, i * pixels, images, n * pixels, pixels);
              labels[n++] = y[i];
            }
          }
        }
      }
    }
    Checks.check(n > 1, "test split " + test.name(), n + " images", "has too few to plot");
    int[] l = Arrays.copyOf(labels, n);
    return new TestImages(
        new ArrayBatchSource(
            test.name() + " sample", Arrays.copyOf(images, n * pixels), l, in, test.numClasses()),
        l,
        c);
  }
}
