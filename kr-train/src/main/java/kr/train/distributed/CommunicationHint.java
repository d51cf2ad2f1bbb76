package kr.train.distributed;

/**
 * The collective implementation TensorFlow is asked to use (the ops' {@code communication_hint}
 * attribute).
 */
public enum CommunicationHint {
  /** Let TensorFlow choose: ring on CPUs, NCCL on GPUs where built in. */
  AUTO("auto"),
  /** Ring all-reduce over the collective executor's RPCs (works on CPUs and GPUs). */
  RING("ring"),
  /** NVIDIA NCCL (GPUs only). */
  NCCL("nccl");

  private final String attr;

  CommunicationHint(String attr) {
    this.attr = attr;
  }

  /**
   * @return the attribute value TensorFlow reads
   */
  public String attr() {
    return attr;
  }
}
