package kr.data;

/**
 * Which label of a dataset with a class hierarchy to use (CIFAR-100: 100 fine classes or 20 coarse
 * superclasses).
 */
public enum LabelGranularity {
  /** The fine labels (CIFAR-100: 100 classes). */
  FINE,
  /** The coarse labels (CIFAR-100: 20 superclasses). */
  COARSE
}
