// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { ConnectCallbackPage } from '../../src/react/ConnectCallbackPage';

describe('server rendering', () => {
  it('has no window, and renders nothing without a url', () => {
    expect(typeof window).toBe('undefined');
    expect(renderToString(<ConnectCallbackPage />)).toBe('');
  });

  it('renders the screen for a url, with the state the server kept', () => {
    const uid = 'psub_d4e5f6789012345678901234abcdef01';
    const html = renderToString(
      <ConnectCallbackPage
        url={`https://app.example/cb?status=reauthorized&state=srv&uid=${uid}`}
        expectedState="srv"
      />,
    );
    expect(html).toContain('data-state="success"');
    expect(html).toContain('data-provider="emerge"');
    expect(html).toContain('You are reconnected.');
    expect(html).not.toContain(uid);
  });

  it('keeps nothing between requests (no shared cache on a server)', () => {
    const url = 'https://app.example/cb?session_id=csn_1&status=auth_expired';
    expect(renderToString(<ConnectCallbackPage url={url} provider="zapier" />)).toContain(
      'data-provider="zapier"',
    );
    expect(renderToString(<ConnectCallbackPage url={url} provider="gigs" />)).toContain(
      'data-state="retry"',
    );
  });
});
