/**
 * Trained models as classifiers of raw pixel images: {@link kr.train.serving.InferenceModel} (a
 * checkpoint restored into an inference graph that normalises raw pixels itself, and its export as
 * a TensorFlow SavedModel) and {@link kr.train.serving.SavedModelClassifier} (such a SavedModel
 * loaded back), both behind {@link kr.train.serving.PixelClassifier}.
 */
package kr.train.serving;
