import type { CallbackParams } from './types';

/** One `name=value` pair of a query, as it came, with its name decoded. */
export interface QueryPart {
  raw: string;
  /** The decoded name; `undefined` when its percent-encoding is broken. */
  name: string | undefined;
  /** The raw, still encoded value (`''` for a bare name). */
  rawValue: string;
}

/** What one provider sent: the trailing run of its parameters (providers append theirs). */
export interface ProviderQuery {
  /** Its parameters with a non-empty value, decoded, in a prototype-free map. */
  params: CallbackParams;
  /** Every name it sent, empty values included. */
  names: ReadonlySet<string>;
  /** A name of its own appeared twice. */
  repeated: boolean;
  /** A value of its own has broken percent-encoding. */
  malformed: boolean;
  /** Everything before its run: the app's own parameters, untouched. */
  appQuery: string;
}

/** The query of a URL, query string, deep link, `URL` or `URLSearchParams`. */
export function queryOf(input: string | URL | URLSearchParams): string {
  if (typeof input !== 'string') {
    return 'search' in input ? input.search.slice(1) : input.toString();
  }
  const hashAt = input.indexOf('#');
  const end = hashAt < 0 ? input.length : hashAt;
  const start = input.indexOf('?');
  const hasQuery = start >= 0 && start < end;
  // A URL, deep link or path: its query follows the first `?`.
  if (
    /^[a-z][\w+.-]*:[^=&]*$/i.test(input.slice(0, hasQuery ? start : end)) ||
    input.startsWith('/')
  ) {
    return hasQuery ? input.slice(start + 1, end) : '';
  }
  // `path?query`, with no `=` before the `?`; else a bare query (`a=1&b=what?`).
  const eq = input.indexOf('=');
  if (hasQuery && (eq < 0 || start < eq)) return input.slice(start + 1, end);
  return input.slice(0, end);
}

function decode(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** Splits a query in one pass (linear in its length, whatever it holds). */
export function splitQuery(query: string): QueryPart[] {
  const parts: QueryPart[] = [];
  for (const raw of query.split('&')) {
    if (!raw) continue;
    const eq = raw.indexOf('=');
    const rawName = eq < 0 ? raw : raw.slice(0, eq);
    parts.push({ raw, name: decode(rawName), rawValue: eq < 0 ? '' : raw.slice(eq + 1) });
  }
  return parts;
}

/**
 * The provider's parameters: the trailing run of parts whose names are in `names` (Gigs
 * documents that Connect keeps the URL's own parameters "intact" and adds its own "at the
 * end"). Only these are decoded; the rest is the app's.
 */
export function readProviderQuery(parts: readonly QueryPart[], names: ReadonlySet<string>) {
  const isProviders = (part: QueryPart | undefined) =>
    part?.name !== undefined && names.has(part.name);
  let start = parts.length;
  while (start > 0 && isProviders(parts[start - 1])) start -= 1;
  const params = Object.create(null) as Record<string, string>;
  const seen = new Set<string>();
  let repeated = false;
  let malformed = false;
  for (const { name = '', rawValue } of parts.slice(start)) {
    if (seen.has(name)) repeated = true;
    seen.add(name);
    const value = decode(rawValue);
    if (value === undefined) malformed = true;
    else if (value) params[name] = value;
  }
  const appQuery = parts
    .slice(0, start)
    .map((part) => part.raw)
    .join('&');
  const result: ProviderQuery = { params, names: seen, repeated, malformed, appQuery };
  return result;
}
