/** Bad command-line input: reported on one line, exit code 2, before any request is sent. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
