package kr.core.graph;

/** Whether a graph is built for training (batch statistics, dropout) or inference. */
public enum Mode {
  TRAINING,
  INFERENCE;

  public boolean training() {
    return this == TRAINING;
  }
}
