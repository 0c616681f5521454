export const EXIT = {
  ok: 0,
  gateFailed: 1,
  badInput: 2,
  /** `--max-cost` stopped the run before a call that could have gone over it; `--resume` continues. */
  budget: 3,
  /** A bug in subtodo-eval itself (EX_SOFTWARE): never confused with a failed quality gate. */
  internal: 70,
  interrupted: 130,
} as const;
