/**
 * Whether two strings are equal, compared in time that depends only on their length (every
 * character, no early exit), for states and session ids checked on a server.
 */
export function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index += 1) {
    difference |= a.charCodeAt(index) ^ b.charCodeAt(index);
  }
  return difference === 0;
}
