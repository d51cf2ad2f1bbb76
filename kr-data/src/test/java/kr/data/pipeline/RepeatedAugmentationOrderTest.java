package kr.data.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RepeatedAugmentationOrderTest {

  @Test
  void oneReplicaSeesEachShuffledIndexThreeTimesInARow() {
    RepeatedAugmentationOrder once = new RepeatedAugmentationOrder(10, 1, 1, 0);
    int[] perm = once.indices(3, 0, 0);
    assertThat(Arrays.stream(perm).sorted().toArray())
        .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(perm).isNotEqualTo(once.indices(3, 1, 0));
    int[] rep = new RepeatedAugmentationOrder(10, 3, 1, 0).indices(3, 0, 0);
    // timm: repeat_interleave then keep the first ceil(N / R) = 10.
    assertThat(rep)
        .containsExactly(
            perm[0], perm[0], perm[0], perm[1], perm[1], perm[1], perm[2], perm[2], perm[2],
            perm[3]);
  }

  @Test
  void threeReplicasSeeTheSameImageInTheSameStep() {
    RepeatedAugmentationOrder order = new RepeatedAugmentationOrder(12, 3, 3, 0);
    int[] perm = new RepeatedAugmentationOrder(12, 1, 1, 0).indices(5, 2, 0);
    assertThat(order.samplesPerReplica()).isEqualTo(12);
    assertThat(order.selectedPerReplica()).isEqualTo(4);
    for (int r = 0; r < 3; r++) {
      assertThat(order.indices(5, 2, r))
          .as("replica %d", r)
          .containsExactly(perm[0], perm[1], perm[2], perm[3]);
    }
  }

  @Test
  void unevenReplicaCountsPadByWrappingAround() {
    // N = 10, 3 repeats, R = 4: 30 positions padded to 32 with the first two; replica r takes r,
    // r+4, r+8, ...
    RepeatedAugmentationOrder order = new RepeatedAugmentationOrder(10, 3, 4, 0);
    assertThat(order.samplesPerReplica()).isEqualTo(8);
    assertThat(order.selectedPerReplica()).isEqualTo(3); // ceil(10 / 4)
    int[] perm = new RepeatedAugmentationOrder(10, 1, 1, 0).indices(1, 0, 0);
    int[] repeated = new int[32];
    for (int i = 0; i < 32; i++) {
      repeated[i] = perm[(i % 30) / 3];
    }
    for (int r = 0; r < 4; r++) {
      assertThat(order.indices(1, 0, r))
          .containsExactly(repeated[r], repeated[r + 4], repeated[r + 8]);
    }
    // With no selection cut (the full share) the last replica reaches the padding: position 31 =
    // position 1.
    assertThat(repeated[31]).isEqualTo(repeated[1]);
  }

  @Test
  void deitRoundsTheEpochTo256AndSplitsItAcrossReplicas() {
    RepeatedAugmentationOrder single = RepeatedAugmentationOrder.deit(1000, 1);
    assertThat(single.selectedPerReplica()).isEqualTo(768); // 1000 // 256 * 256
    int[] idx = single.indices(9, 4, 0);
    assertThat(idx).hasSize(768);
    Set<Integer> distinct = new HashSet<>();
    for (int i = 0; i < idx.length; i += 3) {
      assertThat(idx[i + 1]).isEqualTo(idx[i]);
      assertThat(idx[i + 2]).isEqualTo(idx[i]);
      distinct.add(idx[i]);
    }
    assertThat(distinct).hasSize(256);
    assertThat(RepeatedAugmentationOrder.deit(1024, 8).selectedPerReplica()).isEqualTo(128);
    assertThat(RepeatedAugmentationOrder.deit(1024, 8).indices(9, 4, 7)).hasSize(128);
    assertThatThrownBy(() -> RepeatedAugmentationOrder.deit(100, 1))
        .hasMessageContaining("selectedRound");
    assertThatThrownBy(() -> single.indices(9, 0, 1))
        .hasMessageContaining("replica must be in [0, 1)");
  }
}
