package kr.train;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * XLA auto-clustering on CPU. A session asks for it with {@code GlobalJitLevel.ON_1} ({@link
 * kr.train.config.RunConfig#xla}), but TensorFlow compiles CPU clusters only when the process also
 * started with {@value #CPU_FLAG} in the {@code TF_XLA_FLAGS} environment variable, which it reads
 * once and which a JVM cannot set for itself: {@code ./kr} exports it, an application embedding the
 * trainer sets it in its own environment. Without the flag the session runs uncompiled, as without
 * {@code xla}, and a warning says so.
 *
 * <p>Measured on 2 CPU cores with TensorFlow's default threads (docs/performance.md):
 * ViT-Nano-CIFAR trains 1.1× faster static and 1.45× faster with KR 4× (XLA fuses the element-wise
 * chains of GELU, LayerNorm and the per-sample products); cnn-small trains 2–3× slower, its
 * convolutions leaving oneDNN for XLA's own CPU kernels; with one intra-op thread XLA slows the ViT
 * too. A per-model setting, off by default.
 */
public final class XlaJit {
  /** The {@code TF_XLA_FLAGS} flag that lets sessions compile clusters on CPU. */
  public static final String CPU_FLAG = "--tf_xla_cpu_global_jit";

  private static final Logger LOG = LoggerFactory.getLogger(XlaJit.class);
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private XlaJit() {}

  /** Whether this process's environment lets CPU sessions compile clusters. */
  public static boolean cpuJitEnabled() {
    return Optional.ofNullable(System.getenv("TF_XLA_FLAGS"))
        .map(f -> f.contains(CPU_FLAG))
        .orElse(false);
  }

  static void warnIfCpuJitOff() {
    if (!cpuJitEnabled() && WARNED.compareAndSet(false, true)) {
      LOG.warn(
          "XLA requested, but TF_XLA_FLAGS does not contain {}: TensorFlow will not compile on"
              + " CPU; start the process with TF_XLA_FLAGS={} (./kr sets it)",
          CPU_FLAG,
          CPU_FLAG);
    }
  }
}
