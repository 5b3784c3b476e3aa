/**
 * Calls one of the app's callbacks. What it throws is reported the way an uncaught error is
 * (`reportError`, else `console.error`), so one failing callback never stops the flow, the
 * screen, or the app's other callbacks.
 */
export function callApp<Value>(callback: ((value: Value) => void) | undefined, value: Value): void {
  if (!callback) return;
  try {
    callback(value);
  } catch (error) {
    if (typeof reportError === 'function') reportError(error);
    else console.error(error);
  }
}
