package kr.data.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchShardTest {
  @Test
  void shardsOfEveryStepConcatenateToTheSingleProcessBatch() {
    int n = 103;
    int batch = 16;
    int[] order = EpochOrder.shuffled(n, 42L, 3L);
    for (int tasks : new int[] {1, 2, 3, 4, 16}) {
      int[] seen = new int[0];
      for (int step = 0; step < 7; step++) {
        int[] single = Arrays.copyOfRange(order, step * batch, Math.min(n, (step + 1) * batch));
        int t = tasks;
        int st = step;
        int[] joined =
            IntStream.range(0, tasks)
                .mapToObj(i -> new BatchShard(i, t).indices(order, batch, st))
                .flatMapToInt(Arrays::stream)
                .toArray();
        assertThat(joined).as("step %d over %d tasks", step, tasks).containsExactly(single);
        seen = IntStream.concat(Arrays.stream(seen), Arrays.stream(joined)).toArray();
      }
      assertThat(seen).as("one epoch over %d tasks", tasks).containsExactly(order);
    }
  }

  @Test
  void shardsAreContiguousAndDifferByAtMostOne() {
    // last step of 103 in batches of 16 has 7 examples: over 3 tasks, 3 + 2 + 2
    assertThat(new BatchShard(0, 3).range(16, 103, 6)).containsExactly(96, 99);
    assertThat(new BatchShard(1, 3).range(16, 103, 6)).containsExactly(99, 101);
    assertThat(new BatchShard(2, 3).range(16, 103, 6)).containsExactly(101, 103);
    assertThat(new BatchShard(1, 4).range(16, 103, 2)).containsExactly(36, 40);
  }

  @Test
  void checksItsArguments() {
    assertThatThrownBy(() -> new BatchShard(2, 2)).hasMessage("taskIndex must be in 0..1, got 2");
    assertThatThrownBy(() -> new BatchShard(0, 4).range(3, 100, 0))
        .hasMessage("globalBatchSize must be at least the number of tasks (4), got 3");
    assertThatThrownBy(() -> new BatchShard(0, 2).range(16, 103, 7))
        .hasMessage("step must be in 0..6 for 103 examples in batches of 16, got 7");
  }
}
