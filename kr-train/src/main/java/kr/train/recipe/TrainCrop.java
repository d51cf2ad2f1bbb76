package kr.train.recipe;

/** The geometric part of a recipe's per-image training augmentation. */
public enum TrainCrop {
  /**
   * torchvision's {@code RandomResizedCrop} (scale 0.08–1, ratio 3/4–4/3) to the input size, then a
   * horizontal flip with probability 0.5 (the ImageNet recipes).
   */
  RANDOM_RESIZED_CROP_FLIP,
  /** Zero padding of 4 pixels, a random crop back to the input size, a horizontal flip (CIFAR). */
  PAD4_CROP_FLIP
}
