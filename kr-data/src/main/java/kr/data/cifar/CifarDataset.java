package kr.data.cifar;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kr.data.Checks;
import kr.data.DataFiles;
import kr.data.DatasetFormatException;
import kr.data.DatasetInfo;
import kr.data.DatasetOptions;
import kr.data.ImageOp;
import kr.data.InMemoryDataset;
import kr.data.LabelGranularity;
import kr.data.PackedSplit;
import kr.data.Split;
import kr.data.augment.Augmentations;
import kr.data.augment.Normalize;

/**
 * CIFAR-10 and CIFAR-100 in their binary distributions (Krizhevsky 2009,
 * cs.toronto.edu/~kriz/cifar.html), loaded into memory as packed HWC bytes. A record is the label
 * byte(s) followed by 3072 pixel bytes, channel-major (1024 red, 1024 green, 1024 blue, each
 * row-major 32x32). CIFAR-10 ({@code cifar-10-batches-bin/}) has one label byte and files {@code
 * data_batch_1..5.bin}, {@code test_batch.bin}; CIFAR-100 ({@code cifar-100-binary/}) has a coarse
 * then a fine label byte and files {@code train.bin}, {@code test.bin}. The data directory may be
 * the folder holding the files or its parent.
 */
public final class CifarDataset extends InMemoryDataset {
  /** Image side. */
  public static final int SIZE = 32;

  /** Pixel bytes per record. */
  public static final int PIXEL_BYTES = 3 * SIZE * SIZE;

  /** Largest pixel array one split may take (the largest Java array). */
  static final long MAX_SPLIT_BYTES = Integer.MAX_VALUE - 8;

  /**
   * What differs between CIFAR-10 and CIFAR-100.
   *
   * @param folder name of the folder the archive unpacks to
   * @param trainFiles training files, in order
   * @param testFiles test files
   * @param labelBytes label bytes per record (1 or 2)
   * @param fineClasses classes of the fine (or only) label
   * @param coarseClasses classes of the coarse label, 0 if there is none
   * @param mean channel means on the 0..1 scale
   * @param std channel standard deviations on the 0..1 scale
   * @param fineNames the names of the fine (or only) labels, in label order
   */
  public record Variant(
      String folder,
      List<String> trainFiles,
      List<String> testFiles,
      int labelBytes,
      int fineClasses,
      int coarseClasses,
      float[] mean,
      float[] std,
      List<String> fineNames) {
    public Variant {
      fineNames = List.copyOf(fineNames);
    }

    /** The per-channel normalisation. */
    public Normalize normalization() {
      return new Normalize(mean, std);
    }
  }

