// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { useConnect } from '../../src/react/useConnect';

function Connect() {
  const { open, status } = useConnect({
    provider: 'zapier',
    launch: async () => ({ token: 't', app: 'SlackAPI' }),
  });
  return (
    <button onClick={open} data-status={status}>
      Connect
    </button>
  );
}

describe('useConnect on a server', () => {
  it('imports and renders with no window', () => {
    expect(typeof window).toBe('undefined');
    expect(renderToString(<Connect />)).toBe('<button data-status="idle">Connect</button>');
  });
});
