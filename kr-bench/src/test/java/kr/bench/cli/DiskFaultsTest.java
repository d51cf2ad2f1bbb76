package kr.bench.cli;

import static kr.bench.cli.CliRun.kr;
import static kr.bench.cli.CliRun.oneLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kr.bench.plot.MetricsLog;
import kr.train.EpochMetrics;
import kr.train.checkpoint.CheckpointFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kr train} on a full disk and on a read-only file system, each a small tmpfs mounted for
 * the test (skipped where {@code mount} is not permitted, i.e. not root in a privileged container).
 * A full disk ends the run with one line naming the file and "no space left on device" (exit 1),
 * the last checkpoint and the metrics files as they were before the failed write; after the file
 * system grows a {@code --resume} ends with the uninterrupted run's metrics. A read-only {@code
 * --out} is refused with one line before the data loads (exit 2), and nothing is written.
 */
class DiskFaultsTest {
  private static final int PAGE = 4096;

  @TempDir Path dir;

  static List<String> train(Path data, Path out, String... more) {
    List<String> a = CliRun.train(data, out, "--epochs", "3", "--keep", "2");
    a.addAll(List.of(more));
    return a;
  }

  @Test
  void fullDiskFailsWithOneLineKeepsTheLastCheckpointAndResumes() throws Exception {
    Path data = KrCliErrorsTest.writeData(dir.resolve("data"));
    Path ref = dir.resolve("reference");
    CliRun full = kr(train(data, ref));
    assertThat(full.code()).as(full.err()).isZero();
    List<EpochMetrics> expected = MetricsLog.read(ref);
    assertThat(expected).hasSize(3);
    long ckptPages = pages(Files.size(ref.resolve("checkpoints/best.krckpt")));
    assumeTrue(ckptPages >= 4, "a test-cnn checkpoint spans at least 4 pages");
    // After epoch 1: config.json, run.json, the two metrics files (a page each), best and one step
    // checkpoint, a page for a metrics file's temporary copy; then half a checkpoint more.
    long size = PAGE * (4 + 2 * ckptPages + 1 + ckptPages / 2);

    Path mnt = Files.createDirectories(dir.resolve("small"));
    assumeTrue(
        sh("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mnt.toString()) == 0,
        "mount -t tmpfs is not permitted here");
    try {
      Path out = mnt.resolve("run");
      String line = oneLine(kr(train(data, out)), KrCli.EXIT_FAILED);
      assertThat(line)
          .startsWith("kr: I/O error: " + out.resolve("checkpoints"))
          .contains(".krckpt: no space left on device (disk full)");
      List<EpochMetrics> before = MetricsLog.read(out);
      assertThat(before).isNotEmpty().hasSizeLessThan(3);
      for (int i = 0; i < before.size(); i++) {
        assertThat(before.get(i).withoutTiming()).isEqualTo(expected.get(i).withoutTiming());
      }
      assertThat(Files.readAllLines(out.resolve("metrics.csv"))).hasSize(before.size() + 1);
      try (Stream<Path> s = Files.list(out.resolve("checkpoints"))) {
        List<Path> ckpts = s.toList();
        assertThat(ckpts)
            .as("no temporary file left")
            .allMatch(p -> p.getFileName().toString().endsWith(".krckpt"));
        for (Path p : ckpts) {
          CheckpointFile.read(p);
        }
      }

      assertThat(sh("mount", "-o", "remount,size=64m", mnt.toString())).isZero();
      CliRun resumed = kr(train(data, out, "--resume"));
      assertThat(resumed.code()).as(resumed.err()).isZero();
      List<EpochMetrics> after = MetricsLog.read(out);
      assertThat(after).hasSize(3);
      for (int i = 0; i < 3; i++) {
        assertThat(after.get(i).withoutTiming())
            .as("epoch %d", i + 1)
            .isEqualTo(expected.get(i).withoutTiming());
      }
    } finally {
      sh("umount", mnt.toString());
    }
  }

  @Test
  void readOnlyOutIsRefusedBeforeAnyWork() throws Exception {
    Path data = KrCliErrorsTest.writeData(dir.resolve("data"));
    Path mnt = Files.createDirectories(dir.resolve("ro"));
    assumeTrue(
        sh("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt.toString()) == 0,
        "mount -t tmpfs is not permitted here");
    try {
      Files.createDirectories(mnt.resolve("existing"));
      assertThat(sh("mount", "-o", "remount,ro", mnt.toString())).isZero();
      for (Path out : List.of(mnt.resolve("existing"), mnt.resolve("new/run"))) {
        long t0 = System.nanoTime();
        String line = oneLine(kr(train(data, out)), KrCli.EXIT_USAGE);
        assertThat(line)
            .startsWith("kr: --out " + out + " is not writable (")
            .contains("read-only file system")
            .endsWith("expected a directory this user can create and write files in");
        assertThat(System.nanoTime() - t0)
            .as("refused before the model is built")
            .isLessThan(TimeUnit.SECONDS.toNanos(20));
      }
      try (Stream<Path> s = Files.walk(mnt)) {
        assertThat(s.map(mnt::relativize).map(Path::toString))
            .containsExactlyInAnyOrder("", "existing");
      }
    } finally {
      sh("umount", mnt.toString());
    }
  }

  private static long pages(long bytes) {
    return (bytes + PAGE - 1) / PAGE;
  }

  /** Runs a command, its output discarded; returns its exit code (-1 if it cannot start). */
  private static int sh(String... cmd) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getInputStream().transferTo(OutputStream.nullOutputStream());
      return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    } catch (IOException e) {
      return -1;
    }
  }
}
