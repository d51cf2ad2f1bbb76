package kr.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import kr.bench.plot.TsneFigure;
import kr.bench.run.ModelCard;
import kr.bench.run.TrainedRun;
import kr.core.graph.BuildContext;
import kr.core.graph.Mode;
import kr.core.graph.Parameter;
import kr.core.graph.ParameterStore;
import kr.core.model.ImageClassifier;
import kr.data.Dataset;
import kr.data.DatasetOptions;
import kr.data.Image;
import kr.data.Split;
import kr.data.augment.Normalize;
import kr.data.spi.Datasets;
import kr.train.Evaluator;
import kr.train.Json;
import kr.train.checkpoint.Checkpoint;
import kr.train.checkpoint.CheckpointFile;
import kr.train.checkpoint.CheckpointRestore;
import kr.train.serving.InferenceModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.TensorFlow;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/**
 * A run directory that describes itself: {@code kr train} records the model, {@code kr eval --run}
 * rebuilds it without model flags, {@code kr runs} lists it, {@code kr export} writes it as a
 * SavedModel whose logits, read back with {@link SavedModelBundle#load}, are the checkpoint's (to
 * 1e-5) from raw pixels by either signature, {@code kr predict} prints the top classes of image
 * files with Fashion-MNIST's names (bad model directories, images and outputs: one line, exit code
 * 2); and the help conventions. One KR 4x {@code test-cnn}, trained for two epochs of eight steps
 * on small Fashion-MNIST-format files with an attention temperature annealing 30 → 1 over 10 epochs
 * (16 steps of 80: it ends at 24.2, and every reader of the checkpoint must use that temperature,
 * not 1), serves every test.
 */
class KrRunDirectoryTest {
  @TempDir static Path dir;
  static Path data;
  static Path run;
  static CliRun train;
  static Path model;
  static CliRun export;
  static Dataset dataset;
  static final int IMAGES = 4;

  @BeforeAll
  static void trainTwoEpochs() throws IOException {
    data = KrCliTest.writeData(dir.resolve("fmnist"));
    run = dir.resolve("runs/tiny");
    train =
        CliRun.kr(
            CliRun.train(
                data, run, "--kr", "4x", "--epochs", "2", "--temperature", "linear:30:10"));
    model = dir.resolve("model");
    export = CliRun.kr("export", "--run", run.toString(), "--out", model.toString());
    dataset = Datasets.discover().create("fashion-mnist", data, DatasetOptions.DEFAULTS);
  }

  private static List<JsonNode> metrics() throws IOException {
    return Files.readAllLines(run.resolve("metrics.jsonl")).stream()
        .map(KrRunDirectoryTest::json)
        .toList();
  }

  private static JsonNode json(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (IOException e) {
      throw new AssertionError(text, e);
    }
  }

  @Test
  void configRecordsTheModelAndTheCommandLine() throws IOException {
    assertThat(train.code()).as(train.err()).isZero();
    JsonNode c = json(Files.readString(run.resolve("config.json")));
    assertThat(c.get("command_line").get(0).asText()).isEqualTo("kr");
    assertThat(c.get("command_line").get(1).asText()).isEqualTo("train");
    assertThat(c.get("command_line").toString()).contains("\"--kr\",\"4x\"");
    JsonNode m = c.get("model");
    assertThat(m.get("backbone").asText()).isEqualTo("test-cnn");
    assertThat(m.get("method").asText()).isEqualTo("kr");
    assertThat(m.get("kr").get("multiplier").asInt()).isEqualTo(4);
    assertThat(m.get("kr").get("attention").asText()).isEqualTo("OMNI");
    assertThat(m.get("dataset").asText()).isEqualTo("fashion-mnist");
    assertThat(m.get("height").asInt()).isEqualTo(28);
    assertThat(m.get("channels").asInt()).isEqualTo(1);
    assertThat(m.get("classes").asInt()).isEqualTo(10);
    // d_0 undoes the dataset's normalisation: Fashion-MNIST's one-channel mean and std.
    assertThat(m.get("normalization").get("mean").get(0).asDouble()).isBetween(0.28, 0.29);
    assertThat(m.get("normalization").get("std").get(0).asDouble()).isBetween(0.35, 0.36);
  }

