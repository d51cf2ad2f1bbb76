package kr.bench.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kr.train.EpochMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsLogTest {
  @TempDir Path dir;

  @Test
  void readsWhatTheTrainerWrites() throws IOException {
    EpochMetrics a =
        new EpochMetrics(
            1, 50, 0.001, 1, 2.302585092994046, 0.1015625, 2.1, 0.21875, 0.6, 812.5, 3.25);
    EpochMetrics b =
        new EpochMetrics(2, 100, 5e-4, 0.5, 1.75, 0.375, Double.NaN, 0.40625, 0.875, 790.0, 3.5);
    Files.writeString(dir.resolve("metrics.jsonl"), a.toJson() + "\n\n" + b.toJson() + "\n");
    List<EpochMetrics> read = MetricsLog.read(dir);
    assertThat(read).hasSize(2);
    assertThat(read.get(0)).isEqualTo(a);
    assertThat(read.get(1).testLoss()).isNaN();
    assertThat(read.get(1).withoutTiming().subList(0, 6))
        .isEqualTo(b.withoutTiming().subList(0, 6));
    assertThat(read.get(1).testTop1()).isEqualTo(0.40625);
  }

  @Test
  void errorsNameTheFileAndLine() throws IOException {
    assertThatThrownBy(() -> MetricsLog.read(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no metrics.jsonl");
    EpochMetrics a = new EpochMetrics(1, 50, 0.001, 1, 2.3, 0.1, 2.1, 0.2, 0.6, 800, 3);
    Path file = dir.resolve("metrics.jsonl");
    Files.writeString(file, a.toJson() + "\n{\"epoch\": 2}\n");
    assertThatThrownBy(() -> MetricsLog.read(dir))
        .hasMessageContaining("metrics.jsonl:2")
        .hasMessageContaining("missing field 'step'");
    Files.writeString(file, "{\"epoch\": \n");
    assertThatThrownBy(() -> MetricsLog.read(dir))
        .hasMessageContaining("metrics.jsonl:1")
        .hasMessageContaining("not JSON");
    Files.writeString(file, a.toJson().replace("\"lr\":0.001", "\"lr\":\"high\"") + "\n");
    assertThatThrownBy(() -> MetricsLog.read(dir)).hasMessageContaining("field 'lr'");
    Files.writeString(file, "\n");
    assertThatThrownBy(() -> MetricsLog.read(dir)).hasMessageContaining("has no epochs");
  }

  /** A last line cut short without its newline is dropped; the same line with one is an error. */
  @Test
  void aTornLastLineIsSkipped() throws IOException {
    EpochMetrics a = new EpochMetrics(1, 50, 0.001, 1, 2.3, 0.1, 2.1, 0.2, 0.6, 800, 3);
    EpochMetrics b = new EpochMetrics(2, 100, 0.001, 1, 2.0, 0.2, 1.9, 0.3, 0.7, 800, 3);
    Path file = dir.resolve("metrics.jsonl");
    String torn = b.toJson().substring(0, 40);
    Files.writeString(file, a.toJson() + "\n" + torn);
    assertThat(MetricsLog.read(dir)).containsExactly(a);
    Files.writeString(file, a.toJson() + "\n" + b.toJson());
    assertThat(MetricsLog.read(dir)).containsExactly(a, b);
    Files.writeString(file, a.toJson() + "\n" + torn + "\n");
    assertThatThrownBy(() -> MetricsLog.read(dir)).hasMessageContaining("metrics.jsonl:2");
  }
}
