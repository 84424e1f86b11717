/** Prefix of every error message, so that a log line says which library raised it. */
export const HWCLOUD_MEDIA = 'hwcloud-media';

/** "1 attempt" or "N attempts", as the error messages say it. */
export function attemptsPhrase(attempts: number): string {
  return attempts === 1 ? '1 attempt' : `${attempts} attempts`;
}
