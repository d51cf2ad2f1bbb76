package kr.train.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import kr.core.model.InputSpec;
import kr.data.Dataset;
import kr.data.DatasetInfo;
import kr.data.ExampleSource;
import kr.data.ImageOp;
import kr.data.PackedSplit;
import kr.data.Split;
import kr.data.pipeline.Batch;
import kr.data.pipeline.EpochOrder;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.buffer.DataBuffers;

class BatchSourceTest {

  /** 50 training and 20 test 4×4 grayscale images; example i has label i % 3, pixels i. */
  static Dataset tinyDataset() {
    return new Dataset() {
      final PackedSplit train = split(50);
      final PackedSplit test = split(20);

      PackedSplit split(int n) {
        byte[] px = new byte[n * 16];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
          Arrays.fill(px, i * 16, (i + 1) * 16, (byte) i);
          labels[i] = i % 3;
        }
        return new PackedSplit(px, labels, 4, 4, 1);
      }

      @Override
      public DatasetInfo info() {
        return new DatasetInfo("tiny", 3, 4, 4, 1, new float[] {0}, new float[] {1}, 50, 20);
      }

      @Override
      public ExampleSource source(Split split) {
        return split == Split.TRAIN ? train : test;
      }

      @Override
      public ImageOp standardTransform(Split split) {
        return ImageOp.identity();
      }
    };
  }

  /** The first pixel of each example of each batch, ×255 back to the example index. */
  static List<List<Integer>> ids(BatchStream s) {
    List<List<Integer>> out = new ArrayList<>();
    try (s) {
      while (s.hasNext()) {
        try (Batch b = s.next()) {
          float[] x = new float[(int) b.images().size()];
          b.images().copyTo(DataBuffers.of(x, false, false));
          int per = x.length / b.size();
          List<Integer> ids = new ArrayList<>();
          for (int i = 0; i < b.size(); i++) {
            ids.add(Math.round(x[i * per] * 255));
          }
          out.add(ids);
        }
      }
    }
    return out;
  }

  @Test
  void datasetSourceIsDeterministicAndResumable() {
    DatasetBatchSource src = new DatasetBatchSource(tinyDataset(), Split.TRAIN);
    assertThat(src.input().sameShape(InputSpec.square(4, 1))).isTrue();
    assertThat(src.batchCount(8, true)).isEqualTo(6);
    List<List<Integer>> full = ids(src.batches(3, 1, 8, true, 0));
    assertThat(full).hasSize(6).allSatisfy(b -> assertThat(b).hasSize(8));
    assertThat(ids(src.batches(3, 1, 8, true, 0))).isEqualTo(full);
    assertThat(ids(src.batches(3, 1, 8, true, 4))).isEqualTo(full.subList(4, 6));
    assertThat(ids(src.batches(3, 2, 8, true, 0))).isNotEqualTo(full);

    DatasetBatchSource test =
        new DatasetBatchSource(tinyDataset(), Split.TEST, InputSpec.square(4, 3), 2);
    List<List<Integer>> eval = ids(test.batches(0, 0, 8, false, 0));
    assertThat(eval).hasSize(3);
    assertThat(eval.get(0)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(eval.get(2)).containsExactly(16, 17, 18, 19);
  }

  @Test
  void arraySourceSkipsExactlyTheSeenBatches() {
    int n = 30;
    float[] x = new float[n * 4];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      Arrays.fill(x, i * 4, i * 4 + 4, i / 255f);
      y[i] = i % 2;
    }
    ArrayBatchSource src = new ArrayBatchSource("a", x, y, InputSpec.square(2, 1), 2);
    List<List<Integer>> full = ids(src.batches(9, 0, 7, true, 0));
    assertThat(full).hasSize(4);
    assertThat(ids(src.batches(9, 0, 7, true, 1))).isEqualTo(full.subList(1, 4));
    assertThat(full.stream().flatMap(List::stream).distinct().count()).isEqualTo(28);
    assertThat(ids(src.batches(9, 0, 7, false, 0))).hasSize(5);
  }

  @Test
  void arrayAndDatasetSourcesVisitTheSameEpochOrder() {
    int n = 50;
    float[] x = new float[n * 16];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      Arrays.fill(x, i * 16, (i + 1) * 16, i / 255f);
      y[i] = i % 3;
    }
    ArrayBatchSource array = new ArrayBatchSource("a", x, y, InputSpec.square(4, 1), 3);
    DatasetBatchSource dataset = new DatasetBatchSource(tinyDataset(), Split.TRAIN);
    List<List<Integer>> fromArray = ids(array.batches(3, 1, 8, true, 0));
    assertThat(ids(dataset.batches(3, 1, 8, true, 0))).isEqualTo(fromArray);
    int[] order = EpochOrder.shuffled(n, 3, 1);
    assertThat(fromArray.get(0))
        .containsExactly(Arrays.stream(order, 0, 8).boxed().toArray(Integer[]::new));
    try (BatchStream s = array.batches(3, 1, 8, true, 2);
        Batch b = s.next()) {
      assertThat(b.indices()).containsExactly(Arrays.copyOfRange(order, 16, 24));
      assertThat(b.labelsArray())
          .containsExactly(Arrays.stream(order, 16, 24).map(i -> i % 3).toArray());
    }
  }
}
