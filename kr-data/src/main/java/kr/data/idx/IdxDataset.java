package kr.data.idx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.data.Checks;
import kr.data.DataFiles;
import kr.data.DatasetFormatException;
import kr.data.DatasetInfo;
import kr.data.DatasetOptions;
import kr.data.ImageOp;
import kr.data.InMemoryDataset;
import kr.data.PackedSplit;
import kr.data.Split;
import kr.data.augment.Augmentations;
import kr.data.augment.Normalize;

/**
 * MNIST-style datasets stored as four IDX files ({@code train-images-idx3-ubyte}, {@code
 * train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each
 * optionally {@code .gz}), loaded into memory as packed bytes. Variants: {@code "mnist"} (LeCun et
 * al. 1998) and {@code "fashion-mnist"} (Xiao et al. 2017,
 * github.com/zalandoresearch/fashion-mnist).
 */
public final class IdxDataset extends InMemoryDataset {
  /**
   * What differs between the IDX datasets.
   *
   * @param mean channel mean on the 0..1 scale
   * @param std channel standard deviation on the 0..1 scale
   * @param defaultDir where a system package installs the files, if one does
   * @param classNames the names of labels 0..9
   */
  public record Variant(float mean, float std, Optional<Path> defaultDir, List<String> classNames) {
    public Variant {
      classNames = List.copyOf(classNames);
    }

    /** The normalisation of the variant's one channel. */
    public Normalize normalization() {
      return new Normalize(new float[] {mean}, new float[] {std});
    }
  }

  /** The variant table, keyed by registry name. */
  public static final Map<String, Variant> VARIANTS =
      Map.of(
          "mnist",
              new Variant(
                  0.1307f,
                  0.3081f,
                  Optional.empty(),
                  List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9")),
          "fashion-mnist",
              new Variant(
                  0.2860f,
                  0.3530f,
                  Optional.of(FashionMnist.DEFAULT_DIR),
                  FashionMnist.CLASS_NAMES));

  /** Number of classes of both variants. */
  public static final int NUM_CLASSES = 10;

  private final DatasetOptions options;

  private IdxDataset(
      DatasetInfo info, PackedSplit train, PackedSplit test, DatasetOptions options) {
    super(info, train, test);
    this.options = options;
  }

  /**
   * Loads both splits.
   *
   * @param name a key of {@link #VARIANTS}
   * @param dir directory holding the four files
   * @param options uses {@code mnistPad} and {@code mnistFlip}
   * @return the dataset
   * @throws DatasetFormatException if a file is missing or malformed, or image and label counts
   *     differ
   */
  public static IdxDataset load(String name, Path dir, DatasetOptions options) {
    Variant v = variant(VARIANTS, name);
    Checks.notNull("options", options);
    checkLayout(name, dir);
    PackedSplit train = loadSplit(dir, "train");
    PackedSplit test = loadSplit(dir, "t10k");
    if (train.height() != test.height() || train.width() != test.width()) {
      throw new DatasetFormatException(
          "directory "
              + dir
              + ": train images are "
              + train.height()
              + "x"
              + train.width()
              + " but t10k images are "
              + test.height()
              + "x"
              + test.width()
              + ": expected equal sizes");
    }
    DatasetInfo info =
        new DatasetInfo(
            name,
            NUM_CLASSES,
            train.height(),
            train.width(),
            1,
            new float[] {v.mean()},
            new float[] {v.std()},
            train.size(),
            test.size());
    return new IdxDataset(info, train, test, options);
  }

  /**
   * Checks that the directory and its four files exist, without reading them.
   *
   * @param name a key of {@link #VARIANTS} (names the files in messages)
   * @param dir directory that should hold the four files
   * @throws DatasetFormatException naming the missing directory or file
   */
  public static void checkLayout(String name, Path dir) {
    DataFiles.requireDirectory(
        dir,
        name
            + " IDX files {train,t10k}-{images-idx3,labels-idx1}-ubyte[.gz]"
            + (name.equals("fashion-mnist")
                ? "; install with: " + FashionMnist.INSTALL_COMMAND
                : ""));
    for (String prefix : new String[] {"train", "t10k"}) {
      locate(dir, prefix, "images-idx3");
      locate(dir, prefix, "labels-idx1");
    }
  }

  /**
   * @param dir directory
   * @param prefix {@code "train"} or {@code "t10k"}
   * @param kind {@code "images-idx3"} or {@code "labels-idx1"}
   * @return the gzipped file if present, else the raw one (which may not exist either)
   */
  public static Path locate(Path dir, String prefix, String kind) {
    Path raw = dir.resolve(prefix + "-" + kind + "-ubyte");
    Path gz = dir.resolve(prefix + "-" + kind + "-ubyte.gz");
    if (Files.isRegularFile(gz)) {
      return gz;
    }
    if (Files.isRegularFile(raw)) {
      return raw;
    }
    throw new DatasetFormatException(
        "missing file: neither "
            + gz
            + " nor "
            + raw
            + " exists (expected IDX "
            + ("images-idx3".equals(kind) ? "images, magic 0x00000803" : "labels, magic 0x00000801")
            + ")");
  }

  private static PackedSplit loadSplit(Path dir, String prefix) {
    Path imagesFile = locate(dir, prefix, "images-idx3");
    Path labelsFile = locate(dir, prefix, "labels-idx1");
    IdxFile.Images images = IdxFile.readImages(imagesFile);
    int[] labels = IdxFile.readLabels(labelsFile, NUM_CLASSES);
    if (images.count() != labels.length) {
      throw new DatasetFormatException(
          "images file "
              + imagesFile
              + " holds "
              + images.count()
              + " items but labels file "
              + labelsFile
              + " holds "
              + labels.length
              + " items: expected equal counts");
    }
    if (images.rows() == 0 || images.cols() == 0) {
      throw new DatasetFormatException(
          "file "
              + imagesFile
              + ": image size "
              + images.rows()
              + "x"
              + images.cols()
              + " at offset 8: expected positive dimensions");
    }
    return new PackedSplit(images.pixels(), labels, images.rows(), images.cols(), 1);
  }

  @Override
  public ImageOp standardTransform(Split split) {
    if (split == Split.TEST) {
      return ImageOp.identity();
    }
    return Augmentations.padCrop(
        options.mnistPad(), info().height(), info().width(), options.mnistFlip());
  }
}
