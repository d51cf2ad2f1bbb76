package kr.bench.cli;

import java.util.Objects;
import kr.backbones.api.DynamicKernelMethod;
import kr.bench.run.ModelSpec;
import kr.bench.run.TrainedRun;
import kr.core.kr.AttentionMode;

/**
 * Model flags given to a command that reads the model from a run's {@code config.json}: each one
 * given must agree with what the run recorded, else a one-line usage error names the flag, both
 * values and the file.
 */
final class RecordedModel {
  private RecordedModel() {}

  /**
   * @param run the run whose model section is the reference
   * @param backbone {@code --backbone} or null
   * @param method {@code --method} or null
   * @param kr {@code --kr} or null
   * @param attention {@code --kr-attention} or null
   * @param dataset {@code --dataset} or null
   * @param imageSize {@code --image-size} or null
   * @param rgb {@code --rgb} or null
   * @throws IllegalArgumentException at the first flag that contradicts the recorded model
   */
  static void check(
      TrainedRun run,
      String backbone,
      String method,
      String kr,
      AttentionMode attention,
      String dataset,
      Integer imageSize,
      Boolean rgb) {
    ModelSpec m = run.model();
    String file = run.directory().config().toString();
    same("--backbone", backbone, m.backbone(), file);
    same("--dataset", dataset, m.dataset(), file);
    if (method != null || kr != null) {
      DynamicKernelMethod given =
          MethodOption.resolve(method, kr, attention != null ? attention : m.kr().attention());
      same(method != null ? "--method" : "--kr", given.name(), m.kernelMethod().name(), file);
    }
    if (attention != null) {
      if (!m.method().equals(ModelSpec.KR)) {
        throw new IllegalArgumentException(
            "--kr-attention "
                + attention
                + " contradicts the recorded method "
                + m.methodLabel()
                + " (not KR) in "
                + file);
      }
      same("--kr-attention", attention.name(), m.kr().attention().name(), file);
    }
    if (imageSize != null && (imageSize != m.height() || imageSize != m.width())) {
      throw new IllegalArgumentException(
          "--image-size "
              + imageSize
              + " contradicts the recorded input "
              + m.height()
              + "x"
              + m.width()
              + " in "
              + file);
    }
    if (rgb != null) {
      same("--rgb", rgb.toString(), Boolean.toString(m.rgb()), file);
    }
  }

  private static void same(String flag, String given, String recorded, String file) {
    if (given != null && !Objects.equals(given, recorded)) {
      throw new IllegalArgumentException(
          flag + " " + given + " contradicts the recorded " + recorded + " in " + file);
    }
  }
}
