package kr.data.imagenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kr.data.DatasetFormatException;
import kr.data.DatasetOptions;
import kr.data.Example;
import kr.data.Image;
import kr.data.Split;
import kr.data.TestFiles;
import kr.data.pipeline.Batch;
import kr.data.pipeline.BatchPipeline;
import kr.data.pipeline.SplitMix64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageNetDatasetTest {
  private static final DatasetOptions SMALL = DatasetOptions.DEFAULTS.withImageSizes(20, 16);
  @TempDir Path dir;

  @BeforeEach
  void layout() {
    // Class folders deliberately created out of order: labels follow the sorted names.
    TestFiles.writeImage(dir.resolve("train/n02/b.png"), "png", 1, 12, 18);
    TestFiles.writeImage(dir.resolve("train/n02/a.JPEG"), "jpeg", 2, 30, 24);
    TestFiles.writeImage(dir.resolve("train/n01/x.png"), "png", 3, 25, 25);
    TestFiles.writeImage(dir.resolve("val/n02/v.png"), "png", 4, 16, 16);
    TestFiles.writeImage(dir.resolve("val/n01/w.JPEG"), "jpeg", 5, 40, 20);
  }

  @Test
  void indexesClassesFromSortedFoldersAndDecodesExactly() {
    ImageNetDataset d = ImageNetDataset.load("imagenet", dir, SMALL);
    assertThat(d.classes()).containsExactly("n01", "n02");
    assertThat(d.info().numClasses()).isEqualTo(2);
    assertThat(d.info().trainSize()).isEqualTo(3);
    assertThat(d.info().testSize()).isEqualTo(2);
    assertThat(d.info().height()).isEqualTo(16);

    ImageNetDataset.FolderSplit train = d.source(Split.TRAIN);
    assertThat(train.file(0)).isEqualTo(dir.resolve("train/n01/x.png"));
    assertThat(train.file(1)).isEqualTo(dir.resolve("train/n02/a.JPEG"));
    assertThat(train.file(2)).isEqualTo(dir.resolve("train/n02/b.png"));
    assertThat(new int[] {train.label(0), train.label(1), train.label(2)}).containsExactly(0, 1, 1);

    Example png = train.read(2).orElseThrow();
    assertThat(png.label()).isEqualTo(1);
    Image img = png.image();
    assertThat(img.height()).isEqualTo(12);
    assertThat(img.width()).isEqualTo(18);
    for (int y = 0; y < 12; y++) {
      for (int x = 0; x < 18; x++) {
        for (int c = 0; c < 3; c++) {
          assertThat(img.get(y, x, c)).isEqualTo((float) TestFiles.pixel(1, y, x, c));
        }
      }
    }
    Image jpeg = train.read(1).orElseThrow().image();
    assertThat(jpeg.height()).isEqualTo(30);
    assertThat(jpeg.width()).isEqualTo(24);
    assertThat(d.source(Split.TEST).label(0)).isEqualTo(0);
  }

  @Test
  void standardTransformsGiveTheCropSize() {
    ImageNetDataset d = ImageNetDataset.load("imagenet", dir, SMALL);
    Image val = d.source(Split.TEST).read(0).orElseThrow().image(); // 40x20
    Image eval = d.standardTransform(Split.TEST).apply(val, new SplitMix64(1));
    assertThat(new int[] {eval.height(), eval.width(), eval.channels()}).containsExactly(16, 16, 3);
    Image train = d.standardTransform(Split.TRAIN).apply(val, new SplitMix64(1));
    assertThat(new int[] {train.height(), train.width()}).containsExactly(16, 16);
  }

  @Test
  void pipelineStreamsFromDiskWithWorkers() {
    ImageNetDataset d = ImageNetDataset.load("imagenet", dir, SMALL);
    List<Integer> seen = new ArrayList<>();
    try (BatchPipeline p =
        BatchPipeline.builder(d, Split.TRAIN).batchSize(2).seed(5).workers(2).build()) {
      for (Batch b : p) {
        try (b) {
          assertThat(b.images().shape().asArray()).containsExactly(b.size(), 16, 16, 3);
          for (int i : b.indices()) {
            seen.add(i);
          }
        }
      }
    }
    assertThat(seen).containsExactlyInAnyOrder(0, 1, 2);
  }

  @Test
  void unreadableImageNamesFileEntryAndClass() throws IOException {
    Path bad = dir.resolve("train/n02/c.JPEG");
    Files.writeString(bad, "this is not a JPEG");
    ImageNetDataset d = ImageNetDataset.load("imagenet", dir, SMALL);
    assertThatThrownBy(() -> d.source(Split.TRAIN).read(3))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("entry 3 of " + dir.resolve("train") + " (class n02)")
        .hasMessageContaining("cannot decode image file " + bad)
        .hasMessageContaining("expected a JPEG or PNG image");
  }

  @Test
  void skipCorruptWarnsCountsAndShrinksTheBatch() throws IOException {
    Path bad = dir.resolve("train/n02/c.JPEG");
    Files.write(bad, new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
    ImageNetDataset d = ImageNetDataset.load("imagenet", dir, SMALL.withSkipCorrupt(true));
    assertThat(d.source(Split.TRAIN).read(3)).isEmpty();
    int total = 0;
    try (BatchPipeline p =
        BatchPipeline.builder(d, Split.TRAIN).batchSize(4).shuffle(false).build()) {
      for (Batch b : p) {
        try (b) {
          total += b.size();
          assertThat(b.indices()).containsExactly(0, 1, 2);
        }
      }
    }
    assertThat(total).isEqualTo(3);
    ImageNetDataset.CorruptSummary summary = d.corruptSummary();
    assertThat(summary.skipped()).isEqualTo(2);
    assertThat(summary.files()).containsExactly(bad, bad);
  }

  @Test
  void emptyClassFolderIsAnError() throws IOException {
    Files.createDirectories(dir.resolve("train/n03"));
    Files.writeString(dir.resolve("train/n03/readme.txt"), "no images here");
    assertThatThrownBy(() -> ImageNetDataset.load("imagenet", dir, SMALL))
        .isInstanceOf(DatasetFormatException.class)
        .hasMessageContaining("class folder " + dir.resolve("train/n03") + " is empty")
        .hasMessageContaining("expected at least one image");
  }

  @Test
  void validationClassMissingFromTrainingIsAnError() {
    TestFiles.writeImage(dir.resolve("val/n09/z.png"), "png", 6, 8, 8);
    assertThatThrownBy(() -> ImageNetDataset.load("imagenet", dir, SMALL))
        .hasMessageContaining(
            "class folder " + dir.resolve("val/n09") + " is not among the 2 training classes");
  }

  @Test
  void missingLayoutIsAnError() {
    Path empty = dir.resolve("train/n01");
    assertThatThrownBy(() -> ImageNetDataset.load("imagenet", empty, SMALL))
        .hasMessageContaining(
            "neither " + empty.resolve("train") + " nor " + empty.resolve("val") + " exists");
    assertThatThrownBy(() -> ImageNetDataset.load("imagenet", dir.resolve("nowhere"), SMALL))
        .hasMessageContaining("missing directory: " + dir.resolve("nowhere"));
  }
}
