package kr.train.distributed;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Two fused all-reduce tasks launched as a local cluster. */
@Timeout(180)
class LocalClusterTest {
  @Test
  void launchesEveryTaskWithItsClusterFlagsAndCollectsTheirExit(@TempDir Path dir)
      throws Exception {
    try (LocalCluster c =
        LocalCluster.launch(
            2,
            List.of("-Xmx512m", "-Dkr.fused=true"),
            AllReduceTask.class.getName(),
            List.of("60", "2", "3", "1000", "5"),
            dir)) {
      assertThat(c.cluster().size()).isEqualTo(2);
      List<Integer> codes = c.await(Duration.ofSeconds(150));
      for (int t = 0; t < 2; t++) {
        List<String> log = Files.readAllLines(c.log(t));
        assertThat(codes.get(t)).as("exit of task %d: %s", t, log).isZero();
        // fused: three tensors in one collective; tensor k is (t + 1) * (k + 1), its mean 1.5 * (k
        // + 1)
        assertThat(log).contains("MEAN 0 1.5", "MEAN 1 3.0", "MEAN 2 4.5");
      }
    }
  }
}
