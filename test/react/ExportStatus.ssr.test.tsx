// @vitest-environment node
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderToString } from 'react-dom/server';
import { ExportStatus } from '../../src/react/ExportStatus';
import { exportStatusText } from '../../src/react/exportStatusText';

describe('<ExportStatus /> on a server', () => {
  it('renders the waiting state without a QueryClientProvider, a window or a request', () => {
    const endpoint = vi.fn(() => Promise.resolve({ sources: [] }));
    const html = renderToString(<ExportStatus endpoint={endpoint} />);
    expect(typeof window).toBe('undefined');
    expect(html).toContain('data-state="polling"');
    expect(html).toContain('aria-live="polite"');
    expect(html).toContain('class="rcf rcf-export"');
    expect(html).toContain(exportStatusText.export_polling);
    // No provider known yet: no list.
    expect(html).not.toContain('<ul');
    expect(endpoint).not.toHaveBeenCalled();
  });

  it('lists the needed providers as preparing, under their names', () => {
    const endpoint = vi.fn(() => Promise.resolve({ sources: [] }));
    const html = renderToString(
      <ExportStatus
        endpoint={endpoint}
        providers={['google_data', 'gmail', 'spotify']}
        providerNames={{ spotify: 'Spotify' }}
      />,
    );
    expect(html.match(/<li[^>]*data-state="preparing"/g)).toHaveLength(3);
    for (const name of ['Google', 'Gmail', 'Spotify']) expect(html).toContain(`>${name}</span>`);
    expect(endpoint).not.toHaveBeenCalled();
  });

  it('renders the idle state when disabled, and the app client inside a provider', () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    const client = new QueryClient();
    const html = renderToString(
      <QueryClientProvider client={client}>
        <ExportStatus endpoint="/api/export-status" enabled={false} unstyled />
      </QueryClientProvider>,
    );
    expect(html).toContain('data-state="idle"');
    expect(html).toContain(exportStatusText.export_idle);
    expect(html).not.toContain('rcf');
    expect(fetch).not.toHaveBeenCalled();
    fetch.mockRestore();
  });

  it('renders a URL endpoint without fetching it', () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    const html = renderToString(<ExportStatus endpoint="/api/export-status" />);
    expect(html).toContain('data-state="polling"');
    expect(fetch).not.toHaveBeenCalled();
    fetch.mockRestore();
  });
});
