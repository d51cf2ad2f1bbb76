package kr.bench.cli;

import static kr.bench.cli.CliRun.kr;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * With {@code --sync-bn}, a data-parallel run with global batch 16 ends, after {@value #STEPS}
 * steps, with the parameters and BatchNorm statistics of one process with batch 16 and the same
 * seed, to float rounding (both whole-model figures of {@link ParameterAgreement} below 1e-5), for
 * {@code test-cnn} static and KR 4× (stem, block and KR-unit BatchNorm): two towers on two virtual
 * CPU devices ({@code kr train --devices 2}), and two task processes over loopback gRPC ({@code kr
 * cluster --local 2 -- train}), where only the chief writes the run directory.
 */
@Timeout(300)
class DataParallelEqualityTest {
  private static final int STEPS = 2;

  @TempDir static Path dir;
  static Path data;
  private static final Map<String, Path> ONE_PROCESS = new HashMap<>();

  @BeforeAll
  static void writeData() throws Exception {
    data = ParallelRuns.writeData(dir.resolve("data"), 32, 16);
  }

  /** The one-process run of {@code method}, trained once for both tests. */
  private static synchronized Path oneProcess(String method) {
    return ONE_PROCESS.computeIfAbsent(
        method,
        m -> {
          Path out = dir.resolve(m + "-one");
          CliRun r = kr(ParallelRuns.array(ParallelRuns.train(data, m, out, STEPS)));
          assertThat(r.code()).as(r.err()).isZero();
          return out;
        });
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"static", "kr4x"})
  void twoDevicesWithSyncBnMatchOneProcess(String method) throws Exception {
    Path two = dir.resolve(method + "-devices");
    CliRun r =
        kr(
            ParallelRuns.array(
                ParallelRuns.train(data, method, two, STEPS, "--devices", "2", "--sync-bn")));
    assertThat(r.code()).as(r.err()).isZero();
    check(method + ", 2 devices --sync-bn vs 1 process", two, oneProcess(method));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"static", "kr4x"})
  void twoTasksWithSyncBnMatchOneProcess(String method) throws Exception {
    Path two = dir.resolve(method + "-tasks");
    List<String> cluster = new ArrayList<>(List.of("cluster", "--local", "2", "--"));
    cluster.addAll(ParallelRuns.train(data, method, two, STEPS, "--sync-bn"));
    CliRun r = kr(ParallelRuns.array(cluster));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("done: ");
    Path one = oneProcess(method);
    check(method + ", 2 tasks --sync-bn vs 1 process", two, one);
    // The chief wrote what one process writes, and no task wrote anything else.
    assertThat(files(two)).containsExactlyInAnyOrderElementsOf(files(one));
  }

  private static void check(String what, Path run, Path reference) throws Exception {
    ParameterAgreement agree =
        ParameterAgreement.of(
            ParallelRuns.checkpoint(run, STEPS), ParallelRuns.checkpoint(reference, STEPS));
    System.out.println(what + ": " + agree);
    assertThat(agree.relativeL2()).as(agree.toString()).isLessThan(1e-5);
    assertThat(agree.relativeMaxAbs()).as(agree.toString()).isLessThan(1e-5);
  }

  private static List<String> files(Path run) throws Exception {
    try (Stream<Path> s = Files.walk(run)) {
      return s.filter(Files::isRegularFile).map(p -> run.relativize(p).toString()).toList();
    }
  }
}
