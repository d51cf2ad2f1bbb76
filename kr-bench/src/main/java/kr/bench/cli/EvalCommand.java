package kr.bench.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import kr.backbones.api.DynamicKernelMethod;
import kr.bench.report.RunInfo;
import kr.bench.run.ModelSpec;
import kr.bench.run.TrainedRun;
import kr.core.graph.Checks;
import kr.core.kr.AttentionMode;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;
import kr.data.Dataset;
import kr.data.Split;
import kr.train.EvalMetrics;
import kr.train.Evaluator;
import kr.train.Json;
import kr.train.data.DatasetBatchSource;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kr eval}: evaluates a checkpoint written by {@code kr train} and prints one JSON line.
 *
 * <p>With {@code --run DIR}, or a {@code --checkpoint} inside a run directory whose {@code
 * config.json} describes the model, no model flag is needed: the model is rebuilt from the recorded
 * {@link ModelSpec}; a model flag given anyway must agree with it. The result is also written to
 * the run's {@value TrainedRun#EVAL}. A checkpoint without such a run directory needs the model
 * flags training was given.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    showDefaultValues = true,
    description = "Evaluate a training checkpoint on a dataset split.")
public final class EvalCommand implements Callable<Integer> {

  static final class Source {
    @Option(
        names = "--run",
        paramLabel = "DIR",
        required = true,
        description = WhichOption.RUN_HELP)
    Path run;

    @Option(
        names = "--checkpoint",
        paramLabel = "FILE",
        required = true,
        description = "A .krckpt file (its run directory's config.json names the model, if any).")
    Path checkpoint;
  }

  @ArgGroup(multiplicity = "1")
  Source source;

  @CommandLine.Mixin WhichOption which = new WhichOption();

  @Option(
      names = "--backbone",
      paramLabel = "NAME",
      description =
          "Backbone name, as in training (default: the one recorded in the run's config.json).")
  String backbone;

  @Option(
      names = "--kr",
      paramLabel = "VARIANT",
      description = "As in training. " + MethodOption.KR_HELP)
  String kr;

  @Option(
      names = "--method",
      paramLabel = "NAME",
      description = "As in training. " + MethodOption.METHOD_HELP)
  String method;

  @Option(
      names = "--kr-attention",
      paramLabel = "MODE",
      description =
          "As in training: ${COMPLETION-CANDIDATES} (default: the recorded one, else OMNI).")
  AttentionMode attention;

  @Option(
      names = "--dataset",
      paramLabel = "NAME",
      description = "Dataset name, as in training (default: the recorded one).")
  String dataset;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Dataset directory (default: the run's, else the dataset's own).")
  Path dataDir;

  @Option(
      names = "--image-size",
      paramLabel = "PX",
      description =
          "Square input size, as in training (default: the recorded one, else the dataset's).")
  Integer imageSize;

  @Option(names = "--rgb", description = "Grayscale replicated to 3 channels, as in training.")
  Boolean rgb;

  @Option(
      names = "--split",
      paramLabel = "SPLIT",
      defaultValue = "TEST",
      description = "Split to evaluate: ${COMPLETION-CANDIDATES}.")
  Split split;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      defaultValue = "128",
      description = "Images per batch.")
  int batchSize;

  @Mixin WorkersOption workers = new WorkersOption();

  @Option(names = "--no-progress", description = "No progress bar.")
  boolean noProgress;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    FlagNames.rename(() -> Checks.positive("batchSize", batchSize));
    int loaders = workers.value();
    Optional<TrainedRun> run;
    Path checkpoint;
    if (source.run != null) {
      TrainedRun r = TrainedRun.open(source.run);
      run = Optional.of(r);
      checkpoint = r.checkpoint(which.value);
    } else {
      checkpoint = source.checkpoint;
      if (!Files.isRegularFile(checkpoint)) {
        throw new IllegalArgumentException("checkpoint " + checkpoint + " is not a file");
      }
      run = TrainedRun.ofCheckpoint(checkpoint);
    }
    ModelSpec model;
    Dataset data;
    if (run.isPresent()) {
      model = recorded(run.get());
      TrainCommand.checkSupported(model.backbone(), model.kernelMethod()); // before the data loads
      Path dir = dataDir != null ? dataDir : model.dataDirectory().orElse(null);
      Preflight.eval(model.dataset(), dir, checkpoint);
      data = TrainCommand.dataset(model.dataset(), dir);
    } else {
      DynamicKernelMethod resolved = fromFlags();
      Preflight.eval(dataset, dataDir, checkpoint);
      data = TrainCommand.dataset(dataset, dataDir);
      boolean replicate = rgb != null && rgb;
      InputSpec input = TrainCommand.inputFor(data, imageSize, replicate);
      model =
          ModelSpec.of(
              backbone,
              resolved,
              dataset,
              Optional.ofNullable(dataDir),
              input,
              replicate,
              data.info().numClasses(),
              0,
              0);
    }
    ImageClassifier net = model.build();
    EvalMetrics m =
        Evaluator.evaluate(
            net,
            checkpoint,
            new DatasetBatchSource(data, split, model.input(), loaders),
            batchSize,
            !noProgress);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("checkpoint", checkpoint.toString());
    out.put("model", net.name());
    out.put("split", split.name().toLowerCase(Locale.ROOT));
    out.put("loss", m.loss());
    out.put("top1", m.top1());
    out.put("top5", m.top5());
    out.put("examples", m.examples());
    String line = Json.write(out);
    if (run.isPresent()) {
      RunInfo.writeAtomically(run.get().evalFile(), Json.writePretty(out) + "\n");
    }
    spec.commandLine().getOut().println(line);
    return 0;
  }

  private ModelSpec recorded(TrainedRun r) {
    RecordedModel.check(r, backbone, method, kr, attention, dataset, imageSize, rgb);
    return r.model();
  }

  private DynamicKernelMethod fromFlags() {
    if (backbone == null || dataset == null) {
      throw new IllegalArgumentException(
          "--checkpoint "
              + source.checkpoint
              + " has no run directory with a config.json: pass --backbone and --dataset (and"
              + " the method flags) training was given");
    }
    DynamicKernelMethod resolved =
        MethodOption.resolve(method, kr, attention != null ? attention : AttentionMode.OMNI);
    TrainCommand.checkSupported(backbone, resolved); // before the data loads
    return resolved;
  }
}
