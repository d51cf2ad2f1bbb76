package kr.data.pipeline;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kr.data.Checks;
import kr.data.Dataset;
import kr.data.DatasetFormatException;
import kr.data.DatasetInfo;
import kr.data.Example;
import kr.data.ExampleSource;
import kr.data.Image;
import kr.data.ImageOp;
import kr.data.Split;
import kr.data.augment.Bilinear;
import kr.data.augment.GrayToRgb;
import kr.data.augment.Interpolation;
import kr.data.augment.Normalize;
import kr.data.augment.RandomErasing;

/**
 * One epoch of batches, assembled in a background thread into a bounded queue ({@code prefetch}
 * batches ahead) and consumed by iterating. Per example: read → augmentation (random draws from
 * {@link SplitMix64#derive}{@code (seed, epoch, index)}) → bilinear resize to the output size if it
 * differs → grayscale to RGB if asked → normalisation with the dataset's mean/std → random erasing
 * if asked (same stream) → packed NHWC into a {@link Batch}. The order comes from {@link
 * EpochOrder}, or {@link RepeatedAugmentationOrder} with {@link Builder#repeatedAugmentations}
 * (then the stream is derived from the example's position in the epoch, so the repeated copies of
 * an image are augmented differently), so a pipeline built with the same settings yields the same
 * batches bit for bit, whatever the number of workers.
 *
 * <pre>{@code
 * try (BatchPipeline p = BatchPipeline.builder(dataset, Split.TRAIN).batchSize(128).seed(1).epoch(e).build()) {
 *   for (Batch b : p) {
 *     try (b) { train(b.images(), b.labels()); }
 *   }
 * }
 * }</pre>
 *
 * <p>A {@link Builder#shard} makes the pipeline assemble only one task's part of every batch (the
 * rest of the order is never read), for data-parallel training.
 *
 * <p>The consumer closes each batch it receives; {@link #close()} stops the producer, waits for it
 * and closes the batches still queued. Examples a source skips as corrupt make their batch smaller.
 */
public final class BatchPipeline implements Iterable<Batch>, AutoCloseable {
  private static final Object END = new Object();
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Settings s;
  private final int[] order;
  private final BlockingQueue<Object> queue;
  private final Thread producer;
  private final ExecutorService workers;
  private volatile boolean closed;
  private boolean iterated;

  /** Resolved settings of one pipeline. */
  private record Settings(
      ExampleSource source,
      ImageOp augmentation,
      Normalize normalize,
      Optional<RandomErasing> erasing,
      Interpolation resize,
      int repeats,
      int batchSize,
      boolean shuffle,
      long seed,
      long epoch,
      boolean dropLast,
      int height,
      int width,
      int channels,
      int prefetch,
      int workers,
      BatchShard shard) {}

  private BatchPipeline(Settings s) {
    this.s = s;
    int n = s.source().size();
    if (s.repeats() > 1) {
      this.order =
          new RepeatedAugmentationOrder(
                  n,
                  s.repeats(),
                  1,
                  n >= RepeatedAugmentationOrder.DEFAULT_SELECTED_ROUND
                      ? RepeatedAugmentationOrder.DEFAULT_SELECTED_ROUND
                      : 0)
              .indices(s.seed(), s.epoch(), 0);
    } else {
      this.order =
          s.shuffle() ? EpochOrder.shuffled(n, s.seed(), s.epoch()) : EpochOrder.sequential(n);
    }
    this.queue = new ArrayBlockingQueue<>(s.prefetch() + 1);
    this.workers =
        s.workers() > 1
            ? Executors.newFixedThreadPool(
                s.workers(),
                r -> {
                  Thread t = new Thread(r, "kr-data-worker-" + THREADS.incrementAndGet());
                  t.setDaemon(true);
                  return t;
                })
            : null;
    this.producer = new Thread(this::produce, "kr-data-pipeline-" + THREADS.incrementAndGet());
    producer.setDaemon(true);
    producer.start();
  }

