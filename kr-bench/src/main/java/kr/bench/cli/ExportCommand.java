package kr.bench.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import kr.bench.run.ModelCard;
import kr.bench.run.TrainedRun;
import kr.train.checkpoint.AtomicFiles;
import kr.train.serving.InferenceModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kr export}: a run's checkpoint as a TensorFlow SavedModel that takes raw pixel images
 * ({@link InferenceModel}), plus its {@link ModelCard}. The directory is written beside {@code
 * --out} and renamed into place, so an interrupted export leaves nothing half-written there; an
 * {@code --out} that exists and is not empty is refused.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Export a run's checkpoint as a TensorFlow SavedModel (tag serve) whose signatures take"
            + " raw pixel images: serving_default float32 [N,H,W,C] values 0..255, serving_uint8"
            + " uint8 [N,H,W,C]; both return logits and probabilities [N,classes]. The"
            + " dataset's normalisation is applied inside the graph.")
public final class ExportCommand implements Callable<Integer> {

  @Option(names = "--run", paramLabel = "DIR", required = true, description = WhichOption.RUN_HELP)
  Path run;

  @CommandLine.Mixin WhichOption which = new WhichOption();

  @Option(
      names = "--out",
      required = true,
      paramLabel = "MODEL_DIR",
      description = "The SavedModel directory to create (must not exist, or be empty).")
  Path out;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    TrainedRun r = TrainedRun.open(run);
    Path checkpoint = r.checkpoint(which.value);
    checkNew(out);
    Path parent = out.toAbsolutePath().normalize().getParent();
    Preflight.writableDirectory("--out", parent);
    ModelCard card = ModelCard.of(r, checkpoint);
    Path tmp = AtomicFiles.temporarySibling(out, AtomicFiles.TEMP_SUFFIX);
    try (InferenceModel m =
        InferenceModel.restore(r.model().build(), checkpoint, card.normalize())) {
      m.export(tmp);
      card.write(tmp);
      if (Files.isDirectory(out)) {
        Files.delete(out); // empty, checked above
      }
      Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      AtomicFiles.deleteTree(tmp);
    }
    PrintWriter o = spec.commandLine().getOut();
    o.println("exported " + checkpoint + " to " + out);
    for (String s : card.signatures()) {
      o.println("  " + s);
    }
    o.println(
        "  inside the graph: (pixels / 255 - mean) / std, mean "
            + Arrays.toString(card.mean())
            + ", std "
            + Arrays.toString(card.std())
            + "; class names in "
            + out.resolve(ModelCard.FILE));
    o.flush();
    return 0;
  }

  private static void checkNew(Path out) throws IOException {
    if (!Files.exists(out)) {
      return;
    }
    if (!Files.isDirectory(out)) {
      throw new IllegalArgumentException(
          "--out " + out + " is a file: expected a new directory for the SavedModel");
    }
    try (Stream<Path> files = Files.list(out)) {
      if (files.findAny().isPresent()) {
        throw new IllegalArgumentException(
            "--out "
                + out
                + " already exists and is not empty: expected a new directory (nothing is"
                + " overwritten)");
      }
    }
  }
}
