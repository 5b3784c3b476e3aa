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

type Raw = Record<string, unknown> | null | undefined;

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/**
 * A tolerant reading of the export-status response: unknown providers and statuses are kept
 * as strings, missing or wrong-typed fields become `undefined` (or `false` for `data_ready`),
 * and the first entry for a provider wins. Returns `undefined` only when the body is not an
 * object with a `sources` array.
 */
export function parseExportStatus(body: unknown): ExportStatus | undefined {
  const sources = (body as Raw)?.sources;
  if (!Array.isArray(sources)) return undefined;
  const list: ExportSource[] = [];
  for (const source of sources as Raw[]) {
    // Property reads on a string or a number are harmless and give `undefined`.
    const provider = text(source?.provider);
    if (!provider || list.some((known) => known.provider === provider)) continue;
    list.push({
      provider,
      // Only a real `true` opens the gate: "query only when true".
      dataReady: source?.data_ready === true,
      exportStatus: text(source?.export_status),
      dataLandedAt: text(source?.data_landed_at),
      exportCompletedAt: text(source?.export_completed_at),
    });
  }
  return { uid: text((body as Raw)?.uid), sources: list };
}

/**
 * Which of the needed providers are ready, which are still pending, which of the pending ones
 * report a failed export (`failed` is a subset of `pending`: the provider says it retries, so
 * a failed export can still land), and whether all needed ones are ready.
 *
 * Only `running` and `completed` are documented; a failed export is inferred from the
 * `data.failed` webhook, so any status that mentions failure or error reads as failed.
 */
export function exportReadiness(status: ExportStatus | undefined, needed?: readonly string[]) {
  const sources = status?.sources ?? [];
  const find = (name: string) => sources.find((source) => source.provider === name);
  const wanted = needed ?? sources.map((source) => source.provider);
  const pending = wanted.filter((name) => !find(name)?.dataReady);
  return {
    ready: wanted.filter((name) => !pending.includes(name)),
    pending,
    failed: pending.filter((name) => /fail|error/i.test(find(name)?.exportStatus ?? '')),
    allReady: wanted.length > 0 && !pending.length,
  };
}
