// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { ExportStatus } from '../../src/react/ExportStatus';

describe('<ExportStatus /> on a server', () => {
  it('renders the waiting state without a QueryClientProvider, a window or a request', () => {
    const endpoint = vi.fn(() => Promise.resolve({ sources: [] }));
    const html = renderToString(<ExportStatus endpoint={endpoint} />);
    expect(typeof window).toBe('undefined');
    expect(html).toContain('data-state="polling"');
    expect(html).toContain('aria-live="polite"');
    expect(html).toContain('Still preparing, this can take up to 15 minutes');
    expect(endpoint).not.toHaveBeenCalled();
  });
});
