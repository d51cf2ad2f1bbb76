/**
 * Image transforms, one per class: crops ({@link kr.data.augment.RandomPadCrop}, {@link kr.data.augment.CenterCrop},
 * {@link kr.data.augment.RandomResizedCrop}), {@link kr.data.augment.RandomHorizontalFlip}, bilinear
 * {@link kr.data.augment.Resize}, {@link kr.data.augment.GrayToRgb}, and {@link kr.data.augment.Normalize}; the
 * per-dataset recipes are in {@link kr.data.augment.Augmentations}.
 */
package kr.data.augment;
