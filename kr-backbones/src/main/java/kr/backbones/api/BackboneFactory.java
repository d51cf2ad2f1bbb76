package kr.backbones.api;

import java.util.function.Function;
import kr.core.graph.Checks;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;

/**
 * Builds one named backbone variant (e.g. {@code resnet18}) as static, KR 1×/4× or dynamic-only,
 * as {@link BackboneArgs#kr()} says. Factories are cheap: nothing is built until {@link #create}.
 */
public interface BackboneFactory {

  ImageClassifier create(BackboneArgs args);

  /** The input of the paper's setting for this variant (224 RGB for ImageNet models). */
  InputSpec defaultInput();

  /** One line for {@code kr list}. */
  String description();

  /** A factory from its parts: the constructor of the variant, its paper input and a line. */
  static BackboneFactory of(InputSpec defaultInput, String description,
      Function<BackboneArgs, ImageClassifier> create) {
    Checks.notNull("defaultInput", defaultInput);
    Checks.notNull("description", description);
    Checks.notNull("create", create);
    return new BackboneFactory() {
      @Override
      public ImageClassifier create(BackboneArgs args) {
        return create.apply(args);
      }

      @Override
      public InputSpec defaultInput() {
        return defaultInput;
      }

      @Override
      public String description() {
        return description;
      }
    };
  }
}
