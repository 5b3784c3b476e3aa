// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { summarize } from '../../src/core/model/outcomeSummary';
import { parseCallback } from '../../src/core/model/parseCallback';
import { gigs } from '../../src/core/model/providers/gigs';
import { zapier, type ZapierLaunch } from '../../src/core/model/providers/zapier';
import { sharedMessages } from '../../src/core/model/sharedMessages';
import { callbackScreenText } from '../../src/react/callbackText';
import { ConnectCallbackPage } from '../../src/react/ConnectCallbackPage';
import { useConnect } from '../../src/react/useConnect';

const uid = 'psub_d4e5f6789012345678901234abcdef01';
const url = (query: string) => `https://app.example/connect/callback?${query}`;

describe('ConnectCallbackPage on a server', () => {
  it('has no window, and renders the pending section without a url', () => {
    expect(typeof window).toBe('undefined');
    expect(renderToString(<ConnectCallbackPage />)).toBe(
      `<section class="rcf" data-state="pending" aria-busy="true">` +
        `<p role="status">${callbackScreenText.pending}</p></section>`,
    );
  });

  it('the pending section takes the app words and class names', () => {
    const html = renderToString(
      <ConnectCallbackPage
        messages={{ pending: 'Einen Moment' }}
        classNames={{ root: 'mine' }}
        unstyled
      />,
    );
    expect(html).toBe(
      '<section class="mine" data-state="pending" aria-busy="true">' +
        '<p role="status">Einen Moment</p></section>',
    );
  });

  it('renders the screen for a url with the state the server kept', () => {
    const html = renderToString(
      <ConnectCallbackPage
        url={url(`status=reauthorized&state=srv&uid=${uid}`)}
        expectedState="srv"
      />,
    );
    expect(html).toContain('data-state="success"');
    expect(html).toContain('data-provider="emerge"');
    expect(html).toContain('Reconnected');
    expect(html).toContain(sharedMessages.reconnected);
    expect(html).not.toContain(uid);
  });

  it('renders a failure from the url alone; a success nobody vouched for waits for the browser', () => {
    expect(
      renderToString(<ConnectCallbackPage url={url('session_id=c&status=user_aborted')} />),
    ).toContain('data-state="retry"');
    // Only the browser knows whether it started this flow: no success and no error yet.
    expect(
      renderToString(<ConnectCallbackPage url={url('session_id=csn_attacker&status=success')} />),
    ).toContain('data-state="pending"');
  });

  it('renders a verified outcome as it is', () => {
    const verified = summarize(
      parseCallback('?authentication_id=5&service=SlackAPI', {
        provider: zapier,
        expectedState: 's',
      }),
    );
    const html = renderToString(<ConnectCallbackPage verified={verified} />);
    expect(html).toContain('data-state="success"');
    expect(html).toContain('data-provider="zapier"');
  });

  it('keeps nothing between requests (no shared cache on a server)', () => {
    const query = url('session_id=csn_1&status=auth_expired');
    expect(renderToString(<ConnectCallbackPage url={query} providers={[zapier]} />)).toContain(
      'data-provider="unknown"',
    );
    expect(renderToString(<ConnectCallbackPage url={query} providers={[gigs]} />)).toContain(
      'data-state="retry"',
    );
    expect(renderToString(<ConnectCallbackPage url={query} />)).toContain('data-provider="gigs"');
  });
});

function Connect() {
  const { open, status } = useConnect({
    provider: zapier,
    launch: async (): Promise<ZapierLaunch> => ({ token: 't', app: 'SlackAPI' }),
  });
  return (
    <button onClick={open} data-status={status}>
      Connect
    </button>
  );
}

describe('useConnect on a server', () => {
  it('imports and renders idle with no window', () => {
    expect(typeof window).toBe('undefined');
    expect(renderToString(<Connect />)).toBe('<button data-status="idle">Connect</button>');
  });
});
