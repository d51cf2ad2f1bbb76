package kr.data.cifar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import kr.data.DatasetFormatException;
import kr.data.DatasetOptions;
import kr.data.Image;
import kr.data.LabelGranularity;
import kr.data.PackedSplit;
import kr.data.Split;
import kr.data.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarDatasetTest {
  @TempDir Path dir;

  /**
   * Writes CIFAR-10 with 2 records per training batch file and 3 test records; label = global index
   * % 10.
   */
  private Path writeCifar10(Path root) {
    Path folder = root.resolve("cifar-10-batches-bin");
    for (int f = 1; f <= 5; f++) {
      int first = (f - 1) * 2;
      TestFiles.write(
          folder.resolve("data_batch_" + f + ".bin"),
          TestFiles.cifarRecords(first, new int[][] {{first % 10}, {(first + 1) % 10}}));
    }
    TestFiles.write(
        folder.resolve("test_batch.bin"), TestFiles.cifarRecords(100, new int[][] {{9}, {0}, {4}}));
    return folder;
  }

  private static void assertImage(Image img, int seed) {
    assertThat(img.height()).isEqualTo(32);
    assertThat(img.width()).isEqualTo(32);
    assertThat(img.channels()).isEqualTo(3);
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        for (int c = 0; c < 3; c++) {
          assertThat(img.get(y, x, c))
              .as("y=%d x=%d c=%d", y, x, c)
              .isEqualTo((float) TestFiles.pixel(seed, y, x, c));
        }
      }
    }
  }

  @Test
  void cifar10RoundTripsLabelsAndConvertsChwToHwc() {
    writeCifar10(dir);
    CifarDataset d = CifarDataset.load("cifar10", dir, DatasetOptions.DEFAULTS);
    assertThat(d.info().trainSize()).isEqualTo(10);
    assertThat(d.info().testSize()).isEqualTo(3);
    assertThat(d.info().numClasses()).isEqualTo(10);
    PackedSplit train = d.source(Split.TRAIN);
    for (int i = 0; i < 10; i++) {
      assertThat(train.label(i)).isEqualTo(i % 10);
      assertImage(train.read(i).orElseThrow().image(), i);
    }
    PackedSplit test = d.source(Split.TEST);
    assertThat(new int[] {test.label(0), test.label(1), test.label(2)}).containsExactly(9, 0, 4);
    assertImage(test.read(2).orElseThrow().image(), 102);
  }

  @Test
  void acceptsTheFolderHoldingTheFilesDirectly() {
    Path folder = writeCifar10(dir);
    assertThat(CifarDataset.load("cifar10", folder, DatasetOptions.DEFAULTS).info().trainSize())
        .isEqualTo(10);
  }

  @Test
  void cifar100ReadsFineOrCoarseLabels() {
    Path folder = dir.resolve("cifar-100-binary");
    TestFiles.write(
        folder.resolve("train.bin"), TestFiles.cifarRecords(0, new int[][] {{3, 77}, {19, 99}}));
    TestFiles.write(folder.resolve("test.bin"), TestFiles.cifarRecords(5, new int[][] {{0, 0}}));

    CifarDataset fine = CifarDataset.load("cifar100", dir, DatasetOptions.DEFAULTS);
    assertThat(fine.info().numClasses()).isEqualTo(100);
    assertThat(fine.source(Split.TRAIN).label(0)).isEqualTo(77);
    assertThat(fine.source(Split.TRAIN).label(1)).isEqualTo(99);
    assertImage(fine.source(Split.TRAIN).read(1).orElseThrow().image(), 1);
    assertImage(fine.source(Split.TEST).read(0).orElseThrow().image(), 5);

    CifarDataset coarse =
        CifarDataset.load(
            "cifar100", dir, DatasetOptions.DEFAULTS.withLabels(LabelGranularity.COARSE));
    assertThat(coarse.info().numClasses()).isEqualTo(20);
    assertThat(coarse.source(Split.TRAIN).label(0)).isEqualTo(3);
    assertThat(coarse.source(Split.TRAIN).label(1)).isEqualTo(19);
  }

  @Test
  void sizeNotAMultipleOfTheRecordNamesFileAndOffset() {
    Path folder = writeCifar10(dir);
    byte[] two = TestFiles.cifarRecords(0, new int[][] {{1}, {2}});
    Path f = TestFiles.write(folder.resolve("data_batch_3.bin"), Arrays.copyOf(two, 3073 + 100));
    assertThatThrownBy(() -> CifarDataset.load("cifar10", dir, DatasetOptions.DEFAULTS))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("file " + f)
        .hasMessageContaining("size 3173 bytes is not a positive multiple of the 3073-byte record")
        .hasMessageContaining("incomplete record 1 at offset 3073 (100 of 3073 bytes)");
  }

  @Test
  void labelOutOfRangeNamesRecordAndOffset() {
    Path folder = dir.resolve("cifar-100-binary");
    TestFiles.write(
        folder.resolve("train.bin"), TestFiles.cifarRecords(0, new int[][] {{3, 7}, {25, 99}}));
    TestFiles.write(folder.resolve("test.bin"), TestFiles.cifarRecords(5, new int[][] {{0, 0}}));
    assertThatThrownBy(
            () ->
                CifarDataset.load(
                    "cifar100", dir, DatasetOptions.DEFAULTS.withLabels(LabelGranularity.COARSE)))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("train.bin")
        .hasMessageContaining("label 25 at offset 3074 (record 1) is out of range: expected 0..19");
  }

  @Test
  void missingFileAndDirectoryAreNamed() {
    assertThatThrownBy(
            () -> CifarDataset.load("cifar10", dir.resolve("absent"), DatasetOptions.DEFAULTS))
        .hasMessageContaining("missing directory: " + dir.resolve("absent"));
    TestFiles.write(dir.resolve("test_batch.bin"), TestFiles.cifarRecords(0, new int[][] {{1}}));
    assertThatThrownBy(() -> CifarDataset.load("cifar10", dir, DatasetOptions.DEFAULTS))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("missing file: " + dir.resolve("data_batch_1.bin"));
  }

  @Test
  void emptyFileIsRejected() {
    Path folder = writeCifar10(dir);
    TestFiles.write(folder.resolve("test_batch.bin"), new byte[0]);
    assertThatThrownBy(() -> CifarDataset.load("cifar10", dir, DatasetOptions.DEFAULTS))
        .hasMessageContaining("test_batch.bin")
        .hasMessageContaining("file is empty");
  }
}
