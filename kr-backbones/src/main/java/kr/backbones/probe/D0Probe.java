package kr.backbones.probe;

import java.util.EnumSet;
import java.util.Set;
import kr.backbones.api.AbstractBackbone;
import kr.backbones.api.BackboneArgs;
import kr.backbones.api.BackboneFactory;
import kr.backbones.api.ClassifierSpec;
import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.api.KernelSite;
import kr.backbones.methods.StaticMethod;
import kr.core.graph.BuildContext;
import kr.core.graph.Checks;
import kr.core.graph.Init;
import kr.core.kr.KernelRepresentation;
import kr.core.kr.KrState;
import kr.core.kr.LowFrequencySpectrum;
import kr.core.layers.BatchNorm;
import kr.core.model.ImageClassifier;
import kr.core.model.InputSpec;
import org.tensorflow.Operand;
import org.tensorflow.types.family.TFloating;

/**
 * The d_0 linear probe, a control that is not in the paper: a linear classifier on the image's
 * low-frequency DFT magnitudes alone, the values KR's d_0 is projected from (the 8×8 block of
 * smallest frequencies per channel, {@link LowFrequencySpectrum#paper()}: 64 for grayscale, 192 for
 * RGB). It ignores every other pixel statistic, so its accuracy bounds what KR's head can read from
 * the low-frequency shortcut without any kernels.
 *
 * <p>Graph: magnitudes [B, 64·C] (scope {@code d0}), BatchNorm (scope {@code bn}: a per-feature
 * standardisation, affine at inference, so the probe stays linear in the magnitudes; the raw DC
 * magnitude is orders larger than the others), then the method's classifier (dropout, {@code
 * head/fc}). Only static kernels ({@link StaticMethod#INSTANCE}) are accepted: the probe has no
 * kernels a method could make dynamic.
 */
public final class D0Probe extends AbstractBackbone {
  /** The registered name. */
  public static final String NAME = "d0-probe";

  private D0Probe(BackboneArgs args) {
    super(NAME, args, args.method(), ClassifierSpec.of(args, 0, Init.lecunUniform()));
  }

  /** The probe; the method must be {@link StaticMethod#INSTANCE}. */
  public static D0Probe create(BackboneArgs args) {
    Checks.notNull("args", args);
    Checks.check(
        args.method().equals(StaticMethod.INSTANCE),
        "method",
        args.method().name(),
        "is not supported by backbone '" + NAME + "' (static only: it has no kernels)");
    return new D0Probe(args);
  }

  /** The registry entry: CIFAR input by default, static kernels only. */
  public static BackboneFactory factory() {
    return new BackboneFactory() {
      @Override
      public ImageClassifier create(BackboneArgs args) {
        return D0Probe.create(args);
      }

      @Override
      public InputSpec defaultInput() {
        return InputSpec.cifar();
      }

      @Override
      public String description() {
        return "control: linear probe on the 8x8 low-frequency DFT magnitudes (d_0's input)";
      }

      @Override
      public Set<KernelSite> sites() {
        return EnumSet.allOf(KernelSite.class);
      }

      @Override
      public boolean supports(DynamicKernelMethod method) {
        return Checks.notNull("method", method).equals(StaticMethod.INSTANCE);
      }
    };
  }

  /** x = the standardised magnitudes [B, 64·C]; no d. */
  @Override
  public <T extends TFloating> KrState<T> features(BuildContext<T> ctx, Operand<T> images) {
    input().checkImages(images);
    Operand<T> magnitudes =
        LowFrequencySpectrum.paper()
            .apply(ctx.child("d0"), input().normalization().toPixels(ctx, images));
    return new KrState<>(new BatchNorm("bn").apply(ctx, magnitudes), KernelRepresentation.none());
  }
}
