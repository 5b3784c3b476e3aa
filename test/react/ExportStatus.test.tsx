import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, screen, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import type { ReactNode } from 'react';
import {
  ExportStatus,
  type ExportStatusProps,
  type ExportStatusRenderProps,
} from '../../src/react/ExportStatus';
import { exportProviderNames, exportStatusText } from '../../src/react/exportStatusText';

const uid = 'psub_d4e5f6789012345678901234abcdef01';
const source = (provider: string, ready: boolean, status = ready ? 'completed' : 'running') => ({
  provider,
  data_ready: ready,
  export_status: status,
});
/** A function endpoint answering these sources, with the uid Emerge sends alongside. */
const body =
  (...sources: ReturnType<typeof source>[]) =>
  () =>
    Promise.resolve({ uid, sources });
const show = (props: ExportStatusProps) => {
  const client = new QueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  return render(<ExportStatus {...props} />, { wrapper });
};
/** The rows as "name state [data-state]". */
const rows = (container: HTMLElement) =>
  [...container.querySelectorAll('li')].map(
    (li) => `${li.textContent} [${li.getAttribute('data-state')}]`,
  );
const root = (container: HTMLElement) => container.firstElementChild as HTMLElement;
const text = exportStatusText;

const states: [string, ExportStatusProps, string, string, string[]][] = [
  [
    'preparing',
    { endpoint: body(source('google_data', false), source('gmail', false)) },
    'polling',
    text.export_polling,
    ['Google Preparing [preparing]', 'Gmail Preparing [preparing]'],
  ],
  [
    'one failed, one still preparing',
    { endpoint: body(source('google_data', false), source('gmail', false, 'failed')) },
    'polling',
    text.export_polling,
    ['Google Preparing [preparing]', 'Gmail Failed [failed]'],
  ],
  [
    'one ready, one failed',
    { endpoint: body(source('google_data', true), source('gmail', false, 'failed')) },
    'failed',
    'Some of your data could not be prepared. Please try connecting again later.',
    ['Google Ready [ready]', 'Gmail Failed [failed]'],
  ],
  [
    'ready',
    { endpoint: body(source('google_data', true), source('gmail', true)) },
    'ready',
    'Your data is ready',
    ['Google Ready [ready]', 'Gmail Ready [ready]'],
  ],
  [
    'timed out',
    { endpoint: body(source('google_data', true), source('gmail', false)), timeout: 30 },
    'timed-out',
    'This is taking longer than expected. Please check again later.',
    ['Google Ready [ready]', 'Gmail Timed out [timed-out]'],
  ],
  [
    'timed out, one failed',
    {
      endpoint: body(source('google_data', false), source('gmail', false, 'error')),
      timeout: 30,
    },
    'timed-out',
    text['export_timed-out'],
    ['Google Timed out [timed-out]', 'Gmail Failed [failed]'],
  ],
  [
    'error',
    { endpoint: () => Promise.resolve(new Response('{}', { status: 401 })) },
    'error',
    'We could not check on your data. Please try again later.',
    [],
  ],
  [
    'idle',
    { endpoint: body(source('gmail', true)), enabled: false, providers: ['gmail'] },
    'idle',
    'Your data will be prepared once you connect.',
    ['Gmail Preparing [preparing]'],
  ],
];

describe('<ExportStatus />', () => {
  it.each(states)(
    '%s: overall line, rows, data-state, polite announcements, no axe violations',
    async (_, props, state, line, expected) => {
      const { container } = show(props);
      await screen.findByText(line);
      await waitFor(() => expect(rows(container)).toEqual(expected));
      expect(root(container).getAttribute('data-state')).toBe(state);
      expect(root(container).getAttribute('aria-live')).toBe('polite');
      expect(root(container).className).toBe('rcf rcf-export');
      expect(container.querySelector('ul') === null).toBe(expected.length === 0);
      expect(container.innerHTML).not.toContain(uid);
      const { violations } = await axe.run(container);
      expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    },
  );

  it('sets data-state from the hook status', async () => {
    const { container } = show({ endpoint: body(source('gmail', true)) });
    expect(root(container).getAttribute('data-state')).toBe('polling');
    await screen.findByText('Your data is ready');
    expect(root(container).getAttribute('data-state')).toBe('ready');
  });

  it('never shows the uid, not even to a render prop', async () => {
    let seen: ExportStatusRenderProps | undefined;
    const { container } = show({
      endpoint: () =>
        Promise.resolve({ uid, sources: [{ ...source('gmail', true), uid }, source('x', false)] }),
      render: (props) => {
        seen = props;
        return <output>{props.summary}</output>;
      },
    });
    await waitFor(() => expect(seen?.sources).toHaveLength(2));
    expect(container.innerHTML).not.toContain(uid);
    expect(JSON.stringify(seen)).not.toContain(uid);
    expect(JSON.stringify(seen)).not.toContain('"uid"');
  });
});

