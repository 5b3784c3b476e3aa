import { ExportStatusError } from '../../core/export/exportFetch';
import type { ExportSource } from '../../core/export/exportStatus';
import { getEmergeExportStatus } from '../providers/emergeExportStatus';
import type { HandlerContext } from '../handlerContext';
import { jsonResponse, problem } from '../http/responses';

/** A source in Emerge's own wire format, which the browser's `useExportStatus` reads. */
const toWire = (source: ExportSource) => ({
  provider: source.provider,
  data_ready: source.dataReady,
  data_landed_at: source.dataLandedAt ?? null,
  export_status: source.exportStatus ?? null,
  export_completed_at: source.exportCompletedAt ?? null,
});

/**
 * `GET {basePath}/export-status`: Emerge export status for the signed-in user's `uid`, which
 * the app resolves on the server. The answer has no `uid`; a 429 passes through with its
 * `Retry-After`.
 */
export async function exportStatusRoute(request: Request, context: HandlerContext) {
  const config = context.config.emerge;
  const user = await context.config.getUser(request);
  if (!user) return problem(401, 'unauthenticated');
  const uid = config && (await context.config.getEmergeUid?.(user));
  // Not connected yet: the browser's client counts a 404 as "still preparing" for a while.
  if (!config || !uid) return problem(404, 'not_connected');
  try {
    const { sources } = await getEmergeExportStatus({
      uid,
      apiToken: config.apiToken,
      baseUrl: config.apiBaseUrl,
      fetch: config.fetch,
    });
    return jsonResponse(200, { sources: sources.map(toWire) });
  } catch (error) {
    if (!(error instanceof ExportStatusError)) return problem(502, 'provider_unavailable');
    if (error.kind === 'not-found') return problem(404, 'not_connected');
    if (error.kind !== 'rate-limited') return problem(502, 'provider_unavailable');
    const seconds = Math.ceil((error.retryAfter ?? 10_000) / 1000);
    return problem(429, 'rate_limited', { 'Retry-After': String(seconds) });
  }
}
