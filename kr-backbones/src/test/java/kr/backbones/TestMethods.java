package kr.backbones;

import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.methods.KrMethod;
import kr.backbones.methods.StaticMethod;
import kr.core.kr.KrConfig;
import org.junit.jupiter.params.provider.Arguments;

/** Tests parameterised by KR label: static kernels for {@code off}, else KR as configured. */
public final class TestMethods {
  private TestMethods() {}

  /** {@link StaticMethod} when {@code kr} is off, else {@link KrMethod} with {@code kr}. */
  public static DynamicKernelMethod of(KrConfig kr) {
    return kr.enabled() ? new KrMethod(kr) : StaticMethod.INSTANCE;
  }

  /**
   * {@link #of(KrConfig)} of {@link KrConfig#parse} of {@code kr} ({@code off}, {@code 4x}, ...).
   */
  public static DynamicKernelMethod of(String kr) {
    return of(KrConfig.parse(kr));
  }

  /** The KR labels the backbone tests build each model with: static, KR 1× and KR 4×. */
  public static final List<String> KR_LABELS = List.of("off", "1x", "4x");

  /** The arguments (name, kr label) for every name and every {@link #KR_LABELS label}. */
  public static Stream<Arguments> timesKr(Collection<String> names) {
    return names.stream().flatMap(n -> KR_LABELS.stream().map(kr -> Arguments.of(n, kr)));
  }

  /**
   * The KR labels the one-step training tests build each model with: static, KR 4× and dynamic
   * kernels without KR ({@code @MethodSource("kr.backbones.TestMethods#trainingLabels")}).
   */
  public static Stream<String> trainingLabels() {
    return Stream.of("off", "4x", "dyn-4x");
  }
}
