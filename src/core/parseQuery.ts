import type { CallbackParams } from './types';

export interface ParsedQuery {
  /** Recognised parameters with a non-empty value, decoded. */
  params: CallbackParams;
  /** Recognised parameters that appeared more than once. */
  repeated: boolean;
  /** A recognised parameter whose percent-encoding is broken. */
  malformed: boolean;
  /** The app's own parameters, untouched. */
  appQuery: string;
}

/** The query of a URL, query string, deep link, `URL` or `URLSearchParams`. */
export function queryOf(input: string | URL | URLSearchParams): string {
  if (typeof input !== 'string')
    return 'search' in input ? input.search.slice(1) : input.toString();
  let end = input.indexOf('#');
  if (end < 0) end = input.length;
  const start = input.indexOf('?');
  if (start >= 0 && start < end) return input.slice(start + 1, end);
  // No `?`: a bare query string (`a=1&b=2`), or a URL without a query.
  return /^[a-z][\w+.-]*:/i.test(input) || input.startsWith('/') ? '' : input.slice(0, end);
}

function decode(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/**
 * Splits a query in one pass (linear in its length, whatever it holds), decoding only the
 * names in `known`. Values land in a prototype-free object, so `__proto__` is just a name.
 */
export function parseQuery(query: string, known: ReadonlySet<string>): ParsedQuery {
  const params: Record<string, string> = Object.create(null);
  const seen = new Set<string>();
  const app: string[] = [];
  let repeated = false;
  let malformed = false;
  for (const part of query.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const rawName = eq < 0 ? part : part.slice(0, eq);
    const name = decode(rawName);
    if (name === undefined || !known.has(name)) {
      app.push(part);
      continue;
    }
    if (seen.has(name)) repeated = true;
    seen.add(name);
    const value = decode(eq < 0 ? '' : part.slice(eq + 1));
    if (value === undefined) malformed = true;
    else if (value) params[name] = value;
  }
  return { params, repeated, malformed, appQuery: app.join('&') };
}
