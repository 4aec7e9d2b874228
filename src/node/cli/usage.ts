/** Bad usage: exit code 2, a message and a hint on stderr. @internal */
export class UsageError extends Error {
  override name = 'UsageError';
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
  }
}

/** Exit codes. @internal */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;
