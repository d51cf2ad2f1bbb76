package kr.data.idx;

import static org.assertj.core.api.Assertions.assertThat;

import kr.data.PackedSplit;
import kr.data.Split;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Runs on the real files when {@code dataset-fashion-mnist} is installed; reported as skipped
 * otherwise.
 */
class FashionMnistRealDataTest {
  @Test
  void realFilesHaveTheDocumentedShape() {
    FashionMnist.Installation inst = FashionMnist.installation();
    Assumptions.assumeTrue(inst.installed(), inst::describe);

    IdxDataset d = FashionMnist.load();
    assertThat(d.info().trainSize()).isEqualTo(60_000);
    assertThat(d.info().testSize()).isEqualTo(10_000);
    assertThat(d.info().height()).isEqualTo(28);
    assertThat(d.info().width()).isEqualTo(28);
    int[] counts = new int[10];
    for (Split split : Split.values()) {
      PackedSplit s = d.source(split);
      for (int i = 0; i < s.size(); i++) {
        int label = s.label(i);
        assertThat(label).isBetween(0, 9);
        counts[label]++;
      }
    }
    // Fashion-MNIST is balanced: 7,000 examples per class over both splits.
    assertThat(counts).containsOnly(7_000);
  }
}
