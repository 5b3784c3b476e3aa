/** One cookie as the browser sent it. */
export interface SentCookie {
  name: string;
  value: string;
}

/**
 * The cookies of a `Cookie` header, in order. A name sent twice (two paths, or a planted
 * duplicate) is dropped entirely: which one is ours cannot be told.
 */
export function sentCookies(header: string | null): SentCookie[] {
  if (!header) return [];
  const all: SentCookie[] = [];
  for (const part of header.split(';').map((each) => each.trim())) {
    const eq = part.indexOf('=');
    if (eq < 1) continue;
    all.push({ name: part.slice(0, eq).trim(), value: part.slice(eq + 1).trim() });
  }
  const counts = new Map<string, number>();
  for (const { name } of all) counts.set(name, (counts.get(name) ?? 0) + 1);
  return all.filter(({ name }) => counts.get(name) === 1);
}

/** What a browser counts of a cookie against its limits: the name and the value. */
export const cookieSize = (name: string, value: string) => name.length + 1 + value.length;

/** Browsers drop a cookie above this; ours never come near it. */
export const cookieLimit = 4096;
/** All of this package's cookies together stay under this: 8 KiB. */
export const cookieBudget = 8192;

/** A cookie this package set, with the time its name carries (oldest evicted first). */
export interface OwnCookie extends SentCookie {
  createdAt: number;
}

/**
 * The names to clear so that `kept` plus `adding` bytes fit the budget: the oldest first.
 * `kept` is every cookie of ours the browser sent that stays.
 */
export function overBudget(kept: readonly OwnCookie[], adding: number): string[] {
  let total = adding + kept.reduce((sum, each) => sum + cookieSize(each.name, each.value), 0);
  const evicted: string[] = [];
  for (const oldest of [...kept].sort((a, b) => a.createdAt - b.createdAt)) {
    if (total <= cookieBudget) break;
    total -= cookieSize(oldest.name, oldest.value);
    evicted.push(oldest.name);
  }
  return evicted;
}
