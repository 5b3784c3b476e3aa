import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import axe from 'axe-core';
import type { ReactNode } from 'react';
import { ExportStatus, type ExportStatusProps } from '../../src/react/ExportStatus';

const source = (provider: string, ready: boolean, status = ready ? 'completed' : 'running') => ({
  provider,
  data_ready: ready,
  export_status: status,
});
const body =
  (...sources: ReturnType<typeof source>[]) =>
  () =>
    Promise.resolve({ uid: 'psub_1', sources });
const show = (props: ExportStatusProps) => {
  const client = new QueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );
  return render(<ExportStatus {...props} />, { wrapper });
};
/** The rows as "name: state" with their data-state. */
const rows = (container: HTMLElement) =>
  [...container.querySelectorAll('li')].map(
    (li) => `${li.textContent} [${li.getAttribute('data-state')}]`,
  );
const root = (container: HTMLElement) => container.firstElementChild as HTMLElement;

const states: [string, ExportStatusProps, string, string[]][] = [
  [
    'preparing',
    { endpoint: body(source('google_data', false), source('gmail', false)) },
    'Still preparing, this can take up to 15 minutes',
    ['Google Preparing [preparing]', 'Gmail Preparing [preparing]'],
  ],
  [
    'partly ready, one failed',
    { endpoint: body(source('google_data', true), source('gmail', false, 'failed')) },
    'Still preparing, this can take up to 15 minutes',
    ['Google Ready [ready]', 'Gmail Failed [failed]'],
  ],
  [
    'ready',
    { endpoint: body(source('google_data', true), source('gmail', true)) },
    'Your data is ready',
    ['Google Ready [ready]', 'Gmail Ready [ready]'],
  ],
  [
    'timed out',
    { endpoint: body(source('google_data', true), source('gmail', false)), timeout: 30 },
    'This is taking longer than expected. Please check again later.',
    ['Google Ready [ready]', 'Gmail Timed out [timed-out]'],
  ],
  [
    'error',
    { endpoint: () => Promise.resolve(new Response('{}', { status: 401 })) },
    'We could not check on your data. Please try again later.',
    [],
  ],
];

describe('<ExportStatus />', () => {
  it.each(states)(
    '%s: overall line, rows, polite announcements, no axe violations',
    async (_, props, line, expected) => {
      const { container } = show(props);
      await screen.findByText(line);
      await waitFor(() => expect(rows(container)).toEqual(expected));
      expect(root(container).getAttribute('aria-live')).toBe('polite');
      expect(root(container).className).toBe('rcf rcf-export');
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

  it('lists the needed providers in their order, with any messages replaced', async () => {
    const { container } = show({
      endpoint: body(source('gmail', true), source('spotify', true)),
      providers: ['spotify', 'drive', 'gmail'],
      messages: {
        name_spotify: 'Spotify',
        provider_preparing: 'Working on it',
        export_polling: 'Hold on',
      },
    });
    await screen.findByText('Hold on');
    await waitFor(() =>
      expect(rows(container)).toEqual([
        'Spotify Ready [ready]',
        // A needed provider the endpoint does not list yet is preparing, under its own id.
        'drive Working on it [preparing]',
        'Gmail Ready [ready]',
      ]),
    );
  });

  it('adds class names, and leaves out its own when unstyled', async () => {
    const classNames = { root: 'card', item: 'row', state: 'badge' };
    const { container } = show({
      endpoint: body(source('gmail', true)),
      classNames,
      unstyled: true,
    });
    await screen.findByText('Ready');
    expect(root(container).className).toBe('card');
    expect(container.querySelector('li')?.className).toBe('row');
    expect(container.querySelector('p')?.hasAttribute('class')).toBe(false);
    expect(container.querySelector('[class*="rcf"]')).toBeNull();
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
    expect(root(container).getAttribute('aria-live')).toBe('polite');
    expect(root(container).getAttribute('data-state')).toBe('polling');
  });
});
