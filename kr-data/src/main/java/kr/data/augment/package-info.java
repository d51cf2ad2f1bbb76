/**
 * Image transforms, one per class: crops ({@link kr.data.augment.RandomPadCrop}, {@link
 * kr.data.augment.CenterCrop}, {@link kr.data.augment.RandomResizedCrop}), {@link
 * kr.data.augment.RandomHorizontalFlip}, {@link kr.data.augment.Resize} and {@link
 * kr.data.augment.ResizeShorter} with Pillow-style bilinear or bicubic {@link
 * kr.data.augment.Interpolation}, {@link kr.data.augment.GrayToRgb}, timm's {@link
 * kr.data.augment.RandAugment} (ops in {@link kr.data.augment.RandAugmentOp}), {@link
 * kr.data.augment.Normalize}, and {@link kr.data.augment.RandomErasing}, which works on the
 * normalised pixels. The per-dataset recipes are in {@link kr.data.augment.Augmentations}.
 */
package kr.data.augment;