describe('<ExportStatus />: polling', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());
  // See useExportStatus.test.tsx: 2 ms more so answers landing at the end of the step show.
  const advance = (ms: number) =>
    act(async () => {
      await vi.advanceTimersByTimeAsync(ms);
      await vi.advanceTimersByTimeAsync(1);
      await vi.advanceTimersByTimeAsync(1);
    });

  it('shows a failed export as failed and stops asking (issue 9)', async () => {
    const endpoint = vi.fn(() => {
      const gmail = endpoint.mock.calls.length >= 2 ? 'failed' : 'running';
      return Promise.resolve({
        uid,
        sources: [source('google_data', true), source('gmail', false, gmail)],
      });
    });
    const { container } = show({ endpoint });
    await advance(0);
    expect(root(container).getAttribute('data-state')).toBe('polling');
    expect(rows(container)).toEqual(['Google Ready [ready]', 'Gmail Preparing [preparing]']);
    await advance(2000);
    expect(root(container).getAttribute('data-state')).toBe('failed');
    expect(rows(container)).toEqual(['Google Ready [ready]', 'Gmail Failed [failed]']);
    expect(container.querySelector('li[data-state="failed"]')?.textContent).toBe('Gmail Failed');
    expect(container.querySelector('p')?.textContent).toBe(text.export_failed);
    expect(endpoint).toHaveBeenCalledTimes(2);
    await advance(30 * 60_000);
    expect(endpoint).toHaveBeenCalledTimes(2);
    expect(root(container).getAttribute('data-state')).toBe('failed');
  });

  it('keeps preparing and asking for an unknown state', async () => {
    const endpoint = vi.fn(body(source('gmail', false, 'queued')));
    const { container } = show({ endpoint });
    await advance(60_000);
    expect(root(container).getAttribute('data-state')).toBe('polling');
    expect(rows(container)).toEqual(['Gmail Preparing [preparing]']);
    expect(endpoint.mock.calls.length).toBeGreaterThan(5);
  });

  it('takes its own failed states', async () => {
    const endpoint = vi.fn(body(source('gmail', false, 'cancelled')));
    const { container } = show({ endpoint, failedStatuses: ['cancelled'] });
    await advance(60_000);
    expect(root(container).getAttribute('data-state')).toBe('failed');
    expect(rows(container)).toEqual(['Gmail Failed [failed]']);
    expect(endpoint).toHaveBeenCalledTimes(1);
  });
});

describe('<ExportStatus />: words and names', () => {
  it('lists the needed providers in their order, under their names, with messages replaced', async () => {
    const { container } = show({
      endpoint: body(source('gmail', true), source('spotify', true), source('google_data', false)),
      providers: ['spotify', 'drive', 'gmail', 'google_data', 'constructor'],
      providerNames: { spotify: 'Spotify', gmail: 'Google Mail' },
      messages: { provider_preparing: 'Working on it', export_polling: 'Hold on' },
    });
    await screen.findByText('Hold on');
    await waitFor(() =>
      expect(rows(container)).toEqual([
        'Spotify Ready [ready]',
        // A needed provider the endpoint does not list yet is preparing, under its own id.
        'drive Working on it [preparing]',
        // An override wins over a default name; the other defaults stay.
        'Google Mail Ready [ready]',
        'Google Working on it [preparing]',
        // Only the table's own entries count as names, not what objects inherit.
        'constructor Working on it [preparing]',
      ]),
    );
    // The defaults are left as they were.
    expect(exportProviderNames).toEqual({ google_data: 'Google', gmail: 'Gmail' });
  });

  it('rewords the failed and timed-out lines', async () => {
    const messages = {
      export_failed: 'Gmail said no',
      provider_failed: 'Nope',
      'export_timed-out': 'Too slow',
      'provider_timed-out': 'Gave up',
    };
    const failed = show({
      endpoint: body(source('gmail', false, 'failed'), source('google_data', true)),
      messages,
    });
    await screen.findByText('Gmail said no');
    expect(rows(failed.container)).toEqual(['Gmail Nope [failed]', 'Google Ready [ready]']);
    failed.unmount();
    const late = show({ endpoint: body(source('gmail', false)), timeout: 30, messages });
    await screen.findByText('Too slow');
    expect(rows(late.container)).toEqual(['Gmail Gave up [timed-out]']);
  });

  it('takes known message keys only (a type error otherwise)', async () => {
    show({
      endpoint: body(source('gmail', true)),
      messages: {
        export_ready: 'Done',
        // @ts-expect-error: provider names are `providerNames`, not messages.
        name_gmail: 'Mail',
      },
    });
    await screen.findByText('Done');
    expect(screen.getByText('Gmail')).toBeTruthy();
  });
});

