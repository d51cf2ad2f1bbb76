package kr.backbones.api;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import kr.core.graph.Checks;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;

/**
 * Builds one named backbone variant (e.g. {@code resnet18}) with the dynamic-kernel method of its
 * {@link BackboneArgs}. Factories are cheap: nothing is built until {@link #create}.
 */
public interface BackboneFactory {

  /**
   * The model with {@code args}; throws an {@link IllegalArgumentException} naming the backbone and
   * the method when {@link #supports} says no.
   */
  ImageClassifier create(BackboneArgs args);

  /** The input of the paper's setting for this variant (224 RGB for ImageNet models). */
  InputSpec defaultInput();

  /** One line for {@code kr list}. */
  String description();

  /** Where this backbone's dynamic kernels go. */
  Set<KernelSite> sites();

  /**
   * Whether the backbone has residual branches that {@link BackboneArgs#dropPath()} drops (ViT,
   * PoolFormer); a factory without stochastic depth refuses a positive rate.
   */
  default boolean supportsDropPath() {
    return false;
  }

  /** True when {@code method} builds dynamic kernels at every one of this backbone's sites. */
  default boolean supports(DynamicKernelMethod method) {
    return Checks.notNull("method", method).sites().containsAll(sites());
  }

  /**
   * A factory from its parts: the variant's name, its paper input, a line, the sites of its dynamic
   * kernels and its constructor, which only sees methods the factory {@link #supports}.
   */
  static BackboneFactory of(
      String name,
      InputSpec defaultInput,
      String description,
      Set<KernelSite> sites,
      Function<BackboneArgs, ImageClassifier> create) {
    return of(name, defaultInput, description, sites, false, create);
  }

  /**
   * As {@link #of(String, InputSpec, String, Set, Function)}, for a backbone that applies {@link
   * BackboneArgs#dropPath()} when {@code dropPath} (else a positive rate is refused, naming the
   * backbone).
   */
  static BackboneFactory of(
      String name,
      InputSpec defaultInput,
      String description,
      Set<KernelSite> sites,
      boolean dropPath,
      Function<BackboneArgs, ImageClassifier> create) {
    Checks.notNull("name", name);
    Checks.notNull("defaultInput", defaultInput);
    Checks.notNull("description", description);
    Checks.check(!Checks.notNull("sites", sites).isEmpty(), "sites", sites, "must not be empty");
    Checks.notNull("create", create);
    Set<KernelSite> copy = Set.copyOf(EnumSet.copyOf(sites));
    return new BackboneFactory() {
      @Override
      public ImageClassifier create(BackboneArgs args) {
        requireSupported(name, copy, Checks.notNull("args", args).method());
        if (!dropPath && args.dropPath() > 0) {
          throw new IllegalArgumentException(
              "backbone '"
                  + name
                  + "' has no stochastic depth: drop-path rate "
                  + args.dropPath()
                  + " must be 0 (ViTs and PoolFormer have it)");
        }
        return create.apply(args);
      }

      @Override
      public boolean supportsDropPath() {
        return dropPath;
      }

      @Override
      public InputSpec defaultInput() {
        return defaultInput;
      }

      @Override
      public String description() {
        return description;
      }

      @Override
      public Set<KernelSite> sites() {
        return copy;
      }
    };
  }

  /**
   * Throws an {@link IllegalArgumentException} naming the backbone and the method unless {@code
   * method} covers every one of the backbone's {@code sites}; for backbone constructors that can be
   * called without a factory.
   */
  static DynamicKernelMethod requireSupported(
      String backbone, Set<KernelSite> sites, DynamicKernelMethod method) {
    Checks.notNull("method", method);
    if (!method.sites().containsAll(sites)) {
      throw new IllegalArgumentException(
          "backbone '"
              + backbone
              + "' does not support "
              + "dynamic-kernel method '"
              + method.name()
              + "' (its dynamic kernels go in "
              + sites.stream().sorted().toList()
              + "; the method covers only "
              + method.sites().stream().sorted().toList()
              + ")");
    }
    return method;
  }
}
