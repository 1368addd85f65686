/** The server's challenge result for an attempt it re-issues (a missed gesture gets one more try). */
export const RetryResult = 'retry';

/**
 * What the person reads after a challenge's result. A re-issued gesture is a second chance, not a failure, so it
 * says so in friendly words; other results are shown as the server sent them.
 */
export function resultHint(result: string): string {
  if (result === RetryResult) return "Let's try that again: hold still, the instruction comes back in a moment.";
  return result ? result.charAt(0).toUpperCase() + result.slice(1) : result;
}
