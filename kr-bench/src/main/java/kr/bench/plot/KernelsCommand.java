package kr.bench.plot;

import java.io.PrintWriter;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import kr.bench.run.TrainedCheckpoint;
import kr.core.dynamic.KernelCoefficients;
import kr.core.graph.Tap;
import kr.train.InferenceOutputs;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code kr plot kernels}: the paper's Fig. 4 — t-SNE of the kernel coefficients each dynamic layer
 * generates per test image (kernel attention α, with the channel, filter and spatial attentions
 * where the method predicts them: everything that turns the layer's n kernels into the image's
 * kernel), one row per model, one panel per layer, coloured by class; the scores go to a JSON file
 * beside the PNG.
 *
 * <p>Layers are named by their parameter path. By default four are shown, spread evenly over the
 * second half of the network and ending at the last (for a 12-block ViT whose blocks each have four
 * dynamic linears: the MLP output of blocks 6, 8, 10 and 12, the layers of the paper's figure).
 */
@Command(
    name = "kernels",
    mixinStandardHelpOptions = true,
    description =
        "t-SNE of the per-image kernel coefficients of dynamic layers (Fig. 4): one row per "
            + "model, one panel per layer, plus a JSON of cluster scores beside the PNG.")
public final class KernelsCommand implements Callable<Integer> {
  @Mixin ModelInputs inputs = new ModelInputs("kernels.png");

  @Option(
      names = "--layers",
      paramLabel = "GLOB",
      description =
          "Layer paths or globs, comma-separated (default: 4 layers over the second half).")
  String layers;

  @Option(names = "--list-layers", description = "Print each model's dynamic layers and exit.")
  boolean listLayers;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The default number of layers shown per model. */
  static final int DEFAULT_LAYERS = 4;

  @Override
  public Integer call() {
    ModelInputs.Prepared prep = inputs.prepare();
    List<TrainedCheckpoint> models = prep.models();
    List<String> names = prep.names();
    PrintWriter w = spec.commandLine().getOut();
    List<List<TsneFigure.Panel>> rows = new ArrayList<>();
    List<TsneFigure.Panel> all = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      TrainedCheckpoint m = models.get(i);
      List<String> found = new ArrayList<>();
      Map<String, float[][]> coefficients =
          ModelInputs.run(m, prep.sample(), coefficients(layers, found, listLayers));
      if (found.isEmpty()) {
        throw new IllegalArgumentException(
            m.file()
                + ": "
                + m.label()
                + " has no dynamic layers (no kernel coefficients to plot)");
      }
      if (listLayers) {
        w.println(names.get(i) + ": " + found.size() + " dynamic layers");
        found.forEach(p -> w.println("  " + p));
        continue;
      }
      if (coefficients.isEmpty()) {
        throw new IllegalArgumentException(
            "--layers "
                + layers
                + " matches none of the dynamic layers of "
                + m.label()
                + " (--list-layers lists them)");
      }
      List<TsneFigure.Panel> row = new ArrayList<>();
      for (Map.Entry<String, float[][]> e : coefficients.entrySet()) {
        row.add(prep.panel(names.get(i) + " " + e.getKey(), e.getValue()));
      }
      rows.add(row);
      all.addAll(row);
    }
    if (listLayers) {
      w.flush();
      return 0;
    }
    TsneFigure.writeGrid(prep.png(), rows);
    prep.finish(w, all);
    return 0;
  }

  /**
   * The kernel coefficients of the selected layers, each the concatenation of its attentions;
   * {@code found} receives every dynamic layer's path, in build order.
   */
  static InferenceOutputs coefficients(String globs, List<String> found, boolean none) {
    return (ctx, f) -> {
      List<Tap<TFloat32>> taps =
          ctx.taps().stream().filter(t -> t.kind().equals(KernelCoefficients.TAP)).toList();
      taps.forEach(t -> found.add(t.path()));
      Map<String, Operand<TFloat32>> out = new LinkedHashMap<>();
      if (none) {
        return out;
      }
      for (int i : select(found, globs)) {
        Tap<TFloat32> t = taps.get(i);
        out.put(
            t.path(),
            t.parts().size() == 1
                ? t.parts().get(0)
                : ctx.tf().concat(t.parts(), ctx.tf().constant(1)));
      }
      return out;
    };
  }

  /**
   * Indices of the layers to show: those matching {@code globs}, or by default {@value
   * #DEFAULT_LAYERS} spread evenly over the second half, ending at the last: ⌈L·k/6⌉ for k = 3..6
   * (1-based), all layers when there are fewer.
   */
  static List<Integer> select(List<String> paths, String globs) {
    TreeSet<Integer> out = new TreeSet<>();
    if (globs != null) {
      List<PathMatcher> matchers = new ArrayList<>();
      for (String g : globs.split(",")) {
        if (!g.isBlank()) {
          matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + g.trim()));
        }
      }
      for (int i = 0; i < paths.size(); i++) {
        Path p = Path.of(paths.get(i));
        if (matchers.stream().anyMatch(m -> m.matches(p))) {
          out.add(i);
        }
      }
      return List.copyOf(out);
    }
    int n = paths.size();
    if (n <= DEFAULT_LAYERS) {
      for (int i = 0; i < n; i++) {
        out.add(i);
      }
    } else {
      for (int k = 3; k <= 6; k++) {
        out.add((int) Math.ceil(n * k / 6.0) - 1);
      }
    }
    return List.copyOf(out);
  }
}