  /** The variant table, keyed by registry name. */
  public static final Map<String, Variant> VARIANTS =
      Map.of(
          "cifar10",
              new Variant(
                  "cifar-10-batches-bin",
                  List.of(
                      "data_batch_1.bin",
                      "data_batch_2.bin",
                      "data_batch_3.bin",
                      "data_batch_4.bin",
                      "data_batch_5.bin"),
                  List.of("test_batch.bin"),
                  1,
                  10,
                  0,
                  new float[] {0.4914f, 0.4822f, 0.4465f},
                  new float[] {0.2470f, 0.2435f, 0.2616f},
                  List.of(
                      "airplane",
                      "automobile",
                      "bird",
                      "cat",
                      "deer",
                      "dog",
                      "frog",
                      "horse",
                      "ship",
                      "truck")),
          "cifar100",
              new Variant(
                  "cifar-100-binary",
                  List.of("train.bin"),
                  List.of("test.bin"),
                  2,
                  100,
                  20,
                  new float[] {0.5071f, 0.4865f, 0.4409f},
                  new float[] {0.2673f, 0.2564f, 0.2762f},
                  List.of(
                      "apple",
                      "aquarium_fish",
                      "baby",
                      "bear",
                      "beaver",
                      "bed",
                      "bee",
                      "beetle",
                      "bicycle",
                      "bottle",
                      "bowl",
                      "boy",
                      "bridge",
                      "bus",
                      "butterfly",
                      "camel",
                      "can",
                      "castle",
                      "caterpillar",
                      "cattle",
                      "chair",
                      "chimpanzee",
                      "clock",
                      "cloud",
                      "cockroach",
                      "couch",
                      "crab",
                      "crocodile",
                      "cup",
                      "dinosaur",
                      "dolphin",
                      "elephant",
                      "flatfish",
                      "forest",
                      "fox",
                      "girl",
                      "hamster",
                      "house",
                      "kangaroo",
                      "keyboard",
                      "lamp",
                      "lawn_mower",
                      "leopard",
                      "lion",
                      "lizard",
                      "lobster",
                      "man",
                      "maple_tree",
                      "motorcycle",
                      "mountain",
                      "mouse",
                      "mushroom",
                      "oak_tree",
                      "orange",
                      "orchid",
                      "otter",
                      "palm_tree",
                      "pear",
                      "pickup_truck",
                      "pine_tree",
                      "plain",
                      "plate",
                      "poppy",
                      "porcupine",
                      "possum",
                      "rabbit",
                      "raccoon",
                      "ray",
                      "road",
                      "rocket",
                      "rose",
                      "sea",
                      "seal",
                      "shark",
                      "shrew",
                      "skunk",
                      "skyscraper",
                      "snail",
                      "snake",
                      "spider",
                      "squirrel",
                      "streetcar",
                      "sunflower",
                      "sweet_pepper",
                      "table",
                      "tank",
                      "telephone",
                      "television",
                      "tiger",
                      "tractor",
                      "train",
                      "trout",
                      "tulip",
                      "turtle",
                      "wardrobe",
                      "whale",
                      "willow_tree",
                      "wolf",
                      "woman",
                      "worm")));

  private CifarDataset(DatasetInfo info, PackedSplit train, PackedSplit test) {
    super(info, train, test);
  }

  /**
   * Loads both splits.
   *
   * @param name {@code "cifar10"} or {@code "cifar100"}
   * @param dir folder holding the {@code .bin} files, or its parent
   * @param options uses {@code labels} (CIFAR-100 fine or coarse)
   * @return the dataset
   * @throws DatasetFormatException if a file is missing, not a whole number of records, or has a
   *     label out of range
   */
  public static CifarDataset load(String name, Path dir, DatasetOptions options) {
    Variant v = variant(VARIANTS, name);
    Checks.notNull("options", options);
    Path root = checkLayout(name, dir);
    boolean coarse = v.labelBytes() == 2 && options.labels() == LabelGranularity.COARSE;
    int labelIndex = v.labelBytes() == 2 && !coarse ? 1 : 0;
    int classes = coarse ? v.coarseClasses() : v.fineClasses();
    int[] labelClasses =
        v.labelBytes() == 2
            ? new int[] {v.coarseClasses(), v.fineClasses()}
            : new int[] {v.fineClasses()};
    PackedSplit train = readFiles(root, v.trainFiles(), labelClasses, labelIndex);
    PackedSplit test = readFiles(root, v.testFiles(), labelClasses, labelIndex);
    DatasetInfo info =
        new DatasetInfo(name, classes, SIZE, SIZE, 3, v.mean(), v.std(), train.size(), test.size());
    return new CifarDataset(info, train, test);
  }

  /**
   * Reads the files of one split; every label byte of every record is checked against its own class
   * count (CIFAR-100 coarse and fine), whichever one is used, so a corrupt record is never loaded.
   */
  /**
   * Checks that the directory and the variant's files exist, without reading them.
   *
   * @param name {@code "cifar10"} or {@code "cifar100"}
   * @param dir folder holding the {@code .bin} files, or its parent
   * @return the folder holding the files
   * @throws DatasetFormatException naming the missing directory or file
   */
  public static Path checkLayout(String name, Path dir) {
    Variant v = variant(VARIANTS, name);
    DataFiles.requireDirectory(dir, name + " binary files " + v.trainFiles() + " " + v.testFiles());
    Path root = Files.isDirectory(dir.resolve(v.folder())) ? dir.resolve(v.folder()) : dir;
    for (String f : v.trainFiles()) {
      DataFiles.requireFile(root.resolve(f), name + " binary records");
    }
    for (String f : v.testFiles()) {
      DataFiles.requireFile(root.resolve(f), name + " binary records");
    }
    return root;
  }

