package kr.data.imagenet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import kr.data.Checks;
import kr.data.DataFiles;
import kr.data.Dataset;
import kr.data.DatasetFormatException;
import kr.data.DatasetInfo;
import kr.data.DatasetOptions;
import kr.data.Example;
import kr.data.ExampleSource;
import kr.data.ImageOp;
import kr.data.Split;
import kr.data.augment.Augmentations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ImageNet (ILSVRC-2012) in the class-folder layout used by torchvision's {@code ImageFolder} and
 * DeiT: {@code train/<wnid>/*.JPEG} and {@code val/<wnid>/*.JPEG}. The class index is the position
 * of the folder name in the sorted list of training class folders. Only the file list is held in
 * memory; images are decoded from disk on each read (JPEG or PNG, via {@code javax.imageio}). The
 * standard transforms are DeiT's: random resized crop (scale 0.08–1, ratio 3/4–4/3) + flip for
 * training, shorter side to 256 then centre crop 224 for evaluation. With {@code skipCorrupt},
 * undecodable images are logged, counted in {@link #corruptSummary()} and skipped.
 */
public final class ImageNetDataset implements Dataset {
  private static final Logger LOG = LoggerFactory.getLogger(ImageNetDataset.class);

  /** ImageNet channel means on the 0..1 scale. */
  public static final float[] MEAN = {0.485f, 0.456f, 0.406f};

  /** ImageNet channel standard deviations on the 0..1 scale. */
  public static final float[] STD = {0.229f, 0.224f, 0.225f};

  /** Training folder name. */
  public static final String TRAIN_DIR = "train";

  /** Validation folder name (the {@link Split#TEST} split). */
  public static final String VAL_DIR = "val";

  /**
   * Images skipped as corrupt so far.
   *
   * @param skipped how many reads were skipped
   * @param files the files skipped (each listed once per skip)
   */
  public record CorruptSummary(int skipped, List<Path> files) {
    /** Copies the list. */
    public CorruptSummary {
      files = List.copyOf(files);
    }
  }

  private final DatasetInfo info;
  private final List<String> classes;
  private final FolderSplit train;
  private final FolderSplit test;
  private final DatasetOptions options;
  private final AtomicInteger skipped = new AtomicInteger();
  private final List<Path> skippedFiles = new CopyOnWriteArrayList<>();

  private ImageNetDataset(String name, Path dir, DatasetOptions options) {
    this.options = options;
    Path trainDir = dir.resolve(TRAIN_DIR);
    Path valDir = dir.resolve(VAL_DIR);
    classes = classFolders(Files.isDirectory(trainDir) ? trainDir : valDir);
    train = scan(trainDir);
    test = scan(valDir);
    info =
        new DatasetInfo(
            name,
            classes.size(),
            options.cropSize(),
            options.cropSize(),
            3,
            MEAN,
            STD,
            train.size(),
            test.size());
  }

  /**
   * Scans the folder layout (no image is decoded).
   *
   * @param name registry name
   * @param dir folder holding {@code train/} and/or {@code val/}
   * @param options uses {@code resizeSize}, {@code cropSize}, {@code skipCorrupt}
   * @return the dataset
   * @throws DatasetFormatException if both folders are missing, a class folder is empty or a
   *     validation class is unknown
   */
  public static ImageNetDataset load(String name, Path dir, DatasetOptions options) {
    Checks.notNull("options", options);
    checkLayout(dir);
    return new ImageNetDataset(name, dir, options);
  }

  /**
   * Checks that the directory and its {@code train/} or {@code val/} folder exist, without listing
   * the images.
   *
   * @param dir folder that should hold {@code train/} and/or {@code val/}
   * @throws DatasetFormatException naming the missing directory
   */
  public static void checkLayout(Path dir) {
    DataFiles.requireDirectory(
        dir, "ImageNet class folders train/<wnid>/*.JPEG and val/<wnid>/*.JPEG");
    Path trainDir = dir.resolve(TRAIN_DIR);
    Path valDir = dir.resolve(VAL_DIR);
    if (!Files.isDirectory(trainDir) && !Files.isDirectory(valDir)) {
      throw new DatasetFormatException(
          "missing directories: neither "
              + trainDir
              + " nor "
              + valDir
              + " exists (expected class folders train/<wnid>/*.JPEG and val/<wnid>/*.JPEG)");
    }
  }

  /**
   * @return class folder names (wnids), in label order
   */
  public List<String> classes() {
    return classes;
  }

  /**
   * @return how many images were skipped as corrupt so far, and which
   */
  public CorruptSummary corruptSummary() {
    return new CorruptSummary(skipped.get(), new ArrayList<>(skippedFiles));
  }

  @Override
  public DatasetInfo info() {
    return info;
  }

  @Override
  public FolderSplit source(Split split) {
    FolderSplit s = split == Split.TRAIN ? train : test;
    if (s.missing) {
      throw new DatasetFormatException(
          "missing directory: " + s.dir + " (expected class folders <wnid>/*.JPEG)");
    }
    return s;
  }

  @Override
  public ImageOp standardTransform(Split split) {
    return split == Split.TRAIN
        ? Augmentations.imagenetTrain(options.cropSize(), options.interpolation())
        : Augmentations.imagenetEval(
            options.resizeSize(), options.cropSize(), options.interpolation());
  }

  private static List<String> classFolders(Path splitDir) {
    List<String> names;
    try (Stream<Path> s = Files.list(splitDir)) {
      names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new DatasetFormatException("cannot list directory " + splitDir + ": " + e, e);
    }
    if (names.isEmpty()) {
      throw new DatasetFormatException(
          "directory " + splitDir + " has no class folders: expected <wnid>/*.JPEG");
    }
    return names;
  }

  private FolderSplit scan(Path splitDir) {
    if (!Files.isDirectory(splitDir)) {
      return new FolderSplit(splitDir, new Path[0], new int[0], true);
    }
    Map<String, Integer> index = new TreeMap<>();
    for (int i = 0; i < classes.size(); i++) {
      index.put(classes.get(i), i);
    }
    List<Path> files = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (String wnid : classFolders(splitDir)) {
      Integer label = index.get(wnid);
      Path folder = splitDir.resolve(wnid);
      if (label == null) {
        throw new DatasetFormatException(
            "class folder "
                + folder
                + " is not among the "
                + classes.size()
                + " training classes: expected the same wnid folders as "
                + splitDir.resolveSibling(TRAIN_DIR));
      }
      List<Path> images;
      try (Stream<Path> s = Files.list(folder)) {
        images = s.filter(p -> Files.isRegularFile(p) && isImageName(p)).sorted().toList();
      } catch (IOException e) {
        throw new DatasetFormatException("cannot list class folder " + folder + ": " + e, e);
      }
      if (images.isEmpty()) {
        throw new DatasetFormatException(
            "class folder "
                + folder
                + " is empty: expected at least one image (*.JPEG, *.jpg, *.jpeg, *.png)");
      }
      for (Path p : images) {
        files.add(p);
        labels.add(label);
      }
    }
    return new FolderSplit(
        splitDir,
        files.toArray(Path[]::new),
        labels.stream().mapToInt(Integer::intValue).toArray(),
        false);
  }

  private static boolean isImageName(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".jpeg") || n.endsWith(".jpg") || n.endsWith(".png");
  }

  /** One split: the sorted file list with labels; decodes on read. */
  public final class FolderSplit implements ExampleSource {
    private final Path dir;
    private final Path[] files;
    private final int[] labels;
    private final boolean missing;

    private FolderSplit(Path dir, Path[] files, int[] labels, boolean missing) {
      this.dir = dir;
      this.files = files;
      this.labels = labels;
      this.missing = missing;
    }

    @Override
    public int size() {
      return files.length;
    }

    @Override
    public int label(int index) {
      return labels[ExampleSource.checkIndex(index, files.length)];
    }

    /**
     * @param index example index
     * @return the image file of that example
     */
    public Path file(int index) {
      return files[ExampleSource.checkIndex(index, files.length)];
    }

    @Override
    public Optional<Example> read(int index) {
      ExampleSource.checkIndex(index, files.length);
      try {
        return Optional.of(new Example(ImageDecoder.decodeRgb(files[index]), labels[index]));
      } catch (DatasetFormatException e) {
        String msg =
            "entry "
                + index
                + " of "
                + dir
                + " (class "
                + classes.get(labels[index])
                + "): "
                + e.getMessage();
        if (!options.skipCorrupt()) {
          throw new DatasetFormatException(msg, e);
        }
        skipped.incrementAndGet();
        skippedFiles.add(files[index]);
        LOG.warn("skipping corrupt image, {}", msg);
        return Optional.empty();
      }
    }
  }
}
