package kr.backbones.api;

/** What the token-wise linears of one residual block are, so a method can choose among them. */
public enum LinearRole {
  /** The attention linears of a transformer block: qkv (C → 3C) and proj (C → C). */
  ATTENTION,
  /** The MLP linears of a block: fc1 (C → rC) and fc2 (rC → C). */
  MLP
}