describe('<ExportStatus />: styling and render prop', () => {
  it('adds class names to its own', async () => {
    const { container } = show({
      endpoint: body(source('gmail', true)),
      classNames: { root: 'card', item: 'row', state: 'badge' },
    });
    await screen.findByText('Ready');
    expect(root(container).className).toBe('rcf rcf-export card');
    expect(container.querySelector('p')?.className).toBe('rcf-export-summary');
    expect(container.querySelector('ul')?.className).toBe('rcf-export-list');
    expect(container.querySelector('li')?.className).toBe('rcf-export-item row');
    expect(container.querySelector('li span:first-child')?.className).toBe('rcf-export-name');
    expect(container.querySelector('li span:last-child')?.className).toBe('rcf-export-state badge');
  });

  it('leaves out its own class names when unstyled', async () => {
    const { container } = show({
      endpoint: body(source('gmail', true)),
      classNames: { root: 'card', item: 'row', state: 'badge' },
      unstyled: true,
    });
    await screen.findByText('Ready');
    expect(root(container).className).toBe('card');
    expect(container.querySelector('li')?.className).toBe('row');
    expect(container.querySelector('p')?.hasAttribute('class')).toBe(false);
    expect(container.querySelector('li span:last-child')?.className).toBe('badge');
    expect(container.querySelector('[class*="rcf"]')).toBeNull();
  });

  it('never sets an inline style', async () => {
    const { container } = show({ endpoint: body(source('gmail', true), source('x', false)) });
    await screen.findByText('Ready');
    expect(container.querySelector('[style]')).toBeNull();
  });

  it('hands everything to a render prop inside the announced root', async () => {
    const { container } = show({
      endpoint: body(source('google_data', true), source('gmail', false)),
      render: ({ summary, items, ready }) => (
        <output>
          {summary}: {items.map((item) => `${item.name}=${item.state}`).join(', ')} ({ready.length})
        </output>
      ),
    });
    await screen.findByText(/Google=ready/);
    expect(container.querySelector('output')?.textContent).toBe(
      'Still preparing, this can take up to 15 minutes: Google=ready, Gmail=preparing (1)',
    );
    expect(container.querySelector('ul, p')).toBeNull();
    expect(root(container).getAttribute('aria-live')).toBe('polite');
    expect(root(container).getAttribute('data-state')).toBe('polling');
  });

  it('gives the render prop the labels, merged messages and the hook result', async () => {
    let seen: ExportStatusRenderProps | undefined;
    show({
      endpoint: body(source('google_data', true), source('gmail', false, 'failed')),
      providerNames: { gmail: 'Mail' },
      messages: { provider_failed: 'Broken' },
      render: (props) => {
        seen = props;
        return null;
      },
    });
    await waitFor(() => expect(seen?.status).toBe('failed'));
    expect(seen).toMatchObject({
      status: 'failed',
      ready: ['google_data'],
      pending: [],
      failed: ['gmail'],
      allReady: false,
      settled: true,
      summary: text.export_failed,
      items: [
        { provider: 'google_data', name: 'Google', state: 'ready', label: 'Ready' },
        { provider: 'gmail', name: 'Mail', state: 'failed', label: 'Broken' },
      ],
    });
    expect(seen?.messages).toEqual({ ...exportStatusText, provider_failed: 'Broken' });
    expect(seen?.refetch).toBeTypeOf('function');
  });
});
