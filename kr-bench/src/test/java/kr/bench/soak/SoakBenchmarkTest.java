package kr.bench.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import kr.backbones.Backbones;
import kr.backbones.methods.KrMethod;
import kr.bench.cli.CliRun;
import kr.bench.plot.SoakFigure;
import kr.bench.report.ProcessMemory;
import kr.core.kr.KrConfig;
import kr.core.model.InputSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoakBenchmarkTest {
  @TempDir Path tmp;

  @Test
  void slopeIsTheLeastSquaresFitPerMinute() {
    // rss = 100 + 3·t(min) + alternating ±0.5 noise; the warm-up sample (t = 0, 500 MB) is skipped.
    List<MemorySample> s =
        List.of(
            new MemorySample(0, 1, 10, 500, 7),
            new MemorySample(60, 2, 10, 103.5, 7),
            new MemorySample(120, 3, 10, 105.5, 7),
            new MemorySample(180, 4, 10, 109.5, 7),
            new MemorySample(240, 5, 10, 111.5, 7));
    // Least squares through (1,103.5) (2,105.5) (3,109.5) (4,111.5): slope 2.8.
    assertThat(Slope.perMinute(s, 30, MemorySample::rssMb)).isCloseTo(2.8, within(1e-12));
    assertThat(Slope.perMinute(s, 30, MemorySample::heapMb)).isCloseTo(0, within(1e-12));
    assertThatThrownBy(() -> Slope.perMinute(s, 200, MemorySample::rssMb))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("warm-up");
    assertThat(ProcessMemory.parseKb("VmRSS:\t  123456 kB")).isEqualTo(123456);
  }

  /**
   * A KR 4× test CNN trains and evaluates for 75 s: the graph keeps its op count, and after 25 s of
   * warm-up the RSS grows by less than 10 MB/min and the heap by less than 5 MB/min (measured: +0.4
   * and +0.02 over ~5,000 steps; one 8×16×16 input tensor left open per step alone would add ~35
   * MB/min at that rate).
   */
  @Test
  void krModelRunsWithoutLeakingMemory() {
    SoakBenchmark bench =
        new SoakBenchmark(
            Backbones.create(
                "test-cnn", new KrMethod(KrConfig.kr4x()), InputSpec.square(16, 1), 10),
            8,
            Duration.ofSeconds(75),
            Duration.ofSeconds(25),
            Duration.ofSeconds(3));
    SoakBenchmark.Report r = bench.run(s -> System.out.println(s.csv()));
    System.out.printf(
        "steps %d, ops %d, RSS %+.2f MB/min, heap %+.2f MB/min%n",
        r.steps(), r.ops(), r.rssMbPerMinute(), r.heapMbPerMinute());
    assertThat(r.steps()).isGreaterThan(100);
    assertThat(r.samples())
        .hasSizeGreaterThan(15)
        .allSatisfy(s -> assertThat(s.ops()).isEqualTo(r.ops()));
    assertThat(r.rssMbPerMinute()).isLessThan(10);
    assertThat(r.heapMbPerMinute()).isLessThan(5);
  }

  @Test
  void commandWritesTheCsvAndRejectsBadFlagsInOneLine() throws Exception {
    Path csv = tmp.resolve("soak.csv");
    Path png = tmp.resolve("figures/soak.png");
    CliRun r =
        CliRun.kr(
            "bench",
            "soak",
            "--minutes",
            "0.25",
            "--warmup-minutes",
            "0.1",
            "--sample-seconds",
            "2",
            "--batch-size",
            "4",
            "--csv",
            csv.toString(),
            "--png",
            png.toString());
    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.get(0)).isEqualTo(MemorySample.CSV_HEADER);
    assertThat(lines).hasSizeGreaterThan(4);
    assertThat(r.out()).contains("test-cnn", "MB/min", "graph ops (constant)");
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image).as("PNG read back").isNotNull();
    assertThat(image.getWidth()).isEqualTo(2 * SoakFigure.PANEL_WIDTH);
    assertThat(image.getHeight()).isEqualTo(SoakFigure.PANEL_HEIGHT);

    CliRun bad = CliRun.kr("bench", "soak", "--minutes", "-1");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err().lines().findFirst().orElseThrow())
        .contains("--minutes must be > 0, got -1.0");
  }
}
