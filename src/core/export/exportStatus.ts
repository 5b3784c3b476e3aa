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

/**
 * The parsed answer. The top-level `uid` is left out on purpose: Emerge says "Do not ...
 * collect [uid] in the frontend" (https://docs.emergedata.ai/link/callbacks).
 */
export interface ExportReport {
  sources: ExportSource[];
}

type Raw = Record<string, unknown> | null | undefined;

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

function readSource(source: Raw, provider: string): ExportSource {
  return {
    provider,
    // Only a real `true` opens the gate: "query only when true".
    dataReady: source?.data_ready === true,
    exportStatus: text(source?.export_status),
    dataLandedAt: text(source?.data_landed_at),
    exportCompletedAt: text(source?.export_completed_at),
  };
}

/**
 * A tolerant reading of the export-status response: unknown providers and statuses are kept
 * as strings, missing or wrong-typed fields become `undefined` (or `false` for `data_ready`),
 * and the first entry for a provider wins. Returns `undefined` only when the body is not an
 * object with a `sources` array.
 */
export function parseExportStatus(body: unknown): ExportReport | undefined {
  const sources = (body as Raw)?.sources;
  if (!Array.isArray(sources)) return undefined;
  const list: ExportSource[] = [];
  for (const source of sources as Raw[]) {
    // Property reads on a string or a number are harmless and give `undefined`.
    const provider = text(source?.provider);
    if (!provider || list.some((known) => known.provider === provider)) continue;
    list.push(readSource(source, provider));
  }
  return { sources: list };
}

/**
 * `export_status` values that end an export without data. Emerge documents only `running` and
 * `completed`; a failed state is inferred from its `data.failed` webhook
 * (https://docs.emergedata.ai/link/webhooks), so
 * these common names count, and any other value stays pending.
 */
export const failedExportStatuses: readonly string[] = ['failed', 'failure', 'error', 'errored'];

export interface ExportReadiness {
  /** Needed providers whose data is ready. */
  ready: string[];
  /** Needed providers still exporting (unknown states included). */
  pending: string[];
  /** Needed providers whose export failed: no longer polled for. */
  failed: string[];
  /** Every needed provider is ready. */
  allReady: boolean;
  /** Nothing is left to wait for: every needed provider is ready or failed. */
  settled: boolean;
}

/** Where each needed provider stands (default: every provider listed). */
export function exportReadiness(
  report: ExportReport | undefined,
  needed?: readonly string[],
  failedStatuses: readonly string[] = failedExportStatuses,
): ExportReadiness {
  const sources = report?.sources ?? [];
  const find = (name: string) => sources.find((source) => source.provider === name);
  const wanted = needed ?? sources.map((source) => source.provider);
  const ready = wanted.filter((name) => find(name)?.dataReady);
  const failed = wanted.filter((name) => {
    const source = find(name);
    return !!source && !source.dataReady && failedStatuses.includes(source.exportStatus ?? '');
  });
  const pending = wanted.filter((name) => !ready.includes(name) && !failed.includes(name));
  const settled = wanted.length > 0 && pending.length === 0;
  return { ready, pending, failed, allReady: settled && failed.length === 0, settled };
}
