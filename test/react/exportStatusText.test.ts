import type { ProviderExportState } from '../../src/react/ExportStatus';
import {
  exportProviderNames,
  exportStatusText,
  type ExportStatusMessages,
} from '../../src/react/exportStatusText';
import type { ExportStatusState } from '../../src/react/useExportStatus';

const states = [
  'preparing',
  'ready',
  'failed',
  'timed-out',
] as const satisfies readonly ProviderExportState[];
const statuses = [
  'idle',
  'polling',
  'ready',
  'failed',
  'timed-out',
  'error',
] as const satisfies readonly ExportStatusState[];

describe('exportStatusText', () => {
  it('has exactly the keys <ExportStatus /> reads: export_{status} and provider_{state}', () => {
    // Checked by tsc: a status or state without a text, or a text no status shows, fails here.
    expectTypeOf<keyof ExportStatusMessages>().toEqualTypeOf<
      `export_${ExportStatusState}` | `provider_${ProviderExportState}`
    >();
    // The runtime lists above must be the whole unions for the check below to mean anything.
    expectTypeOf<(typeof statuses)[number]>().toEqualTypeOf<ExportStatusState>();
    expectTypeOf<(typeof states)[number]>().toEqualTypeOf<ProviderExportState>();
    expect(Object.keys(exportStatusText).sort()).toEqual(
      [...statuses.map((s) => `export_${s}`), ...states.map((s) => `provider_${s}`)].sort(),
    );
  });

  it.each(Object.entries(exportStatusText))(
    '%s: a text for the user, with no code or placeholder',
    (_key, text) => {
      expect(text).toBe(text.trim());
      expect(text).toMatch(/^[A-Z]/);
      expect(text).not.toMatch(/[_{}<>$%]|TODO|undefined|null/);
    },
  );

  it('says something different for each overall status, and for each provider state', () => {
    const overall = statuses.map((status) => exportStatusText[`export_${status}`]);
    const each = states.map((state) => exportStatusText[`provider_${state}`]);
    expect(new Set(overall).size).toBe(overall.length);
    expect(new Set(each).size).toBe(each.length);
  });
});

describe('exportProviderNames', () => {
  it('names the providers Emerge documents, as `providerNames` says its defaults are', () => {
    expect(exportProviderNames).toEqual({ google_data: 'Google', gmail: 'Gmail' });
  });
});
