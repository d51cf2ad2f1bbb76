package kr.data.bench;

import java.nio.file.Path;
import java.util.Locale;
import kr.data.Dataset;
import kr.data.DatasetInfo;
import kr.data.DatasetOptions;
import kr.data.Split;
import kr.data.pipeline.Batch;
import kr.data.pipeline.BatchPipeline;
import kr.data.spi.Datasets;
import kr.data.synthetic.SyntheticDataset;

/**
 * Measures the input pipeline alone (read, augment, normalise, tensor creation), in images per
 * second.
 *
 * <pre>
 * java kr.data.bench.PipelineBenchmark [--dataset NAME|synthetic] [--data-dir DIR] [--split train|test]
 *     [--batch 128] [--batches 200] [--workers 1] [--prefetch 4] [--size HxW] [--channels C] [--epochs 1]
 * </pre>
 *
 * <p>Epoch 0 includes JIT and TensorFlow native-library warm-up: run {@code --epochs 3} and read
 * the later lines.
 *
 * <p>{@code synthetic} (the default) generates 10,000 CIFAR-shaped images in memory; {@code --size}
 * and {@code --channels} change the output (e.g. {@code --size 224x224 --channels 3} for
 * Fashion-MNIST into a ResNet-sized input).
 */
public final class PipelineBenchmark {
  private PipelineBenchmark() {}

  /**
   * The benchmark's settings.
   *
   * @param dataset registry name or {@code synthetic}
   * @param dataDir data directory, empty string for the provider's default
   * @param split split to read
   * @param batch batch size
   * @param batches batches to time per epoch at most
   * @param workers worker threads
   * @param prefetch prefetch depth
   * @param height output rows, 0 for the dataset's
   * @param width output columns, 0 for the dataset's
   * @param channels output channels, 0 for the dataset's
   * @param epochs epochs to run (the first is also timed)
   */
  public record Args(
      String dataset,
      String dataDir,
      Split split,
      int batch,
      int batches,
      int workers,
      int prefetch,
      int height,
      int width,
      int channels,
      int epochs) {
    static Args parse(String[] argv) {
      String dataset = "synthetic";
      String dir = "";
      Split split = Split.TRAIN;
      int batch = 128;
      int batches = 200;
      int workers = 1;
      int prefetch = 4;
      int h = 0;
      int w = 0;
      int c = 0;
      int epochs = 1;
      for (int i = 0; i < argv.length; i += 2) {
        if (i + 1 >= argv.length) {
          throw new IllegalArgumentException("option " + argv[i] + " needs a value");
        }
        String v = argv[i + 1];
        switch (argv[i]) {
          case "--dataset" -> dataset = v;
          case "--data-dir" -> dir = v;
          case "--split" -> split = Split.valueOf(v.toUpperCase(Locale.ROOT));
          case "--batch" -> batch = Integer.parseInt(v);
          case "--batches" -> batches = Integer.parseInt(v);
          case "--workers" -> workers = Integer.parseInt(v);
          case "--prefetch" -> prefetch = Integer.parseInt(v);
          case "--channels" -> c = Integer.parseInt(v);
          case "--epochs" -> epochs = Integer.parseInt(v);
          case "--size" -> {
            String[] hw = v.split("x");
            h = Integer.parseInt(hw[0]);
            w = Integer.parseInt(hw[hw.length - 1]);
          }
          default ->
              throw new IllegalArgumentException(
                  "unknown option "
                      + argv[i]
                      + "; known: --dataset --data-dir --split --batch --batches --workers --prefetch --size --channels"
                      + " --epochs");
        }
      }
      return new Args(dataset, dir, split, batch, batches, workers, prefetch, h, w, c, epochs);
    }
  }

  /**
   * Runs the benchmark and prints one line per epoch.
   *
   * @param argv see the class documentation
   */
  public static void main(String[] argv) {
    Args a = Args.parse(argv);
    Dataset dataset = open(a);
    DatasetInfo info = dataset.info();
    System.out.printf(
        Locale.ROOT,
        "dataset %s, %s split: %d examples, %dx%dx%d%n",
        info.name(),
        a.split(),
        info.size(a.split()),
        info.height(),
        info.width(),
        info.channels());
    for (int epoch = 0; epoch < a.epochs(); epoch++) {
      BatchPipeline.Builder b =
          BatchPipeline.builder(dataset, a.split())
              .batchSize(a.batch())
              .seed(1)
              .epoch(epoch)
              .workers(a.workers())
              .prefetch(a.prefetch());
      if (a.height() > 0) {
        b.outputSize(a.height(), a.width());
      }
      if (a.channels() > 0) {
        b.outputChannels(a.channels());
      }
      long images = 0;
      long start = System.nanoTime();
      try (BatchPipeline p = b.build()) {
        int n = 0;
        for (Batch batch : p) {
          try (batch) {
            images += batch.size();
          }
          if (++n >= a.batches()) {
            break;
          }
        }
      }
      double secs = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "epoch %d: %d images in %.3f s = %.1f images/s (batch %d, workers %d)%n",
          epoch,
          images,
          secs,
          images / secs,
          a.batch(),
          a.workers());
    }
  }

  private static Dataset open(Args a) {
    if (a.dataset().equals("synthetic")) {
      return new SyntheticDataset(
          new DatasetInfo(
              "synthetic",
              10,
              32,
              32,
              3,
              new float[] {0.5f, 0.5f, 0.5f},
              new float[] {0.25f, 0.25f, 0.25f},
              10_000,
              1_000),
          7);
    }
    Datasets registry = Datasets.discover();
    return a.dataDir().isEmpty()
        ? registry.create(a.dataset(), DatasetOptions.DEFAULTS)
        : registry.create(a.dataset(), Path.of(a.dataDir()), DatasetOptions.DEFAULTS);
  }
}