  @Test
  void evalOfTheRunNeedsNoModelFlagsAndRepeatsTheTrainingsTestEval() throws IOException {
    assertThat(train.code()).as(train.err()).isZero();
    List<JsonNode> epochs = metrics();
    JsonNode lastEpoch = epochs.get(epochs.size() - 1);
    double lastTop1 = lastEpoch.get("test_top1").asDouble();
    assertThat(lastEpoch.get("temperature").asDouble()).isCloseTo(24.2, within(0.01));
    double bestTop1 =
        epochs.stream().mapToDouble(e -> e.get("test_top1").asDouble()).max().orElseThrow();

    CliRun last = CliRun.kr("eval", "--run", run.toString(), "--which", "last", "--no-progress");
    assertThat(last.code()).as(last.err()).isZero();
    JsonNode l = json(last.out().trim());
    assertThat(l.get("top1").asDouble()).isEqualTo(lastTop1);
    assertThat(l.get("loss").asDouble())
        .isCloseTo(lastEpoch.get("test_loss").asDouble(), within(1e-4));
    assertThat(l.get("examples").asInt()).isEqualTo(32);
    assertThat(l.get("checkpoint").asText()).contains("step-");

    CliRun best = CliRun.kr("eval", "--run", run.toString(), "--no-progress");
    assertThat(best.code()).as(best.err()).isZero();
    assertThat(json(best.out().trim()).get("top1").asDouble()).isEqualTo(bestTop1);
    JsonNode written = json(Files.readString(run.resolve("eval.json")));
    assertThat(written.get("top1").asDouble()).isEqualTo(bestTop1);
    assertThat(written.get("checkpoint").asText()).endsWith("best.krckpt");

    Path ckpt = run.resolve("checkpoints/best.krckpt");
    CliRun byFile = CliRun.kr("eval", "--checkpoint", ckpt.toString(), "--no-progress");
    assertThat(byFile.code()).as(byFile.err()).isZero();
    assertThat(json(byFile.out().trim()).get("top1").asDouble()).isEqualTo(bestTop1);

    CliRun agreeing =
        CliRun.kr(
            "eval",
            "--run",
            run.toString(),
            "--backbone",
            "test-cnn",
            "--kr",
            "4x",
            "--no-progress");
    assertThat(agreeing.code()).as(agreeing.err()).isZero();
  }

  @Test
  void aModelFlagThatContradictsTheRunIsOneLineNamingBothValues() {
    assertThat(train.code()).as(train.err()).isZero();
    CliRun backbone = CliRun.kr("eval", "--run", run.toString(), "--backbone", "resnet18");
    assertThat(backbone.code()).isEqualTo(KrCli.EXIT_USAGE);
    assertThat(backbone.err().trim().lines()).hasSize(1);
    assertThat(backbone.err())
        .startsWith("kr: --backbone resnet18 contradicts the recorded test-cnn in ")
        .contains("config.json");

    CliRun method = CliRun.kr("eval", "--run", run.toString(), "--kr", "1x");
    assertThat(method.code()).isEqualTo(KrCli.EXIT_USAGE);
    assertThat(method.err().trim().lines()).hasSize(1);
    assertThat(method.err()).contains("--kr kr1x contradicts the recorded kr4x");

    CliRun neither = CliRun.kr("eval", "--backbone", "test-cnn");
    assertThat(neither.code()).isEqualTo(KrCli.EXIT_USAGE);
    assertThat(neither.err()).contains("--run").contains("--checkpoint");
  }