  /**
   * @param dataset dataset to read
   * @param split which split
   * @return a builder with the dataset's defaults: its standard transform for {@code split}, its
   *     size, channels and mean/std, batch size 32, shuffling on for TRAIN and off for TEST, seed
   *     0, epoch 0, prefetch 2, one worker
   */
  public static Builder builder(Dataset dataset, Split split) {
    Checks.notNull("dataset", dataset);
    Checks.notNull("split", split);
    return new Builder(
        dataset.source(split),
        dataset.info(),
        dataset.standardTransform(split),
        split == Split.TRAIN);
  }

  /**
   * @return number of batches this epoch yields (fewer if a source skips examples and a batch
   *     empties)
   */
  public int numBatches() {
    int n = order.length;
    return s.dropLast() ? n / s.batchSize() : (n + s.batchSize() - 1) / s.batchSize();
  }

  /**
   * @return a copy of this epoch's example order
   */
  public int[] order() {
    return order.clone();
  }

  /**
   * @return whether the producer thread is still alive
   */
  public boolean producerAlive() {
    return producer.isAlive();
  }

  /**
   * Iterates the epoch's batches; may be called once. The iterator blocks until the next batch is
   * ready and rethrows a failure of the producer (e.g. a {@link DatasetFormatException}) as that
   * same exception type.
   */
  @Override
  public synchronized Iterator<Batch> iterator() {
    if (iterated) {
      throw new IllegalStateException(
          "a BatchPipeline iterates once; build another for the next epoch");
    }
    iterated = true;
    return new Iterator<>() {
      private Object next;

      @Override
      public boolean hasNext() {
        if (next == null) {
          if (closed) {
            return false;
          }
          try {
            next = queue.take();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the next batch", e);
          }
        }
        if (next instanceof RuntimeException e) {
          next = END;
          throw e;
        }
        if (next instanceof Error e) {
          next = END;
          throw e;
        }
        return next != END;
      }

      @Override
      public Batch next() {
        if (!hasNext()) {
          throw new NoSuchElementException("no more batches in this epoch");
        }
        Batch b = (Batch) next;
        next = null;
        return b;
      }
    };
  }

  /**
   * Stops the producer and the workers, waits for them, and closes the batches still queued; a
   * consumer blocked in another thread sees the end of the epoch. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    producer.interrupt();
    if (workers != null) {
      workers.shutdownNow();
    }
    try {
      producer.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    drain();
    queue.offer(END); // wakes a consumer blocked in hasNext() on another thread
  }

  private void drain() {
    List<Object> left = new ArrayList<>();
    queue.drainTo(left);
    for (Object o : left) {
      if (o instanceof Batch b) {
        b.close();
      }
    }
  }

  private void produce() {
    try {
      int batches = numBatches();
      for (int b = 0; b < batches && !closed; b++) {
        int from = b * s.batchSize();
        int[] part = s.shard().part(from, Math.min(order.length, from + s.batchSize()));
        Batch batch = assemble(part[0], part[1]);
        if (batch != null && !put(batch)) {
          batch.close();
          return;
        }
      }
      put(END);
    } catch (InterruptedException e) {
      // closed: exit quietly
    } catch (RuntimeException | Error e) {
      if (!closed) {
        try {
          put(e);
        } catch (InterruptedException ignored) {
          // closed while reporting
        }
      }
    } finally {
      if (workers != null) {
        workers.shutdown();
      }
      if (closed) {
        drain();
      }
    }
  }

  private boolean put(Object item) throws InterruptedException {
    while (!closed) {
      if (queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
        return true;
      }
    }
    return false;
  }

  private Batch assemble(int from, int to) throws InterruptedException {
    int count = to - from;
    int per = s.height() * s.width() * s.channels();
    float[] pixels = new float[count * per];
    int[] labels = new int[count];
    boolean[] present = new boolean[count];
    if (workers == null) {
      for (int i = 0; i < count; i++) {
        present[i] = load(from + i, pixels, i * per, labels, i);
      }
    } else {
      List<Future<Boolean>> futures = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int slot = i;
        futures.add(workers.submit(() -> load(from + slot, pixels, slot * per, labels, slot)));
      }
      for (int i = 0; i < count; i++) {
        try {
          present[i] = futures.get(i).get();
        } catch (ExecutionException e) {
          futures.forEach(f -> f.cancel(true));
          if (e.getCause() instanceof RuntimeException r) {
            throw r;
          }
          if (e.getCause() instanceof Error err) {
            throw err;
          }
          throw new IllegalStateException(e.getCause());
        }
      }
    }
    int kept = 0;
    for (boolean p : present) {
      kept += p ? 1 : 0;
    }
    if (kept == 0) {
      return null;
    }
    int[] indices = new int[kept];
    if (kept < count) {
      float[] packed = new float[kept * per];
      int[] packedLabels = new int[kept];
      for (int i = 0, k = 0; i < count; i++) {
        if (present[i]) {
          System.arraycopy(pixels, i * per, packed, k * per, per);
          packedLabels[k] = labels[i];
          indices[k++] = order[from + i];
        }
      }
      return new Batch(packed, packedLabels, indices, s.height(), s.width(), s.channels());
    }
    System.arraycopy(order, from, indices, 0, count);
    return new Batch(pixels, labels, indices, s.height(), s.width(), s.channels());
  }

  /** Reads, augments and packs the example at {@code position} of the epoch's order. */
  private boolean load(int position, float[] pixels, int offset, int[] labels, int slot) {
    int index = order[position];
    Optional<Example> ex = s.source().read(index);
    if (ex.isEmpty()) {
      return false;
    }
    // Repeated copies of an index must draw different augmentations: key them by position.
    SplitMix64 rng = SplitMix64.derive(s.seed(), s.epoch(), s.repeats() > 1 ? position : index);
    Image img = prepare(ex.get().image(), index, rng);
    s.normalize().into(img, pixels, offset);
    if (s.erasing().isPresent()) {
      s.erasing().get().eraseInPlace(pixels, offset, s.height(), s.width(), s.channels(), rng);
    }
    labels[slot] = ex.get().label();
    return true;
  }

