/** One provider's export, as `GET /export/status/{uid}` reports it. */
export interface ExportSource {
  /** `google_data`, `gmail`, or any other name: kept as given. */
  provider: string;
  dataReady: boolean;
  /** `running`, `completed`, or any other value; `undefined` when absent. */
  exportStatus: string | undefined;
  dataLandedAt: string | undefined;
  exportCompletedAt: string | undefined;
}

export interface ExportStatus {
  uid: string | undefined;
  sources: ExportSource[];
}

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/**
 * A tolerant reading of the export-status response: unknown providers and statuses are kept
 * as strings, missing or wrong-typed fields become `undefined` (or `false` for `data_ready`).
 * Returns `undefined` only when the body is not an object with a `sources` array.
 */
export function parseExportStatus(body: unknown): ExportStatus | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { uid, sources } = body as Record<string, unknown>;
  if (!Array.isArray(sources)) return undefined;
  const seen = new Set<string>();
  const list: ExportSource[] = [];
  for (const item of sources) {
    if (typeof item !== 'object' || item === null) continue;
    const source = item as Record<string, unknown>;
    const provider = text(source.provider);
    if (!provider || seen.has(provider)) continue;
    seen.add(provider);
    list.push({
      provider,
      // Only a real `true` opens the gate: "query only when true".
      dataReady: source.data_ready === true,
      exportStatus: text(source.export_status),
      dataLandedAt: text(source.data_landed_at),
      exportCompletedAt: text(source.export_completed_at),
    });
  }
  return { uid: text(uid), sources: list };
}

/**
 * Only `running` and `completed` are documented; a failed export is inferred from the
 * `data.failed` webhook, so any status that mentions failure or error reads as failed.
 */
const failedStatus = /fail|error/i;

/**
 * Which of the needed providers are ready, which are still pending, which of the pending ones
 * report a failed export (`failed` is a subset of `pending`: the provider says it retries, so
 * a failed export can still land), and whether all needed ones are ready.
 */
export function exportReadiness(status: ExportStatus | undefined, needed?: readonly string[]) {
  const sources = status?.sources ?? [];
  const wanted = needed ?? sources.map((source) => source.provider);
  const find = (name: string) => sources.find((source) => source.provider === name);
  const ready = wanted.filter((name) => find(name)?.dataReady);
  const pending = wanted.filter((name) => !ready.includes(name));
  const failed = pending.filter((name) => failedStatus.test(find(name)?.exportStatus ?? ''));
  return { ready, pending, failed, allReady: wanted.length > 0 && pending.length === 0 };
}
