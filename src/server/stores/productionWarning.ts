/**
 * A warning said once per process, and only when `NODE_ENV` is `production`: a memory engine
 * that is fine in development and wrong behind a load balancer.
 */
export function productionWarning(message: string): () => void {
  let warned = false;
  return () => {
    const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
      ?.env;
    if (warned || env?.NODE_ENV !== 'production') return;
    warned = true;
    console.warn(message);
  };
}
