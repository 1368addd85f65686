/**
 * User ids as the server takes them (3–64 of a–z, 0–9, '.', '-', '_'): typed capitals become lower case at once,
 * and a form names the exact rule before it submits, instead of the server refusing afterwards.
 */
export const UserIdPattern = '[a-z0-9._-]{3,64}';

export const UserIdHint = '3–64 characters: lower-case letters a–z, digits 0–9, dot (.), dash (-) or underscore (_).';

/** What is wrong with a user id, in words a person can act on; undefined when it is fine. */
export function userIdProblem(value: string): string | undefined {
  if (value.length < 3) return 'A user id has at least 3 characters.';
  if (value.length > 64) return 'A user id has at most 64 characters.';
  const bad = [...new Set(value.replace(/[a-z0-9._-]/g, ''))];
  if (bad.length > 0) return `A user id cannot contain ${bad.map((c) => (c === ' ' ? 'spaces' : `“${c}”`)).join(', ')}. Use ${UserIdHint.slice(UserIdHint.indexOf(':') + 2)}`;
  return undefined;
}

/** Lower-cases what is typed or pasted, keeping the caret where it was. */
export function lowerCaseAsTyped(input: HTMLInputElement): void {
  input.addEventListener('input', () => {
    const lower = input.value.toLowerCase();
    if (lower === input.value) return;
    const { selectionStart, selectionEnd } = input;
    input.value = lower;
    input.setSelectionRange(selectionStart, selectionEnd);
  });
}