  private Image prepare(Image image, int index, SplitMix64 rng) {
    Image img = s.augmentation().apply(image, rng);
    if (img.height() != s.height() || img.width() != s.width()) {
      img =
          s.resize() == Interpolation.BILINEAR
              ? Bilinear.resize(img, s.height(), s.width())
              : s.resize().resize(img, s.height(), s.width());
    }
    if (img.channels() == 1 && s.channels() == 3) {
      img = new GrayToRgb().apply(img, rng);
    }
    if (img.channels() != s.channels()) {
      throw new IllegalArgumentException(
          "example "
              + index
              + " has "
              + img.channels()
              + " channels after augmentation, output wants "
              + s.channels()
              + " (only 1 -> 3 is converted)");
    }
    return img;
  }

  /** Settings of a pipeline; {@link #build()} may be called repeatedly, e.g. once per epoch. */
  public static final class Builder {
    private final ExampleSource source;
    private final DatasetInfo info;
    private ImageOp augmentation;
    private Normalize normalize;
    private Optional<RandomErasing> erasing = Optional.empty();
    private Interpolation resize = Interpolation.BILINEAR;
    private int repeats = 1;
    private int batchSize = 32;
    private boolean shuffle;
    private long seed;
    private long epoch;
    private boolean dropLast;
    private int height;
    private int width;
    private int channels;
    private int prefetch = 2;
    private int workers = 1;
    private BatchShard shard = BatchShard.WHOLE;

    private Builder(ExampleSource source, DatasetInfo info, ImageOp augmentation, boolean shuffle) {
      this.source = source;
      this.info = info;
      this.augmentation = augmentation;
      this.shuffle = shuffle;
      this.normalize = new Normalize(info.mean(), info.std());
      this.height = info.height();
      this.width = info.width();
      this.channels = info.channels();
    }

    /**
     * @param value random erasing applied to each example after normalisation, with the example's
     *     stream (none by default)
     * @return this
     */
    public Builder randomErasing(RandomErasing value) {
      erasing = Optional.of(Checks.notNull("randomErasing", value));
      return this;
    }

    /**
     * @param value the filter of the resize to the output size ({@link Interpolation#BILINEAR} by
     *     default, which uses {@link Bilinear})
     * @return this
     */
    public Builder resizeInterpolation(Interpolation value) {
      resize = Checks.notNull("resizeInterpolation", value);
      return this;
    }

    /**
     * @param value copies of each example per epoch ({@link RepeatedAugmentationOrder}, one
     *     replica, the epoch rounded down to a multiple of 256 when it has at least 256 examples);
     *     1 (the default) for a plain permutation. Only for shuffled passes.
     * @return this
     */
    public Builder repeatedAugmentations(int value) {
      repeats = Checks.positive("repeatedAugmentations", value);
      return this;
    }

