package kr.backbones.api;

import java.util.Set;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.Init;
import kr.core.kr.KrState;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * What every backbone shares: its reported name, the {@link BackboneArgs} it was built with, the
 * dynamic-kernel method it builds every layer through and the classifier it ends with.
 *
 * <p><b>Adding a backbone.</b> Extend this class, pass the variant name, the arguments, the method
 * (usually {@code args.method().withDefaultStep(step)}, or {@link BackboneFactory#requireSupported}
 * for a model that checks its own sites) and the {@link ClassifierSpec} (class count, dropout,
 * init) to the constructor, then implement {@link #features}: images → the pooled features and the
 * final d. {@link #head} is the method's classifier on them (dropout, then a Linear of
 * cat[features, d] for KR).
 */
public abstract class AbstractBackbone implements ImageClassifier {
  private final String variant;
  private final BackboneArgs backbone;
  private final DynamicKernelMethod method;
  private final ClassifierSpec classifier;

  /**
   * @param variant the name this model is reported under (e.g. {@code resnet18})
   * @param backbone the arguments the factory received
   * @param method the method every layer and the classifier are built with
   * @param classifier the classifier {@link #head} builds
   */
  protected AbstractBackbone(
      String variant,
      BackboneArgs backbone,
      DynamicKernelMethod method,
      ClassifierSpec classifier) {
    this.variant = Checks.notNull("variant", variant);
    this.backbone = Checks.notNull("backbone args", backbone);
    this.method = Checks.notNull("method", method);
    this.classifier = Checks.notNull("classifier", classifier);
  }

  /**
   * A backbone built with {@code args}'s method at {@code defaultStep} (the KR step unless the
   * configuration sets one) and the static or method's classifier ({@link ClassifierSpec#of(
   * BackboneArgs, double, Init)}); the sites are left to the factory ({@link BackboneFactory#of}).
   *
   * @param defaultDropout the dropout before the classifier unless {@code args} sets one
   * @param classifierInit the classifier's kernel initializer
   */
  protected AbstractBackbone(
      String variant,
      BackboneArgs args,
      int defaultStep,
      double defaultDropout,
      Init classifierInit) {
    this(variant, args, Set.of(), defaultStep, defaultDropout, classifierInit);
  }

  /**
   * As {@link #AbstractBackbone(String, BackboneArgs, int, double, Init)}, rejecting a method that
   * has no dynamic kernels in one of {@code sites} ({@link BackboneFactory#requireSupported}).
   */
  protected AbstractBackbone(
      String variant,
      BackboneArgs args,
      Set<KernelSite> sites,
      int defaultStep,
      double defaultDropout,
      Init classifierInit) {
    this(
        variant,
        args,
        BackboneFactory.requireSupported(variant, sites, Checks.notNull("args", args).method())
            .withDefaultStep(defaultStep),
        ClassifierSpec.of(args, defaultDropout, classifierInit));
  }

  /** {@code variant/method}, e.g. {@code vit-nano/kr4x}. */
  @Override
  public String name() {
    return variant + "/" + method.name();
  }

  @Override
  public InputSpec input() {
    return backbone.input();
  }

  @Override
  public int numClasses() {
    return backbone.numClasses();
  }

  /** The dynamic-kernel method this model builds with (at the backbone's default KR step). */
  public DynamicKernelMethod method() {
    return method;
  }

  /** The arguments this model was built with. */
  protected BackboneArgs backboneArgs() {
    return backbone;
  }

  /** The method's classifier on the pooled features and d (after the dropout). */
  @Override
  public <T extends TFloating> Operand<T> head(BuildContext<T> ctx, KrState<T> features) {
    return method.classifier(ctx, features.x(), features.d(), classifier);
  }
}
