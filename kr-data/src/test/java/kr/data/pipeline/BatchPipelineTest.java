package kr.data.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import kr.data.Dataset;
import kr.data.DatasetFormatException;
import kr.data.DatasetInfo;
import kr.data.Example;
import kr.data.ExampleSource;
import kr.data.Image;
import kr.data.ImageOp;
import kr.data.PackedSplit;
import kr.data.Split;
import kr.data.augment.Augmentations;
import kr.data.synthetic.SyntheticDataset;
import org.junit.jupiter.api.Test;

class BatchPipelineTest {
  private static final DatasetInfo RGB =
      new DatasetInfo(
          "rgb",
          10,
          8,
          8,
          3,
          new float[] {0.5f, 0.4f, 0.3f},
          new float[] {0.2f, 0.25f, 0.5f},
          53,
          10);
  private static final DatasetInfo GRAY =
      new DatasetInfo("gray", 10, 28, 28, 1, new float[] {0.2860f}, new float[] {0.3530f}, 20, 5);

  private record Run(List<float[]> images, List<int[]> labels, List<int[]> indices) {}

  private static Run run(BatchPipeline.Builder b) {
    Run r = new Run(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    BatchPipeline p = b.build();
    try (p) {
      for (Batch batch : p) {
        try (batch) {
          r.images().add(batch.imagesArray());
          r.labels().add(batch.labelsArray());
          r.indices().add(batch.indices());
        }
      }
    }
    assertThat(p.producerAlive()).isFalse();
    return r;
  }

  private static int[] flatten(List<int[]> parts) {
    return parts.stream().flatMapToInt(Arrays::stream).toArray();
  }

  @Test
  void deliversEveryExampleOnceWithTensorShapes() {
    SyntheticDataset d = new SyntheticDataset(RGB, 1);
    int batches = 0;
    List<Integer> seen = new ArrayList<>();
    try (BatchPipeline p =
        BatchPipeline.builder(d, Split.TRAIN).batchSize(16).seed(3).prefetch(2).build()) {
      assertThat(p.numBatches()).isEqualTo(4);
      for (Batch b : p) {
        try (b) {
          batches++;
          assertThat(b.images().shape().asArray()).containsExactly(b.size(), 8, 8, 3);
          assertThat(b.labels().shape().asArray()).containsExactly(b.size());
          int[] labels = b.labelsArray();
          int[] idx = b.indices();
          for (int i = 0; i < b.size(); i++) {
            assertThat(labels[i]).isEqualTo(d.source(Split.TRAIN).label(idx[i]));
            seen.add(idx[i]);
          }
        }
      }
    }
    assertThat(batches).isEqualTo(4);
    assertThat(seen).hasSize(53).doesNotHaveDuplicates();
    assertThat(seen).allMatch(i -> i >= 0 && i < 53);
  }

  @Test
  void sameSeedAndEpochAreIdenticalBitForBitWhateverTheWorkers() {
    SyntheticDataset d = new SyntheticDataset(RGB, 1);
    BatchPipeline.Builder b =
        BatchPipeline.builder(d, Split.TRAIN)
            .batchSize(10)
            .seed(99)
            .epoch(4)
            .augmentation(Augmentations.padCrop(2, 8, 8, true));
    Run first = run(b);
    Run again = run(b);
    Run parallel = run(b.workers(3));
    for (Run other : List.of(again, parallel)) {
      assertThat(other.images()).hasSameSizeAs(first.images());
      for (int i = 0; i < first.images().size(); i++) {
        assertThat(Arrays.equals(first.images().get(i), other.images().get(i))).isTrue();
      }
      assertThat(flatten(other.indices())).containsExactly(flatten(first.indices()));
      assertThat(flatten(other.labels())).containsExactly(flatten(first.labels()));
    }
    Run nextEpoch = run(b.epoch(5));
    assertThat(flatten(nextEpoch.indices())).isNotEqualTo(flatten(first.indices()));
    int[] sorted = flatten(nextEpoch.indices());
    Arrays.sort(sorted);
    assertThat(sorted).containsExactly(EpochOrder.sequential(53));
  }

  @Test
  void normalisesExactlyWithoutAugmentation() {
    SyntheticDataset d = new SyntheticDataset(RGB, 2);
    Run r =
        run(
            BatchPipeline.builder(d, Split.TEST)
                .batchSize(4)
                .shuffle(false)
                .augmentation(ImageOp.identity()));
    assertThat(flatten(r.indices())).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    PackedSplit src = d.source(Split.TEST);
    float[] mean = RGB.mean();
    float[] std = RGB.std();
    for (int b = 0; b < r.images().size(); b++) {
      float[] px = r.images().get(b);
      int[] idx = r.indices().get(b);
      for (int i = 0; i < idx.length; i++) {
        byte[] raw = src.imageBytes(idx[i]);
        for (int k = 0; k < raw.length; k++) {
          float expected = ((raw[k] & 0xFF) / 255f - mean[k % 3]) / std[k % 3];
          assertThat(px[i * raw.length + k]).isCloseTo(expected, within(1e-5f));
        }
      }
    }
  }

  @Test
  void dropLastDropsTheShortBatch() {
    SyntheticDataset d = new SyntheticDataset(RGB, 1);
    Run r = run(BatchPipeline.builder(d, Split.TRAIN).batchSize(10).dropLast(true));
    assertThat(r.indices()).hasSize(5).allMatch(a -> a.length == 10);
    Run keep = run(BatchPipeline.builder(d, Split.TRAIN).batchSize(10));
    assertThat(keep.indices()).hasSize(6);
    assertThat(keep.indices().get(5)).hasSize(3);
  }

  @Test
  void grayscaleIsResizedAndReplicatedToRgb() {
    SyntheticDataset d = new SyntheticDataset(GRAY, 4);
    try (BatchPipeline p =
        BatchPipeline.builder(d, Split.TEST)
            .batchSize(5)
            .shuffle(false)
            .augmentation(ImageOp.identity())
            .outputSize(32, 32)
            .outputChannels(3)
            .build()) {
      Iterator<Batch> it = p.iterator();
      try (Batch b = it.next()) {
        assertThat(b.images().shape().asArray()).containsExactly(5, 32, 32, 3);
        float[] px = b.imagesArray();
        for (int i = 0; i < px.length; i += 3) {
          assertThat(px[i + 1]).isEqualTo(px[i]);
          assertThat(px[i + 2]).isEqualTo(px[i]);
        }
      }
      assertThat(it.hasNext()).isFalse();
    }
    assertThatThrownBy(
            () -> BatchPipeline.builder(new SyntheticDataset(RGB, 1), Split.TEST).outputChannels(1))
        .hasMessage("outputChannels must be 3 for rgb, got 1");
  }

  @Test
  void closingEarlyStopsTheProducerAndClosesQueuedBatches() throws InterruptedException {
    SyntheticDataset d = new SyntheticDataset(RGB, 1);
    BatchPipeline p = BatchPipeline.builder(d, Split.TRAIN).batchSize(2).prefetch(3).build();
    Iterator<Batch> it = p.iterator();
    it.next().close();
    Thread.sleep(50); // let the producer fill the queue and block on it
    assertThat(p.producerAlive()).isTrue();
    p.close();
    assertThat(p.producerAlive()).isFalse();
    assertThat(it.hasNext()).isFalse();
    p.close();
    assertThatThrownBy(p::iterator).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void producerFailureReachesTheConsumer() {
    SyntheticDataset good = new SyntheticDataset(RGB, 1);
    Dataset broken =
        singleSource(
            good.info(),
            12,
            index -> {
              if (index == 7) {
                throw new DatasetFormatException("file x: entry 7 broken: expected an image");
              }
              return Optional.of(new Example(Image.zeros(8, 8, 3), 0));
            });
    int delivered = 0;
    try (BatchPipeline p =
        BatchPipeline.builder(broken, Split.TRAIN).batchSize(4).shuffle(false).build()) {
      Iterator<Batch> it = p.iterator();
      it.next().close();
      delivered++;
      assertThatThrownBy(it::hasNext)
          .isInstanceOf(DatasetFormatException.class)
          .hasMessage("file x: entry 7 broken: expected an image");
      assertThat(it.hasNext()).isFalse();
    }
    assertThat(delivered).isEqualTo(1);
  }

  @Test
  void normalizationCanBeOverridden() {
    SyntheticDataset d = new SyntheticDataset(RGB, 2);
    Run r =
        run(
            BatchPipeline.builder(d, Split.TEST)
                .batchSize(10)
                .shuffle(false)
                .augmentation(ImageOp.identity())
                .normalization(new float[] {0, 0, 0}, new float[] {1, 1, 1}));
    byte[] raw = d.source(Split.TEST).imageBytes(3);
    float[] px = r.images().get(0);
    for (int k = 0; k < raw.length; k++) {
      assertThat(px[3 * raw.length + k]).isCloseTo((raw[k] & 0xFF) / 255f, within(1e-6f));
    }
    assertThatThrownBy(
            () ->
                BatchPipeline.builder(d, Split.TEST)
                    .normalization(new float[] {0}, new float[] {1}))
        .hasMessageContaining("mean and std must have 3 values");
  }

  @Test
  void closeFromAnotherThreadWakesABlockedConsumer() throws InterruptedException {
    Dataset d =
        singleSource(
            RGB,
            4,
            index -> {
              try {
                Thread.sleep(60_000);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
              }
              return Optional.of(new Example(Image.zeros(8, 8, 3), 0));
            });
    BatchPipeline p = BatchPipeline.builder(d, Split.TRAIN).batchSize(2).build();
    boolean[] hasNext = {true};
    Thread consumer = new Thread(() -> hasNext[0] = p.iterator().hasNext());
    consumer.start();
    Thread.sleep(100);
    p.close();
    consumer.join(5_000);
    assertThat(consumer.isAlive()).isFalse();
    assertThat(hasNext[0]).isFalse();
    assertThat(p.producerAlive()).isFalse();
  }

  @Test
  void builderRejectsBadArguments() {
    BatchPipeline.Builder b = BatchPipeline.builder(new SyntheticDataset(RGB, 1), Split.TRAIN);
    assertThatThrownBy(() -> b.batchSize(0)).hasMessage("batchSize must be > 0, got 0");
    assertThatThrownBy(() -> b.prefetch(-1)).hasMessage("prefetch must be > 0, got -1");
    assertThatThrownBy(() -> b.epoch(-2)).hasMessage("epoch must be >= 0, got -2");
  }

  /**
   * A dataset of {@code info} whose every split is {@code size} examples of label 0 read by {@code
   * read}, untransformed.
   */
  private static Dataset singleSource(
      DatasetInfo info, int size, IntFunction<Optional<Example>> read) {
    ExampleSource source =
        new ExampleSource() {
          @Override
          public int size() {
            return size;
          }

          @Override
          public int label(int index) {
            return 0;
          }

          @Override
          public Optional<Example> read(int index) {
            return read.apply(index);
          }
        };
    return new Dataset() {
      @Override
      public DatasetInfo info() {
        return info;
      }

      @Override
      public ExampleSource source(Split split) {
        return source;
      }

      @Override
      public ImageOp standardTransform(Split split) {
        return ImageOp.identity();
      }
    };
  }
}
