package kr.data;

/** Which half of a dataset to read: the training set or the held-out test (validation) set. */
public enum Split {
  /** Training examples (the ones augmentation is meant for). */
  TRAIN,
  /** Held-out examples: the test set, or ImageNet's {@code val} folder. */
  TEST
}