  /**
   * {@code kr plot tsne} and {@code kr plot kernels} rebuild the model from the run's config.json,
   * sample its test split and write the figure with its JSON beside it.
   */
  @Test
  void plotTsneAndKernelsRebuildTheModelFromTheRun() throws IOException {
    assertThat(train.code()).as(train.err()).isZero();
    Path figures = dir.resolve("figures");
    Path ckpt = run.resolve("checkpoints/best.krckpt");
    CliRun tsne =
        CliRun.kr(
            "plot",
            "tsne",
            "--run",
            run.toString(),
            "--checkpoint",
            ckpt.toString(),
            "--points",
            "30",
            "--out",
            figures.resolve("tsne.png").toString());
    assertThat(tsne.code()).as(tsne.err()).isZero();
    assertThat(tsne.out())
        .contains("of 10 classes")
        .contains("test-cnn kr4x: features: 5-NN acc")
        .contains("test-cnn kr4x #2: ")
        .contains("trustworthiness");
    assertThat(ImageIO.read(figures.resolve("tsne.png").toFile()).getWidth())
        .isEqualTo(2 * TsneFigure.PANEL_WIDTH);
    JsonNode t = json(Files.readString(figures.resolve("tsne.json")));
    assertThat(t.at("/reports").size()).isEqualTo(2);
    assertThat(t.at("/reports/0/name").asText()).isEqualTo("test-cnn kr4x");
    // the same checkpoint twice: the same features, the same layout
    assertThat(t.at("/reports/1/embedding")).isEqualTo(t.at("/reports/0/embedding"));
    assertThat(t.at("/reports/0/trustworthiness").asDouble()).isBetween(0.0, 1.0);

    CliRun layers = CliRun.kr("plot", "kernels", "--run", run.toString(), "--list-layers");
    assertThat(layers.code()).as(layers.err()).isZero();
    List<String> paths =
        layers.out().lines().filter(l -> l.startsWith("  ")).map(String::trim).toList();
    assertThat(paths).isNotEmpty();
    CliRun kernels =
        CliRun.kr(
            "plot",
            "kernels",
            "--run",
            run.toString(),
            "--points",
            "30",
            "--layers",
            paths.get(paths.size() - 1),
            "--out",
            figures.resolve("kernels.png").toString());
    assertThat(kernels.code()).as(kernels.err()).isZero();
    JsonNode k = json(Files.readString(figures.resolve("kernels.json")));
    assertThat(k.at("/reports").size()).isEqualTo(1);
    assertThat(k.at("/reports/0/name").asText())
        .isEqualTo("test-cnn kr4x " + paths.get(paths.size() - 1));

    CliRun noRun = CliRun.kr("plot", "tsne", "--run", dir.resolve("missing").toString());
    assertThat(noRun.code()).isEqualTo(KrCli.EXIT_USAGE);
    assertThat(noRun.err().trim().lines()).hasSize(1);
    assertThat(noRun.err()).contains("--run").contains("missing");
    CliRun points = CliRun.kr("plot", "tsne", "--run", run.toString(), "--points", "5000");
    assertThat(points.code()).isEqualTo(KrCli.EXIT_USAGE);
    assertThat(points.err().trim().lines()).hasSize(1);
    assertThat(points.err()).contains("--points").contains("5000");
    CliRun noLayer = CliRun.kr("plot", "kernels", "--run", run.toString(), "--layers", "nope*");
    assertThat(noLayer.code()).isEqualTo(KrCli.EXIT_USAGE);
    assertThat(noLayer.err()).contains("--layers nope*").contains("--list-layers");
  }

  @Test
  void filesHonourTheUmask() throws IOException {
    assertThat(train.code()).as(train.err()).isZero();
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return;
    }
    Set<PosixFilePermission> expected =
        Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain-file")));
    assertThat(expected).contains(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    try (var files = Files.list(run.resolve("checkpoints"))) {
      for (Path p : files.toList()) {
        assertThat(Files.getPosixFilePermissions(p)).as(p.toString()).isEqualTo(expected);
      }
    }
    for (String f : List.of("config.json", "run.json", "metrics.jsonl", "metrics.csv")) {
      assertThat(Files.getPosixFilePermissions(run.resolve(f))).as(f).isEqualTo(expected);
    }
  }

  @Test
  void runsListsTheRunWithItsModelAndBestTop1() throws IOException {
    assertThat(train.code()).as(train.err()).isZero();
    double best =
        metrics().stream().mapToDouble(e -> e.get("test_top1").asDouble()).max().orElseThrow();
    CliRun runs = CliRun.kr("runs", dir.resolve("runs").toString());
    assertThat(runs.code()).as(runs.err()).isZero();
    assertThat(runs.out())
        .containsPattern(
            "\\| "
                + Pattern.quote(run.toString())
                + " \\| test-cnn \\| kr4x \\| [1-9][0-9,]* \\| 2/2 \\| "
                + Pattern.quote(String.format("%.4f", best)))
        .contains("1 run under");
  }

  @Test
  void helpShowsDefaultsAndSuggestsCommands() {
    CliRun help = CliRun.kr("help", "train");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("--epochs").contains("Default: 100");

    CliRun evalHelp = CliRun.kr("eval", "--help");
    assertThat(evalHelp.out()).contains("--which").contains("Default: BEST");

    CliRun typo = CliRun.kr("trian");
    assertThat(typo.code()).isEqualTo(KrCli.EXIT_USAGE);
    assertThat(typo.err().lines().findFirst().orElseThrow()).startsWith("kr: Unmatched argument");
    assertThat(typo.err()).contains("Did you mean").contains("train");

    CliRun option =
        CliRun.kr(
            "train", "--backbone", "test-cnn", "--dataset", "mnist", "--out", "x", "--epoch", "2");
    assertThat(option.code()).isEqualTo(KrCli.EXIT_USAGE);
    assertThat(option.err().lines().findFirst().orElseThrow())
        .isEqualTo("kr: Unknown options: '--epoch', '2'");
    assertThat(option.err()).contains("Possible solutions: --epochs");

    CliRun version = CliRun.kr("-V");
    assertThat(version.code()).isZero();
    assertThat(version.out()).startsWith("KR-Java 0.1.0-SNAPSHOT (commit ");
  }

