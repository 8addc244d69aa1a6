/**
 * Error types. `DyadInputError` means "the user gave us something wrong": the CLI prints its
 * message on one line and exits non-zero, never a stack trace. Anything else is a bug.
 */
export class DyadInputError extends Error {
  constructor(message: string) {
    super(message.startsWith('dyad:') ? message : `dyad: ${message}`);
    this.name = 'DyadInputError';
  }
}

export function isUserError(e: unknown): e is Error {
  return e instanceof Error && (e.name === 'DyadInputError' || e.name === 'DyadDataError');
}
