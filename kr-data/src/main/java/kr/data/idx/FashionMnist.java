package kr.data.idx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kr.data.DatasetOptions;

/**
 * Fashion-MNIST (Xiao, Rasul, Vollgraf 2017): 60,000 + 10,000 grayscale 28x28 images of 10 clothing
 * classes, in the MNIST IDX format. The Debian package {@code dataset-fashion-mnist} installs the
 * four gzipped files in {@link #DEFAULT_DIR}; {@link #installation()} tells whether they are there
 * and, if not, how to install them.
 */
public final class FashionMnist {
  /** Where {@code dataset-fashion-mnist} installs the files. */
  public static final Path DEFAULT_DIR = Path.of("/usr/share/datasets/fashion-mnist");

  /** The command that installs the default files. */
  public static final String INSTALL_COMMAND =
      "apt-get update && apt-get install -y dataset-fashion-mnist";

  /** Class names, by label. */
  public static final List<String> CLASS_NAMES =
      List.of(
          "T-shirt/top",
          "Trouser",
          "Pullover",
          "Dress",
          "Coat",
          "Sandal",
          "Shirt",
          "Sneaker",
          "Bag",
          "Ankle boot");

  /** The four file names as shipped. */
  public static final List<String> FILES =
      List.of(
          "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
          "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");

  private FashionMnist() {}

  /**
   * Whether the default files are installed.
   *
   * @param dir the directory that was checked
   * @param missing files of {@link #FILES} not found there
   */
  public record Installation(Path dir, List<Path> missing) {
    /** Copies the list. */
    public Installation {
      missing = List.copyOf(missing);
    }

    /**
     * @return true if all four files are present
     */
    public boolean installed() {
      return missing.isEmpty();
    }

    /**
     * @return "installed in DIR", or the missing files and the exact install command
     */
    public String describe() {
      return installed()
          ? "Fashion-MNIST installed in " + dir
          : "Fashion-MNIST not installed: missing "
              + missing
              + "; install with: "
              + INSTALL_COMMAND;
    }
  }

  /**
   * @return the state of {@link #DEFAULT_DIR}
   */
  public static Installation installation() {
    return installation(DEFAULT_DIR);
  }

  /**
   * @param dir directory to check for the four gzipped files
   * @return which of them are missing
   */
  public static Installation installation(Path dir) {
    List<Path> missing = new ArrayList<>();
    for (String f : FILES) {
      Path p = dir.resolve(f);
      if (!Files.isRegularFile(p)) {
        missing.add(p);
      }
    }
    return new Installation(dir, missing);
  }

  /**
   * @return the dataset from {@link #DEFAULT_DIR} with default options
   */
  public static IdxDataset load() {
    return load(DEFAULT_DIR, DatasetOptions.DEFAULTS);
  }

  /**
   * @param dir directory holding the four files (gzipped or not)
   * @param options loading options
   * @return the dataset
   */
  public static IdxDataset load(Path dir, DatasetOptions options) {
    return IdxDataset.load("fashion-mnist", dir, options);
  }
}