    /**
     * @param value examples per batch, {@code > 0}
     * @return this
     */
    public Builder batchSize(int value) {
      batchSize = Checks.positive("batchSize", value);
      return this;
    }

    /**
     * @param value whether to shuffle the order from (seed, epoch)
     * @return this
     */
    public Builder shuffle(boolean value) {
      shuffle = value;
      return this;
    }

    /**
     * @param value run seed for order and augmentation
     * @return this
     */
    public Builder seed(long value) {
      seed = value;
      return this;
    }

    /**
     * @param value epoch number, {@code >= 0}; with the seed it fixes order and augmentation
     * @return this
     */
    public Builder epoch(long value) {
      if (value < 0) {
        throw new IllegalArgumentException("epoch must be >= 0, got " + value);
      }
      epoch = value;
      return this;
    }

    /**
     * @param value whether to drop a last batch smaller than {@code batchSize}
     * @return this
     */
    public Builder dropLast(boolean value) {
      dropLast = value;
      return this;
    }

    /**
     * @param value transform applied to each example before resize and normalisation (use {@link
     *     ImageOp#identity()} for none)
     * @return this
     */
    public Builder augmentation(ImageOp value) {
      augmentation = Checks.notNull("augmentation", value);
      return this;
    }

    /**
     * @param outHeight output rows (images are resized bilinearly if they differ)
     * @param outWidth output columns
     * @return this
     */
    public Builder outputSize(int outHeight, int outWidth) {
      height = Checks.positive("outHeight", outHeight);
      width = Checks.positive("outWidth", outWidth);
      return this;
    }

    /**
     * @param value output channels: the dataset's, or 3 for a grayscale dataset (replicated)
     * @return this
     */
    public Builder outputChannels(int value) {
      if (value != info.channels() && !(value == 3 && info.channels() == 1)) {
        throw new IllegalArgumentException(
            "outputChannels must be "
                + info.channels()
                + (info.channels() == 1 ? " or 3" : "")
                + " for "
                + info.name()
                + ", got "
                + value);
      }
      channels = value;
      return this;
    }

    /**
     * @param meanValues per-channel mean on the 0..1 scale (dataset channels)
     * @param stdValues per-channel standard deviation on the 0..1 scale
     * @return this
     */
    public Builder normalization(float[] meanValues, float[] stdValues) {
      Normalize n = new Normalize(meanValues, stdValues);
      if (n.channels() != info.channels()) {
        throw new IllegalArgumentException(
            "mean and std must have "
                + info.channels()
                + " values (the dataset's"
                + " channels), got "
                + n.channels());
      }
      normalize = n;
      return this;
    }

    /**
     * @param value batches assembled ahead of the consumer, {@code > 0}
     * @return this
     */
    public Builder prefetch(int value) {
      prefetch = Checks.positive("prefetch", value);
      return this;
    }

    /**
     * @param value threads decoding and augmenting examples in parallel, {@code > 0} (1: the
     *     producer does it)
     * @return this
     */
    public Builder workers(int value) {
      workers = Checks.positive("workers", value);
      return this;
    }

    /**
     * @param value the part of every batch to assemble ({@link BatchShard#WHOLE} by default): the
     *     batches of a data-parallel task, whose union over the tasks is the whole batch; a task
     *     whose part of a short last batch is empty gets no batch for it
     * @return this
     */
    public Builder shard(BatchShard value) {
      shard = Checks.notNull("shard", value);
      return this;
    }

    /**
     * @return a started pipeline over one epoch
     */
    public BatchPipeline build() {
      Normalize norm = normalize.expandTo(channels);
      if (repeats > 1 && !shuffle) {
        throw new IllegalArgumentException(
            "repeatedAugmentations " + repeats + " needs a shuffled pass (training)");
      }
      return new BatchPipeline(
          new Settings(
              source,
              augmentation,
              norm,
              erasing,
              resize,
              repeats,
              batchSize,
              shuffle,
              seed,
              epoch,
              dropLast,
              height,
              width,
              channels,
              prefetch,
              workers,
              shard));
    }
  }
}
