export const EXIT = {
  ok: 0,
  gateFailed: 1,
  badInput: 2,
  interrupted: 130,
} as const;
