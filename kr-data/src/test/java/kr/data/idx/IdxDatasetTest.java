package kr.data.idx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import kr.data.DatasetFormatException;
import kr.data.DatasetOptions;
import kr.data.Example;
import kr.data.Image;
import kr.data.PackedSplit;
import kr.data.Split;
import kr.data.TestFiles;
import kr.data.pipeline.SplitMix64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdxDatasetTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "gzip={0}")
  @ValueSource(booleans = {true, false})
  void roundTripsPixelsAndLabels(boolean gzip) {
    TestFiles.writeIdxDir(dir, 7, 3, 28, 28, gzip);
    IdxDataset d = IdxDataset.load("fashion-mnist", dir, DatasetOptions.DEFAULTS);

    assertThat(d.info().trainSize()).isEqualTo(7);
    assertThat(d.info().testSize()).isEqualTo(3);
    assertThat(d.info().height()).isEqualTo(28);
    assertThat(d.info().width()).isEqualTo(28);
    assertThat(d.info().channels()).isEqualTo(1);
    assertThat(d.info().numClasses()).isEqualTo(10);
    PackedSplit train = d.source(Split.TRAIN);
    for (int i = 0; i < 7; i++) {
      assertThat(train.label(i)).isEqualTo(i % 10);
      Example e = train.read(i).orElseThrow();
      for (int y = 0; y < 28; y++) {
        for (int x = 0; x < 28; x++) {
          assertThat(e.image().get(y, x, 0)).isEqualTo((float) TestFiles.pixel(i, y, x, 0));
        }
      }
      assertThat(train.imageBytes(i))
          .isEqualTo(Arrays.copyOfRange(TestFiles.pixels(7, 28, 28, 1), i * 784, (i + 1) * 784));
    }
  }

  @Test
  void prefersGzOverRawAndAcceptsOtherSizes() {
    TestFiles.writeIdxDir(dir, 2, 2, 5, 4, false);
    IdxDataset d = IdxDataset.load("mnist", dir, DatasetOptions.DEFAULTS);
    assertThat(d.info().height()).isEqualTo(5);
    assertThat(d.info().width()).isEqualTo(4);
    assertThat(d.info().mean()).containsExactly(0.1307f);
  }

  @Test
  void wrongMagicNamesFileOffsetAndExpectedMagic() {
    TestFiles.writeIdxDir(dir, 2, 2, 28, 28, false);
    Path labels = dir.resolve("train-labels-idx1-ubyte");
    TestFiles.write(dir.resolve("train-images-idx3-ubyte"), TestFiles.idxLabels(new byte[] {1, 2}));
    assertThatThrownBy(() -> IdxDataset.load("mnist", dir, DatasetOptions.DEFAULTS))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(dir.resolve("train-images-idx3-ubyte").toString())
        .hasMessageContaining("wrong magic number 0x00000801 at offset 0")
        .hasMessageContaining("expected 0x00000803");
    assertThat(labels).exists();
  }

  @Test
  void truncatedImagesNameTheOffsetAndExpectedLength() {
    TestFiles.writeIdxDir(dir, 2, 2, 28, 28, false);
    byte[] full = TestFiles.idxImages(2, 28, 28, TestFiles.pixels(2, 28, 28, 1));
    TestFiles.write(dir.resolve("train-images-idx3-ubyte"), Arrays.copyOf(full, 16 + 1000));
    assertThatThrownBy(() -> IdxDataset.load("mnist", dir, DatasetOptions.DEFAULTS))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("train-images-idx3-ubyte")
        .hasMessageContaining("truncated at offset 1016")
        .hasMessageContaining("expected 2*28*28 = 1568 data bytes");
  }

  @Test
  void truncatedHeaderIsReported() {
    TestFiles.writeIdxDir(dir, 2, 2, 28, 28, false);
    TestFiles.write(dir.resolve("t10k-images-idx3-ubyte"), new byte[] {0, 0, 8, 3, 0, 0});
    assertThatThrownBy(() -> IdxDataset.load("mnist", dir, DatasetOptions.DEFAULTS))
        .hasMessageContaining("t10k-images-idx3-ubyte")
        .hasMessageContaining("truncated header at offset 6: expected 16 bytes");
  }

  @Test
  void truncatedGzipIsReported() {
    TestFiles.writeIdxDir(dir, 20, 2, 28, 28, true);
    Path f = dir.resolve("train-images-idx3-ubyte.gz");
    byte[] gz = TestFiles.gzip(TestFiles.idxImages(20, 28, 28, TestFiles.pixels(20, 28, 28, 1)));
    TestFiles.write(f, Arrays.copyOf(gz, gz.length / 2));
    assertThatThrownBy(() -> IdxDataset.load("fashion-mnist", dir, DatasetOptions.DEFAULTS))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(f.toString())
        .hasMessageContaining("gzip stream truncated");
  }

  @Test
  void imageAndLabelCountMismatchNamesBothFiles() {
    TestFiles.writeIdxDir(dir, 3, 2, 28, 28, false);
    TestFiles.write(dir.resolve("train-labels-idx1-ubyte"), TestFiles.idxLabels(new byte[] {0, 1}));
    assertThatThrownBy(() -> IdxDataset.load("mnist", dir, DatasetOptions.DEFAULTS))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(
            "images file " + dir.resolve("train-images-idx3-ubyte") + " holds 3 items")
        .hasMessageContaining(
            "labels file " + dir.resolve("train-labels-idx1-ubyte") + " holds 2 items");
  }

  @Test
  void labelOutOfRangeNamesOffsetAndItem() {
    TestFiles.writeIdxDir(dir, 3, 2, 28, 28, false);
    TestFiles.write(
        dir.resolve("train-labels-idx1-ubyte"), TestFiles.idxLabels(new byte[] {0, 1, 12}));
    assertThatThrownBy(() -> IdxDataset.load("mnist", dir, DatasetOptions.DEFAULTS))
        .hasMessageContaining("train-labels-idx1-ubyte")
        .hasMessageContaining("label 12 at offset 10 (item 2) is out of range: expected 0..9");
  }

  @Test
  void trailingBytesAreRejected() {
    TestFiles.writeIdxDir(dir, 2, 2, 28, 28, false);
    byte[] lab = TestFiles.idxLabels(new byte[] {0, 1, 5});
    lab[7] = 2; // header says 2 labels, file holds 3
    TestFiles.write(dir.resolve("t10k-labels-idx1-ubyte"), lab);
    assertThatThrownBy(() -> IdxDataset.load("mnist", dir, DatasetOptions.DEFAULTS))
        .hasMessageContaining("t10k-labels-idx1-ubyte")
        .hasMessageContaining("1 unexpected trailing bytes from offset 10");
  }

  @Test
  void missingDirectoryGivesInstallCommandForFashionMnist() {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> IdxDataset.load("fashion-mnist", missing, DatasetOptions.DEFAULTS))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("missing directory: " + missing)
        .hasMessageContaining(FashionMnist.INSTALL_COMMAND);
  }

  @Test
  void missingFileNamesBothCandidates() throws IOException {
    TestFiles.writeIdxDir(dir, 2, 2, 28, 28, true);
    Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
    assertThatThrownBy(() -> IdxDataset.load("mnist", dir, DatasetOptions.DEFAULTS))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining(
            "missing file: neither "
                + dir.resolve("t10k-labels-idx1-ubyte.gz")
                + " nor "
                + dir.resolve("t10k-labels-idx1-ubyte")
                + " exists");
  }

  @Test
  void installationHelperListsMissingFilesAndCommand() {
    FashionMnist.Installation missing = FashionMnist.installation(dir);
    assertThat(missing.installed()).isFalse();
    assertThat(missing.missing()).hasSize(4);
    assertThat(missing.describe())
        .contains("apt-get update && apt-get install -y dataset-fashion-mnist")
        .contains("train-images-idx3-ubyte.gz");
    TestFiles.writeIdxDir(dir, 1, 1, 28, 28, true);
    assertThat(FashionMnist.installation(dir).installed()).isTrue();
    assertThat(FashionMnist.installation(dir).describe()).contains("installed in " + dir);
  }

  @Test
  void standardTransformCropsWithPaddingAndKeepsSize() {
    TestFiles.writeIdxDir(dir, 2, 2, 28, 28, false);
    IdxDataset d = IdxDataset.load("fashion-mnist", dir, DatasetOptions.DEFAULTS.withMnistPad(4));
    Image out =
        d.standardTransform(Split.TRAIN)
            .apply(d.source(Split.TRAIN).read(0).orElseThrow().image(), new SplitMix64(3));
    assertThat(out.height()).isEqualTo(28);
    assertThat(out.width()).isEqualTo(28);
  }
}
