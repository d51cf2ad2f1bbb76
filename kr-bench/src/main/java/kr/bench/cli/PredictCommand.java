package kr.bench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import kr.bench.run.ImageInput;
import kr.bench.run.ModelCard;
import kr.bench.run.TrainedRun;
import kr.core.model.InputSpec;
import kr.data.Image;
import kr.train.Json;
import kr.train.serving.InferenceModel;
import kr.train.serving.PixelClassifier;
import kr.train.serving.SavedModelClassifier;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kr predict}: the top classes of image files, from a SavedModel written by {@code kr
 * export} or straight from a run's checkpoint. Images are read with {@code javax.imageio},
 * converted to the model's channels and resized to its input ({@link ImageInput}); class names come
 * from the model's {@link ModelCard} (or the run's dataset) where the dataset has them.
 */
@Command(
    name = "predict",
    mixinStandardHelpOptions = true,
    description =
        "Print the top classes of each image file (PNG, JPEG, BMP, GIF), with an exported"
            + " SavedModel or a run's checkpoint. Images are converted to the model's channels"
            + " and resized (bilinear) to its input.")
public final class PredictCommand implements Callable<Integer> {
  /** Images classified per session run. */
  static final int BATCH = 64;

  static final class Source {
    @Option(
        names = "--model",
        required = true,
        paramLabel = "MODEL_DIR",
        description = "A SavedModel directory written by kr export.")
    Path model;

    @Option(
        names = "--run",
        paramLabel = "DIR",
        required = true,
        description = "A run directory written by kr train (its checkpoint is used directly).")
    Path run;
  }

  @ArgGroup(multiplicity = "1")
  Source source;

  @CommandLine.Mixin WhichOption which = new WhichOption();

  @Option(
      names = "--top",
      paramLabel = "K",
      defaultValue = "5",
      description = "Classes printed per image.")
  int top;

  @Option(names = "--json", description = "One JSON line per image instead of the table.")
  boolean json;

  @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Image files.")
  List<Path> images;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (top < 1) {
      throw new IllegalArgumentException("--top must be at least 1, got " + top);
    }
    List<Image> decoded = new ArrayList<>();
    for (Path file : images) {
      Preflight.readableFile("image", file, "an image file (PNG, JPEG, BMP or GIF)");
      decoded.add(ImageInput.read(file));
    }
    Optional<ModelCard> card;
    PixelClassifier classifier;
    if (source.model != null) {
      card = ModelCard.read(source.model);
      try {
        classifier = SavedModelClassifier.load(source.model);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--model " + e.getMessage(), e);
      }
    } else {
      TrainedRun r = TrainedRun.open(source.run);
      Path checkpoint = r.checkpoint(which.value);
      ModelCard c = ModelCard.of(r, checkpoint);
      card = Optional.of(c);
      classifier = InferenceModel.restore(r.model().build(), checkpoint, c.normalize());
    }
    try (PixelClassifier model = classifier) {
      PrintWriter out = spec.commandLine().getOut();
      InputSpec in = model.input();
      int per = in.height() * in.width() * in.channels();
      for (int from = 0; from < decoded.size(); from += BATCH) {
        int n = Math.min(BATCH, decoded.size() - from);
        float[] pixels = new float[n * per];
        for (int i = 0; i < n; i++) {
          System.arraycopy(ImageInput.pixels(decoded.get(from + i), in), 0, pixels, i * per, per);
        }
        float[][] probabilities = model.classify(pixels, n).probabilities();
        for (int i = 0; i < n; i++) {
          print(out, images.get(from + i), probabilities[i], card);
        }
      }
      out.flush();
    }
    return 0;
  }

  private void print(PrintWriter out, Path image, float[] p, Optional<ModelCard> card) {
    int[] order = topK(p, Math.min(top, p.length));
    if (json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (int label : order) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("label", label);
        row.put("class", name(card, label));
        row.put("probability", p[label]);
        rows.add(row);
      }
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("image", image.toString());
      line.put("top", rows);
      out.println(Json.write(line));
      return;
    }
    out.println(image);
    for (int label : order) {
      out.printf("  %6.4f  %3d  %s%n", p[label], label, name(card, label));
    }
  }

  private static String name(Optional<ModelCard> card, int label) {
    return card.map(c -> c.className(label)).orElse("class " + label);
  }

  /** Indices of the {@code k} largest values, largest first (ties: lower index first). */
  static int[] topK(float[] values, int k) {
    int[] order = new int[k];
    boolean[] taken = new boolean[values.length];
    for (int j = 0; j < k; j++) {
      int best = -1;
      for (int i = 0; i < values.length; i++) {
        if (!taken[i] && (best < 0 || values[i] > values[best])) {
          best = i;
        }
      }
      taken[best] = true;
      order[j] = best;
    }
    return order;
  }
}