  @Test
  void envNamesTensorFlowItsDevicesAndJava() {
    CliRun env = CliRun.kr("env");
    assertThat(env.code()).as(env.err()).isZero();
    assertThat(env.out())
        .contains("tensorflow:  " + TensorFlow.version() + " (cpu natives)")
        .contains("device:      CPU")
        .contains("cpu cores:   " + Runtime.getRuntime().availableProcessors())
        .contains("java:        " + System.getProperty("java.version"));
  }

  /** Raw pixel values (0..255) of the first test images, NHWC. */
  static float[] rawPixels() {
    float[] out = new float[IMAGES * 28 * 28];
    for (int i = 0; i < IMAGES; i++) {
      float[] px = dataset.source(Split.TEST).read(i).orElseThrow().image().pixels();
      System.arraycopy(px, 0, out, i * px.length, px.length);
    }
    return out;
  }

  /** The checkpoint's logits, computed as evaluation does: normalised in Java, then the model. */
  static float[][] checkpointLogits() throws IOException {
    ImageClassifier net = TrainedRun.open(run).model().build();
    Normalize norm = new Normalize(dataset.info().mean(), dataset.info().std());
    float[] x = new float[IMAGES * 28 * 28];
    for (int i = 0; i < IMAGES; i++) {
      Image img = dataset.source(Split.TEST).read(i).orElseThrow().image();
      norm.into(img, x, i * 28 * 28);
    }
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> in =
          tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 28, 28, 1)));
      ParameterStore store = new ParameterStore();
      BuildContext<TFloat32> ctx =
          BuildContext.create(tf, TFloat32.class, Mode.INFERENCE, store, 0);
      Path best = run.resolve("checkpoints/best.krckpt");
      Checkpoint saved = CheckpointFile.read(best);
      ctx.setTemperature(tf.constant((float) Evaluator.reachedTemperature(saved, best)));
      Operand<TFloat32> logits = net.logits(ctx, in);
      Map<String, Variable<TFloat32>> vars = new LinkedHashMap<>();
      for (Parameter p : store.all()) {
        vars.put(p.path(), cast(p.variable()));
      }
      CheckpointRestore restore = new CheckpointRestore(tf, vars);
      try (Session s = new Session(g);
          TFloat32 t = TFloat32.tensorOf(Shape.of(IMAGES, 28, 28, 1), DataBuffers.of(x))) {
        s.initialize();
        restore.run(s, saved.tensors(), n -> false);
        try (Result r = s.runner().feed(in, t).fetch(logits).run()) {
          return rows((TFloat32) r.get(0));
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Variable<TFloat32> cast(Variable<?> v) {
    return (Variable<TFloat32>) v;
  }

  static float[][] rows(TFloat32 t) {
    float[] flat = new float[(int) t.size()];
    t.copyTo(DataBuffers.of(flat, false, false));
    float[][] out = new float[IMAGES][10];
    for (int i = 0; i < IMAGES; i++) {
      System.arraycopy(flat, i * 10, out[i], 0, 10);
    }
    return out;
  }

  static float[][] savedModelLogits(SavedModelBundle b, String signature, Tensor images) {
    try (Result r = b.function(signature).call(Map.of(InferenceModel.INPUT, images))) {
      return rows((TFloat32) r.get(InferenceModel.LOGITS).orElseThrow());
    }
  }

  @Test
  void theSavedModelGivesTheCheckpointsLogitsFromRawPixels() throws IOException {
    assertThat(export.code()).as(export.err()).isZero();
    assertThat(export.out()).contains("serving_default: images float32 [N, 28, 28, 1]");
    assertThat(model.resolve("saved_model.pb")).isRegularFile();
    assertThat(model.resolve("variables")).isDirectory();
    ModelCard card = ModelCard.read(model).orElseThrow();
    assertThat(card.classNames()).hasSize(10).startsWith("T-shirt/top", "Trouser");
    float[][] expected = checkpointLogits();
    float[] raw = rawPixels();
    byte[] bytes = new byte[raw.length];
    for (int i = 0; i < raw.length; i++) {
      bytes[i] = (byte) raw[i];
    }
    try (SavedModelBundle b =
            SavedModelBundle.load(model.toString(), SavedModelBundle.DEFAULT_TAG);
        TFloat32 f = TFloat32.tensorOf(Shape.of(IMAGES, 28, 28, 1), DataBuffers.of(raw));
        TUint8 u = TUint8.tensorOf(Shape.of(IMAGES, 28, 28, 1), DataBuffers.of(bytes))) {
      assertThat(b.signatures().stream().map(Signature::key))
          .contains(InferenceModel.SIGNATURE, InferenceModel.UINT8_SIGNATURE);
      float[][] fromFloat = savedModelLogits(b, InferenceModel.SIGNATURE, f);
      float[][] fromUint8 = savedModelLogits(b, InferenceModel.UINT8_SIGNATURE, u);
      for (int i = 0; i < IMAGES; i++) {
        for (int k = 0; k < 10; k++) {
          assertThat(fromFloat[i][k])
              .as("image %d class %d", i, k)
              .isCloseTo(expected[i][k], within(1e-5f));
        }
        assertThat(fromUint8[i]).as("image %d, uint8 signature", i).containsExactly(fromFloat[i]);
      }
    }
  }

  /** Writes test image {@code i} as an 8-bit grayscale PNG, pixel values as stored. */
  static Path png(int i) throws IOException {
    Image img = dataset.source(Split.TEST).read(i).orElseThrow().image();
    BufferedImage b = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
    float[] px = img.pixels();
    int[] samples = new int[px.length];
    for (int p = 0; p < px.length; p++) {
      samples[p] = (int) px[p];
    }
    b.getRaster().setSamples(0, 0, 28, 28, 0, samples);
    Path file = dir.resolve("test-" + i + ".png");
    ImageIO.write(b, "png", file.toFile());
    return file;
  }

  @Test
  void predictPrintsTheTopClassesWithTheirNames() throws IOException {
    Path a = png(0);
    Path b = png(1);
    float[][] logits = checkpointLogits();
    CliRun fromModel =
        CliRun.kr("predict", "--model", model.toString(), a.toString(), b.toString());
    assertThat(fromModel.code()).as(fromModel.err()).isZero();
    List<String> lines = fromModel.out().lines().toList();
    assertThat(lines).hasSize(12);
    assertThat(lines.get(0)).isEqualTo(a.toString());
    assertThat(lines.get(6)).isEqualTo(b.toString());
    List<String> names = ModelCard.read(model).orElseThrow().classNames();
    for (int i = 0; i < 2; i++) {
      int best = argmax(logits[i]);
      assertThat(lines.get(6 * i + 1)).endsWith(String.format("%3d  %s", best, names.get(best)));
    }
    CliRun fromRun =
        CliRun.kr(
            "predict", "--run", run.toString(), "--top", "3", "--json", a.toString(), b.toString());
    assertThat(fromRun.code()).as(fromRun.err()).isZero();
    List<String> json = fromRun.out().lines().toList();
    assertThat(json).hasSize(2);
    int best = argmax(logits[0]);
    assertThat(json.get(0))
        .startsWith("{\"image\":\"" + a + "\",\"top\":[{\"label\":" + best + ",\"class\":\"")
        .contains(names.get(best));
  }

  private static int argmax(float[] v) {
    int best = 0;
    for (int i = 1; i < v.length; i++) {
      best = v[i] > v[best] ? i : best;
    }
    return best;
  }

  @Test
  void badModelsImagesAndOutputsAreOneLine() throws IOException {
    Path image = png(2);
    Path notImage = Files.writeString(dir.resolve("notes.png"), "not an image\n");
    Path empty = Files.createDirectories(dir.resolve("empty-model"));
    List<List<String>> cases = new ArrayList<>();
    cases.add(
        List.of("predict", "--model", empty.toString(), image.toString(), "no saved_model.pb"));
    cases.add(List.of("predict", "--model", model.toString(), notImage.toString(), "notes.png"));
    cases.add(
        List.of(
            "predict",
            "--model",
            model.toString(),
            dir.resolve("missing.png").toString(),
            "does not exist"));
    cases.add(List.of("export", "--run", run.toString(), "--out", run.toString(), "is not empty"));
    cases.add(
        List.of("export", "--run", data.toString(), "--out", empty.toString(), "config.json"));
    for (List<String> c : cases) {
      CliRun r = CliRun.kr(c.subList(0, c.size() - 1).toArray(String[]::new));
      assertThat(r.code()).as(r.err()).isEqualTo(KrCli.EXIT_USAGE);
      assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
      assertThat(r.err()).startsWith("kr: ").contains(c.get(c.size() - 1));
    }
    assertThat(run.resolve("config.json")).as("nothing overwritten").isRegularFile();
  }
}
