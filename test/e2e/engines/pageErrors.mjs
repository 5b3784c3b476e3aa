// Page errors seen inside the page: uncaught errors, unhandled rejections and console.error.
// WebKit's automation session writes no console anywhere a driver can read, so every engine
// installs this collector on each page it reads (one code path); Chromium and Firefox also
// report through their drivers. Errors thrown before a page is first read are not seen here.

/** Runs in the page: installs the collector once per document. */
export function installPageErrorCollector() {
  if (window.__e2eErrors) return;
  const errors = [];
  window.__e2eErrors = errors;
  // `name: message` (WebKit's stack lines carry no message).
  const describe = (value) =>
    value instanceof Error ? `${value.name}: ${value.message}` : String(value);
  window.addEventListener('error', (event) => errors.push(describe(event.error ?? event.message)));
  window.addEventListener('unhandledrejection', (event) => errors.push(describe(event.reason)));
  const consoleError = console.error;
  console.error = (...args) => {
    errors.push(args.map(describe).join(' '));
    consoleError.apply(console, args);
  };
}

/** Runs in the page: the errors collected since the last call (and empties the list). */
export function takePageErrors() {
  const errors = window.__e2eErrors ?? [];
  return errors.splice(0, errors.length);
}
