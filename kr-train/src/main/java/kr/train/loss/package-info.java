/**
 * Training losses over graph operands: {@link kr.train.loss.SoftTargetCrossEntropy} for mixed
 * (soft) labels.
 */
package kr.train.loss;
