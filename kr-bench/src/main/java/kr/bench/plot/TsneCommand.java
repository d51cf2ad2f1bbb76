package kr.bench.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kr.bench.run.ModelSpec;
import kr.bench.run.TrainedCheckpoint;
import kr.core.kr.HeadInput;
import kr.train.InferenceOutputs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code kr plot tsne}: the paper's Fig. 1b/1c — t-SNE of the classifier's input (the pooled
 * features, joined with the kernel representation d where the head reads it) of the same test
 * images under each model, side by side, coloured by class, each panel titled with its cluster
 * numbers; the numbers (k-NN accuracy and silhouette in the feature space and the embedding,
 * trustworthiness, KL) go to a JSON file beside the PNG.
 */
@Command(
    name = "tsne",
    mixinStandardHelpOptions = true,
    description =
        "t-SNE of the classifier input of test images under each model (Fig. 1b/1c), "
            + "side by side, plus a JSON of cluster scores beside the PNG.")
public final class TsneCommand implements Callable<Integer> {
  @Mixin ModelInputs inputs = new ModelInputs("tsne.png");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    ModelInputs.Prepared prep = inputs.prepare();
    List<TsneFigure.Panel> panels = new ArrayList<>();
    for (int i = 0; i < prep.models().size(); i++) {
      TrainedCheckpoint m = prep.models().get(i);
      float[][] f = ModelInputs.run(m, prep.sample(), classifierInput(m.model())).get(FEATURES);
      panels.add(prep.panel(prep.names().get(i), f));
    }
    TsneFigure.write(prep.png(), panels);
    prep.finish(spec.commandLine().getOut(), panels);
    return 0;
  }

  static final String FEATURES = "features";

  /** The classifier's input: cat[pooled, d] where the head reads d, else the pooled features. */
  static InferenceOutputs classifierInput(ModelSpec model) {
    boolean readsD = model.kr().headInput() != HeadInput.NONE;
    return (ctx, f) ->
        Map.of(
            FEATURES,
            f.d().isPresent() && readsD
                ? ctx.tf().concat(List.of(f.x(), f.d().value()), ctx.tf().constant(1))
                : f.x());
  }
}
