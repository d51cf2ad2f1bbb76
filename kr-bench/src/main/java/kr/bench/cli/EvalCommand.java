package kr.bench.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import kr.backbones.Backbones;
import kr.backbones.api.BackboneArgs;
import kr.backbones.api.DynamicKernelMethod;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kr eval}: evaluates a checkpoint written by {@code kr train} (same backbone, KR setting
 * and dataset flags) and prints one JSON line.
 */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluate a training checkpoint on a dataset split.")
public final class EvalCommand implements Callable<Integer> {

  @Option(names = "--checkpoint", required = true, description = "A .krckpt file.")
  Path checkpoint;

  @Option(names = "--backbone", required = true)
  String backbone;

  @Option(names = "--kr", description = "As in training. " + MethodOption.KR_HELP)
  String kr;

  @Option(names = "--method", description = "As in training. " + MethodOption.METHOD_HELP)
  String method;

  @Option(
      names = "--kr-attention",
      defaultValue = "OMNI",
      description = "As in training: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  AttentionMode attention;

  @Option(names = "--dataset", required = true)
  String dataset;

  @Option(names = "--data-dir")
  Path dataDir;

  @Option(names = "--image-size")
  Integer imageSize;

  @Option(names = "--rgb")
  boolean rgb;

  @Option(
      names = "--split",
      defaultValue = "TEST",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Split split;

  @Option(names = "--batch-size", defaultValue = "128")
  int batchSize;

  @Option(names = "--workers", defaultValue = "2")
  int workers;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(checkpoint)) {
      throw new IllegalArgumentException("checkpoint " + checkpoint + " is not a file");
    }
    DynamicKernelMethod method = MethodOption.resolve(this.method, kr, attention);
    TrainCommand.checkSupported(backbone, method); // fails before the data loads
    Preflight.eval(dataset, dataDir, checkpoint);
    Dataset data = TrainCommand.dataset(dataset, dataDir);
    InputSpec input = TrainCommand.inputFor(data, imageSize, rgb);
    ImageClassifier model =
        Backbones.create(backbone, BackboneArgs.of(method, input, data.info().numClasses()));
    EvalMetrics m =
        Evaluator.evaluate(
            model, checkpoint, new DatasetBatchSource(data, split, input, workers), batchSize);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("checkpoint", checkpoint.toString());
    out.put("model", model.name());
    out.put("split", split.name().toLowerCase(Locale.ROOT));
    out.put("loss", m.loss());
    out.put("top1", m.top1());
    out.put("top5", m.top5());
    out.put("examples", m.examples());
    spec.commandLine().getOut().println(Json.write(out));
    return 0;
  }
}