  private static PackedSplit readFiles(
      Path root, List<String> names, int[] labelClasses, int labelIndex) {
    int labelBytes = labelClasses.length;
    int record = labelBytes + PIXEL_BYTES;
    byte[][] contents = new byte[names.size()][];
    int total = 0;
    for (int f = 0; f < names.size(); f++) {
      Path file =
          DataFiles.requireFile(
              root.resolve(names.get(f)),
              "CIFAR binary records of "
                  + labelBytes
                  + " label byte(s) + "
                  + PIXEL_BYTES
                  + " pixel bytes");
      try {
        contents[f] = Files.readAllBytes(file);
      } catch (IOException e) {
        throw new DatasetFormatException("cannot read file " + file + ": " + e, e);
      }
      int len = contents[f].length;
      if (len == 0 || len % record != 0) {
        int whole = len / record;
        throw new DatasetFormatException(
            "file "
                + file
                + ": size "
                + len
                + " bytes is not a positive multiple of the "
                + record
                + "-byte record ("
                + labelBytes
                + " label byte(s) + "
                + PIXEL_BYTES
                + " pixels): "
                + (len == 0
                    ? "file is empty"
                    : "incomplete record "
                        + whole
                        + " at offset "
                        + (long) whole * record
                        + " ("
                        + (len - whole * record)
                        + " of "
                        + record
                        + " bytes)"));
      }
      total += len / record;
    }
    if ((long) total * PIXEL_BYTES > MAX_SPLIT_BYTES) {
      throw new DatasetFormatException(
          "files "
              + names
              + " in "
              + root
              + " hold "
              + total
              + " records: expected at most "
              + MAX_SPLIT_BYTES / PIXEL_BYTES
              + " per split (one Java array of pixels)");
    }
    byte[] pixels = new byte[total * PIXEL_BYTES];
    int[] labels = new int[total];
    int n = 0;
    for (int f = 0; f < names.size(); f++) {
      byte[] b = contents[f];
      int count = b.length / record;
      for (int r = 0; r < count; r++, n++) {
        int at = r * record;
        for (int l = 0; l < labelBytes; l++) {
          int label = b[at + l] & 0xFF;
          if (label >= labelClasses[l]) {
            throw new DatasetFormatException(
                "file "
                    + root.resolve(names.get(f))
                    + ": "
                    + (labelBytes == 2 ? (l == 0 ? "coarse " : "fine ") : "")
                    + "label "
                    + label
                    + " at offset "
                    + ((long) at + l)
                    + " (record "
                    + r
                    + ") is out of range: expected 0.."
                    + (labelClasses[l] - 1));
          }
        }
        labels[n] = b[at + labelIndex] & 0xFF;
        chwToHwc(b, at + labelBytes, pixels, n * PIXEL_BYTES);
      }
      contents[f] = null;
    }
    return new PackedSplit(pixels, labels, SIZE, SIZE, 3);
  }

  private static void chwToHwc(byte[] src, int from, byte[] dst, int to) {
    int plane = SIZE * SIZE;
    for (int p = 0; p < plane; p++) {
      dst[to + 3 * p] = src[from + p];
      dst[to + 3 * p + 1] = src[from + plane + p];
      dst[to + 3 * p + 2] = src[from + 2 * plane + p];
    }
  }

  @Override
  public ImageOp standardTransform(Split split) {
    return split == Split.TRAIN ? Augmentations.cifar() : ImageOp.identity();
  }
}
