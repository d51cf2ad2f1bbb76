package kr.data.augment;

import kr.data.Checks;
import kr.data.ImageOp;

/** The standard recipes, by dataset family. */
public final class Augmentations {
  /** CIFAR padding (He et al. 2016). */
  public static final int CIFAR_PAD = 4;

  /** CIFAR image side. */
  public static final int CIFAR_SIZE = 32;

  /** Default Fashion-MNIST / MNIST padding; 4 is the other common choice. */
  public static final int MNIST_PAD = 2;

  /** (Fashion-)MNIST image side. */
  public static final int MNIST_SIZE = 28;

  /** DeiT evaluation resize (shorter side). */
  public static final int IMAGENET_RESIZE = 256;

  /** DeiT evaluation / training crop. */
  public static final int IMAGENET_CROP = 224;

  private Augmentations() {}

  /**
   * @return the CIFAR training recipe: 4-pixel zero pad, random 32x32 crop, horizontal flip with
   *     p=0.5
   */
  public static ImageOp cifar() {
    return new RandomPadCrop(CIFAR_PAD, CIFAR_SIZE, CIFAR_SIZE)
        .then(new RandomHorizontalFlip(RandomHorizontalFlip.DEFAULT_P));
  }

  /**
   * @param pad zero padding per side (2 or 4 are usual)
   * @param flip whether to add a horizontal flip with p=0.5 (off in the usual recipe: clothes are
   *     not symmetric in a way that helps)
   * @return the (Fashion-)MNIST training recipe: pad, random 28x28 crop, optional flip
   */
  public static ImageOp mnist(int pad, boolean flip) {
    return padCrop(pad, MNIST_SIZE, MNIST_SIZE, flip);
  }

  /**
   * @param pad zero padding per side
   * @param height crop rows
   * @param width crop columns
   * @param flip whether to add a horizontal flip with p=0.5
   * @return pad, random crop, optional flip
   */
  public static ImageOp padCrop(int pad, int height, int width, boolean flip) {
    Checks.nonNegative("pad", pad);
    ImageOp op = new RandomPadCrop(pad, height, width);
    return flip ? op.then(new RandomHorizontalFlip(RandomHorizontalFlip.DEFAULT_P)) : op;
  }

  /**
   * @param crop output side
   * @return DeiT training geometry: random resized crop (scale 0.08–1, ratio 3/4–4/3) then flip
   *     with p=0.5
   */
  public static ImageOp imagenetTrain(int crop) {
    return imagenetTrain(crop, Interpolation.BILINEAR);
  }

  /**
   * @param crop output side
   * @param interpolation the crop's resampling filter (DeiT: bicubic)
   * @return random resized crop (scale 0.08–1, ratio 3/4–4/3) with that filter, then flip with
   *     p=0.5
   */
  public static ImageOp imagenetTrain(int crop, Interpolation interpolation) {
    return RandomResizedCrop.of(crop)
        .withInterpolation(interpolation)
        .then(new RandomHorizontalFlip(RandomHorizontalFlip.DEFAULT_P));
  }

  /**
   * The per-image part of the DeiT training recipe (timm {@code create_transform} with {@code
   * is_training}, {@code interpolation='bicubic'}, {@code auto_augment='rand-m9-mstd0.5-inc1'}):
   * random resized crop with bicubic resampling, horizontal flip with p=0.5, then {@link
   * RandAugment#deit()} (timm skips colour jitter when RandAugment is on). The rest of the recipe
   * runs elsewhere: {@link RandomErasing#deit()} after normalisation ({@link
   * RandomErasing#eraseInPlace} on the batch buffer), Mixup/CutMix on the batch ({@code
   * kr.data.mix.MixupCutmix.deit}), and the repeated-augmentation order ({@code
   * kr.data.pipeline.RepeatedAugmentationOrder.deit}).
   *
   * @param crop output side (224 in DeiT)
   * @return crop, flip, RandAugment
   */
  public static ImageOp deitTrain(int crop) {
    return RandomResizedCrop.of(crop)
        .withInterpolation(Interpolation.BICUBIC)
        .then(new RandomHorizontalFlip(RandomHorizontalFlip.DEFAULT_P))
        .then(RandAugment.deit());
  }

  /**
   * @param resize length the shorter side is resized to (256 in DeiT)
   * @param crop side of the central crop (224 in DeiT)
   * @return DeiT evaluation geometry with bicubic resampling, as timm's eval transform
   */
  public static ImageOp deitEval(int resize, int crop) {
    return new ResizeShorter(resize, Interpolation.BICUBIC).then(new CenterCrop(crop, crop));
  }

  /**
   * @param resize length the shorter side is resized to (256 in DeiT)
   * @param crop side of the central crop (224 in DeiT)
   * @return DeiT evaluation geometry
   */
  public static ImageOp imagenetEval(int resize, int crop) {
    return new ResizeShorter(resize).then(new CenterCrop(crop, crop));
  }

  /**
   * @param resize length the shorter side is resized to (256 in DeiT)
   * @param crop side of the central crop (224 in DeiT)
   * @param interpolation the resize's filter ({@link #deitEval} is the bicubic one)
   * @return resize then centre crop
   */
  public static ImageOp imagenetEval(int resize, int crop, Interpolation interpolation) {
    return new ResizeShorter(resize, interpolation).then(new CenterCrop(crop, crop));
  }
}
