package kr.backbones.api;

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
}
