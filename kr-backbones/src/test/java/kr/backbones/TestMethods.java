package kr.backbones;

import kr.backbones.api.DynamicKernelMethod;
import kr.backbones.methods.KrMethod;
import kr.backbones.methods.StaticMethod;
import kr.core.kr.KrConfig;

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
}
