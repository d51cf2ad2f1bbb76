package kr.train.data;

import kr.core.model.InputSpec;
import kr.data.pipeline.BatchShard;
import kr.train.config.AugmentConfig;

/**
 * What the trainer reads: one split of a dataset, cut into batches.
 *
 * <p>The contract that makes runs repeatable and resumable: for a training pass the order (and any
 * augmentation) depends only on {@code (seed, epoch)}, so a resumed run asks for the same epoch
 * again and skips the batches it has already seen with {@code fromBatch}. Training passes drop the
 * last partial batch; evaluation passes keep it and never shuffle.
 *
 * <p>Implementations: {@link ArrayBatchSource} (in-memory arrays, for tests and small data) and
 * {@link DatasetBatchSource} (a {@code kr.data.Dataset} split).
 */
public interface BatchSource {

  /** A short name for logs, e.g. {@code cifar10/train}. */
  String name();

  /** Number of examples in the split. */
  int size();

  int numClasses();

  /** The size of the images the batches hold. */
  InputSpec input();

  /**
   * The batches of one pass.
   *
   * @param seed the run's seed
   * @param epoch the epoch (0-based); with {@code seed} it fixes the order
   * @param batchSize examples per batch
   * @param training shuffle, augment and drop the last partial batch
   * @param fromBatch the first batch to return (0 for a whole pass)
   */
  default BatchStream batches(
      long seed, int epoch, int batchSize, boolean training, int fromBatch) {
    return batches(seed, epoch, batchSize, training, fromBatch, BatchShard.WHOLE);
  }

  /**
   * One task's part of the batches of one pass: of each batch of {@code batchSize} examples, the
   * contiguous part {@code shard} names ({@link BatchShard#part}), so that the parts read by the
   * tasks of a data-parallel run concatenate to the single-process batch. {@code fromBatch} counts
   * whole batches. A task whose part of a short last (evaluation) batch is empty gets no batch for
   * it.
   *
   * @param seed the run's seed
   * @param epoch the epoch (0-based); with {@code seed} it fixes the order
   * @param batchSize examples per global batch
   * @param training shuffle, augment and drop the last partial batch
   * @param fromBatch the first batch to return (0 for a whole pass)
   * @param shard this task's part of each batch ({@link BatchShard#WHOLE}: all of it)
   */
  BatchStream batches(
      long seed, int epoch, int batchSize, boolean training, int fromBatch, BatchShard shard);

  /**
   * This split with the per-example pieces and the order of {@code augment} in its training passes
   * (RandAugment after the dataset's crop and flip, random erasing after normalisation, repeated
   * augmentation, the resampling filter); evaluation passes keep the filter only. Sources that
   * cannot (in-memory arrays) refuse anything but {@link AugmentConfig#changesPipeline() no
   * change}.
   *
   * @throws IllegalArgumentException naming the source when it cannot apply {@code augment}
   */
  default BatchSource withAugmentation(AugmentConfig augment) {
    if (augment.changesPipeline()) {
      throw new IllegalArgumentException(
          name()
              + " cannot apply RandAugment, random erasing, repeated augmentation or another"
              + " resampling filter (only a dataset's pipeline can)");
    }
    return this;
  }

  /** Batches in one pass: {@code size / batchSize} for training, rounded up otherwise. */
  default int batchCount(int batchSize, boolean training) {
    return training ? epochSize(true) / batchSize : (size() + batchSize - 1) / batchSize;
  }

  /**
   * Examples a pass visits: {@link #size()}, or for a training pass with repeated augmentation the
   * length of its order.
   */
  default int epochSize(boolean training) {
    return size();
  }
}
