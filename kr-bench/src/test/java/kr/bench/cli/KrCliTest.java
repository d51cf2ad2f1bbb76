package kr.bench.cli;

import static kr.bench.cli.CliRun.kr;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real {@code kr} commands on small Fashion-MNIST-format files written here. */
class KrCliTest {
  @TempDir static Path dir;
  static Path data;

  /** 64 training and 32 test images of two easy classes, in the IDX format, gzipped. */
  @BeforeAll
  static void writeData() throws IOException {
    data = writeData(dir.resolve("fmnist"));
  }

  /** Writes the small Fashion-MNIST-format data set into {@code into}; returns it. */
  static Path writeData(Path into) throws IOException {
    Files.createDirectories(into);
    Random rnd = new Random(3);
    write(into, rnd, "train", 64);
    write(into, rnd, "t10k", 32);
    return into;
  }

  private static void write(Path into, Random rnd, String prefix, int n) throws IOException {
    byte[] labels = new byte[n];
    byte[] pixels = new byte[n * 28 * 28];
    for (int i = 0; i < n; i++) {
      labels[i] = (byte) rnd.nextInt(10);
      for (int p = 0; p < 28 * 28; p++) {
        boolean lit = (p / 28) / 3 == labels[i];
        pixels[i * 784 + p] = (byte) (lit ? 200 + rnd.nextInt(50) : rnd.nextInt(30));
      }
    }
    idx(into.resolve(prefix + "-labels-idx1-ubyte.gz"), 0x801, new int[] {n}, labels);
    idx(into.resolve(prefix + "-images-idx3-ubyte.gz"), 0x803, new int[] {n, 28, 28}, pixels);
  }

  /** Writes {@code body} as a gzipped IDX file of this magic number and these dimensions. */
  static void idx(Path file, int magic, int[] dims, byte[] body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
      out.writeInt(magic);
      for (int d : dims) {
        out.writeInt(d);
      }
      out.write(body);
    }
    Files.write(file, bytes.toByteArray());
  }

  @Test
  void trainWritesItsRunDirectoryAndEvalReadsTheCheckpoint() throws IOException {
    Path out = dir.resolve("run");
    CliRun train = kr(CliRun.train(data, out, "--kr", "4x", "--epochs", "2"));
    assertThat(train.code()).as(train.err()).isZero();
    assertThat(train.out()).contains("done:").contains("test_top1");
    assertThat(Files.readAllLines(out.resolve("metrics.jsonl"))).hasSize(2);
    assertThat(Files.readAllLines(out.resolve("metrics.csv"))).hasSize(3);
    assertThat(out.resolve("config.json")).exists();
    assertThat(out.resolve("run.json")).exists();
    Path best = out.resolve("checkpoints/best.krckpt");
    assertThat(best).exists();

    CliRun eval =
        kr(
            "eval",
            "--checkpoint",
            best.toString(),
            "--backbone",
            "test-cnn",
            "--kr",
            "4x",
            "--dataset",
            "fashion-mnist",
            "--data-dir",
            data.toString());
    assertThat(eval.code()).as(eval.err()).isZero();
    assertThat(eval.out().trim()).startsWith("{").contains("\"top1\"");
  }

  @Test
  void badFlagsGiveOneLineAndExitCodeTwo() {
    CliRun zero =
        CliRun.krTrain(
            dir.resolve("bad"),
            "--backbone",
            "test-cnn",
            "--data-dir",
            data.toString(),
            "--epochs",
            "0");
    assertThat(zero.usageError()).contains("epochs").contains("0");

    CliRun unknown = CliRun.krTrain(dir.resolve("bad2"), "--backbone", "no-such-net");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("no-such-net").contains("resnet18");

    CliRun flag = kr("train", "--bogus");
    flag.usageError();

    CliRun kr = CliRun.krTrain(dir.resolve("bad3"), "--backbone", "test-cnn", "--kr", "4y");
    assertThat(kr.code()).isEqualTo(2);
    assertThat(kr.err()).contains("'4y'");
  }

  @Test
  void listNamesEveryRegistry() {
    CliRun list = kr("list");
    assertThat(list.code()).isZero();
    assertThat(list.out())
        .contains("resnet18")
        .contains("vit-nano")
        .contains("condconv")
        .contains("fashion-mnist");
  }

  @Test
  void methodAndKrCombinationsFailAsOneUsageLineBeforeTheDataLoads() {
    CliRun off = CliRun.krTrain(dir.resolve("bad4"), "--backbone", "test-cnn", "--kr", "off");
    assertThat(off.usageError()).contains("--kr off").contains("--method static");

    CliRun both =
        CliRun.krTrain(
            dir.resolve("bad5"), "--backbone", "resnet18", "--method", "dyconv", "--kr", "4x");
    assertThat(both.code()).isEqualTo(2);
    assertThat(both.err()).contains("--method kr --kr 4x");

    CliRun unsupported =
        CliRun.krTrain(dir.resolve("bad6"), "--backbone", "test-cnn", "--method", "condconv");
    assertThat(unsupported.usageError()).contains("test-cnn").contains("condconv");
  }

  @Test
  void flopsRefusesAMalformedInput() {
    CliRun bad = kr("flops", "--input", "32x32");
    assertThat(bad.usageError()).contains("--input").contains("32x32");
  }
}
