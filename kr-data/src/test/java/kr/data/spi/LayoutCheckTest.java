package kr.data.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import kr.data.DatasetFormatException;
import kr.data.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Datasets#checkLayout}: the folders and files each built-in dataset needs, checked without
 * reading.
 */
class LayoutCheckTest {
  private final Datasets datasets = Datasets.discover();
  @TempDir Path dir;

  @Test
  void idxNeedsItsFourFiles() throws IOException {
    TestFiles.writeIdxDir(dir, 2, 1, 4, 4, true);
    assertThat(datasets.checkLayout("mnist", Optional.of(dir))).isEqualTo(dir);
    Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
    assertThatThrownBy(() -> datasets.checkLayout("fashion-mnist", Optional.of(dir)))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(
            "neither "
                + dir.resolve("t10k-labels-idx1-ubyte.gz")
                + " nor "
                + dir.resolve("t10k-labels-idx1-ubyte"));
  }

  @Test
  void cifarNeedsEveryBatchFileInTheFolderOrItsParent() {
    Path root = dir.resolve("cifar-100-binary");
    TestFiles.write(root.resolve("train.bin"), new byte[1]);
    assertThatThrownBy(() -> datasets.checkLayout("cifar100", Optional.of(dir)))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("missing file: " + root.resolve("test.bin"));
    TestFiles.write(root.resolve("test.bin"), new byte[1]);
    assertThat(datasets.checkLayout("cifar100", Optional.of(dir))).isEqualTo(dir);
  }

  @Test
  void imagenetNeedsTrainOrVal() throws IOException {
    assertThatThrownBy(() -> datasets.checkLayout("imagenet", Optional.of(dir)))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("neither " + dir.resolve("train"));
    Files.createDirectories(dir.resolve("val"));
    assertThat(datasets.checkLayout("imagenet", Optional.of(dir))).isEqualTo(dir);
  }

  @Test
  void missingDirectoryOrNoDefault() {
    assertThatThrownBy(() -> datasets.checkLayout("cifar10", Optional.of(dir.resolve("none"))))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("missing directory: " + dir.resolve("none"));
    assertThatThrownBy(() -> datasets.checkLayout("mnist", Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no default data directory");
  }
}
