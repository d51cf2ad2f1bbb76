package kr.train.data;

import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import kr.core.graph.Checks;
import kr.core.model.InputSpec;
import kr.core.model.PixelNormalization;
import kr.data.Dataset;
import kr.data.DatasetInfo;
import kr.data.Split;
import kr.data.augment.RandAugment;
import kr.data.pipeline.Batch;
import kr.data.pipeline.BatchPipeline;
import kr.data.pipeline.BatchShard;
import kr.data.pipeline.RepeatedAugmentationOrder;
import kr.train.config.AugmentConfig;

/**
 * One split of a {@link Dataset} as batches, through {@code kr.data}'s prefetching {@link
 * BatchPipeline}: the dataset's standard transform (augmentation for training), a bilinear resize
 * and grayscale-to-RGB replication when the model's input asks for them, then the dataset's
 * normalisation.
 *
 * <p>The pipeline derives the order from (seed, epoch) and each example's augmentation from (seed,
 * epoch, index), so a resumed epoch reproduces the uninterrupted one; the batches before {@code
 * fromBatch} are assembled and dropped (their cost is one partial epoch of data loading on resume).
 */
public final class DatasetBatchSource implements BatchSource {
  private final Dataset dataset;
  private final Split split;
  private final InputSpec output;
  private final int workers;
  private final DatasetInfo info;
  private final AugmentConfig augment;

  /** Batches at the dataset's own image size, one worker. */
  public DatasetBatchSource(Dataset dataset, Split split) {
    this(dataset, split, inputOf(dataset.info()), 1);
  }

  /**
   * @param output the image size and channels the model expects (resized and replicated from the
   *     dataset's if they differ; only 1 → 3 channels is supported)
   * @param workers threads decoding and augmenting examples
   */
  public DatasetBatchSource(Dataset dataset, Split split, InputSpec output, int workers) {
    this(dataset, split, output, workers, AugmentConfig.NONE);
  }

  private DatasetBatchSource(
      Dataset dataset, Split split, InputSpec output, int workers, AugmentConfig augment) {
    this.augment = Checks.notNull("augment", augment);
    this.dataset = Checks.notNull("dataset", dataset);
    this.split = Checks.notNull("split", split);
    this.output = Checks.notNull("output", output);
    this.workers = Checks.positive("workers", workers);
    this.info = dataset.info();
    Checks.check(
        output.channels() == info.channels() || (info.channels() == 1 && output.channels() == 3),
        "output channels",
        output.channels(),
        "must equal the dataset's (" + info.channels() + ") or be 3 for a grayscale dataset");
  }

  private static InputSpec inputOf(DatasetInfo info) {
    return new InputSpec(info.height(), info.width(), info.channels());
  }

  @Override
  public String name() {
    return info.name() + "/" + split.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public int size() {
    return info.size(split);
  }

  @Override
  public int numClasses() {
    return info.numClasses();
  }

  /**
   * The output size and channels, with the dataset's normalisation: the pipeline normalises every
   * image by the dataset's per-channel mean and std (replicated with a grayscale channel).
   */
  @Override
  public InputSpec input() {
    return output.withNormalization(PixelNormalization.of(info.mean(), info.std()));
  }

  /**
   * The input of a model fed by this dataset's batches at {@code size}'s height, width and
   * channels: that size with the dataset's normalisation.
   */
  public static InputSpec modelInput(DatasetInfo info, InputSpec size) {
    return size.withNormalization(PixelNormalization.of(info.mean(), info.std()));
  }

  public Dataset dataset() {
    return dataset;
  }

  /**
   * The same split with {@code augment}'s per-example pieces and order in training passes. The
   * training augmentation is the dataset's standard one (built by the dataset with its {@link
   * kr.data.DatasetOptions}, e.g. ImageNet's random resized crop whose filter is {@code
   * DatasetOptions.interpolation}) followed by RandAugment; the resize to the model's input uses
   * {@link AugmentConfig#interpolation()} in both passes.
   */
  @Override
  public DatasetBatchSource withAugmentation(AugmentConfig a) {
    return new DatasetBatchSource(dataset, split, output, workers, a);
  }

  @Override
  public int epochSize(boolean training) {
    if (!training || augment.repeatedAugmentations() == 1) {
      return size();
    }
    int n = size();
    int round =
        n >= RepeatedAugmentationOrder.DEFAULT_SELECTED_ROUND
            ? RepeatedAugmentationOrder.DEFAULT_SELECTED_ROUND
            : 0;
    return new RepeatedAugmentationOrder(n, augment.repeatedAugmentations(), 1, round)
        .selectedPerReplica();
  }

  @Override
  public BatchStream batches(
      long seed, int epoch, int batchSize, boolean training, int fromBatch, BatchShard shard) {
    Checks.positive("batchSize", batchSize);
    Checks.nonNegative("fromBatch", fromBatch);
    Checks.notNull("shard", shard);
    BatchPipeline.Builder b =
        BatchPipeline.builder(dataset, split)
            .batchSize(batchSize)
            .shuffle(training)
            .dropLast(training)
            .seed(seed)
            .epoch(epoch)
            .outputSize(output.height(), output.width())
            .outputChannels(output.channels())
            .resizeInterpolation(augment.interpolation())
            .workers(workers)
            .shard(shard);
    if (training) {
      Optional<RandAugment> ra = augment.randAugmentPolicy();
      if (ra.isPresent()) {
        b.augmentation(dataset.standardTransform(split).then(ra.get()));
      }
      augment.erasing().ifPresent(b::randomErasing);
      b.repeatedAugmentations(augment.repeatedAugmentations());
    }
    BatchPipeline pipeline = b.build();
    Iterator<Batch> it;
    try {
      it = pipeline.iterator();
      for (int i = 0; i < fromBatch && it.hasNext(); i++) {
        it.next().close();
      }
    } catch (RuntimeException e) {
      pipeline.close();
      throw e;
    }
    return new BatchStream() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public Batch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return it.next();
      }

      @Override
      public void close() {
        pipeline.close();
      }
    };
  }
}
