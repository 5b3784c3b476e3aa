import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor } from 'storybook/test';
import { useState } from 'react';
import { ExportStatus } from '../src/react/ExportStatus';

/**
 * `<ExportStatus />` in each state, fed by fake endpoints (the app's own status endpoint in a
 * real app), and one endpoint whose exports finish over a few seconds. Play functions check
 * what the user reads; the a11y addon fails a story on any axe violation.
 */
const meta = {
  title: 'ExportStatus',
  component: ExportStatus,
  args: { endpoint: '/api/export-status', onProviderReady: fn(), onAllReady: fn() },
  argTypes: {
    providers: { control: 'object' },
    providerNames: { control: 'object' },
    timeout: { control: 'number' },
    enabled: { control: 'boolean' },
    unstyled: { control: 'boolean' },
    messages: { control: 'object' },
    classNames: { control: 'object' },
  },
} satisfies Meta<typeof ExportStatus>;
export default meta;
type Story = StoryObj<typeof meta>;

type Source = [provider: string, ready: boolean, status?: string];
/** A fake endpoint answering the documented shape, `GET /export/status/{uid}`. */
const answer =
  (...sources: Source[]) =>
  () =>
    Promise.resolve({
      uid: 'psub_d4e5f6789012345678901234abcdef01',
      sources: sources.map(([provider, ready, status]) => ({
        provider,
        data_ready: ready,
        export_status: status ?? (ready ? 'completed' : 'running'),
      })),
    });

/** The overall line, then each row as "name state". */
const reads = (line: string, rows: string[]): NonNullable<Story['play']> =>
  async function play({ canvas, canvasElement }) {
    await expect(await canvas.findByText(line, {}, { timeout: 4000 })).toBeVisible();
    await waitFor(() =>
      expect([...canvasElement.querySelectorAll('li')].map((li) => li.textContent)).toEqual(rows),
    );
  };

export const Preparing: Story = {
  args: { endpoint: answer(['google_data', false], ['gmail', false]) },
  play: reads('Still preparing, this can take up to 15 minutes', [
    'Google Preparing',
    'Gmail Preparing',
  ]),
};

export const PartlyReady: Story = {
  args: { endpoint: answer(['google_data', true], ['gmail', false]) },
  play: reads('Still preparing, this can take up to 15 minutes', [
    'Google Ready',
    'Gmail Preparing',
  ]),
};

/** Nothing left to wait for, and one export failed: the `failed` state, polling stops. */
export const ExportFailed: Story = {
  args: { endpoint: answer(['google_data', true], ['gmail', false, 'failed']) },
  play: async (context) => {
    await reads('Some of your data could not be prepared. Please try connecting again later.', [
      'Google Ready',
      'Gmail Failed',
    ])(context);
    await expect(context.canvasElement.querySelector('[aria-live]')).toHaveAttribute(
      'data-state',
      'failed',
    );
  },
};

/** One export failed while another is still running: still polling for the rest. */
export const FailedWhileOthersPrepare: Story = {
  args: { endpoint: answer(['google_data', false], ['gmail', false, 'failed']) },
  play: reads('Still preparing, this can take up to 15 minutes', [
    'Google Preparing',
    'Gmail Failed',
  ]),
};

export const Ready: Story = {
  args: { endpoint: answer(['google_data', true], ['gmail', true]) },
  play: reads('Your data is ready', ['Google Ready', 'Gmail Ready']),
};

export const TimedOut: Story = {
  args: { endpoint: answer(['google_data', true], ['gmail', false]), timeout: 1500 },
  play: reads('This is taking longer than expected. Please check again later.', [
    'Google Ready',
    'Gmail Timed out',
  ]),
};

export const SessionExpired: Story = {
  name: 'Error (401)',
  args: { endpoint: () => Promise.resolve(new Response('{}', { status: 401 })) },
  play: reads('We could not check on your data. Please try again later.', []),
};

export const Idle: Story = {
  args: { endpoint: answer(['gmail', true]), enabled: false },
  play: reads('Your data will be prepared once you connect.', []),
};

/** Google's export lands after about 2 s, Gmail's after about 4 s; polled every second. */
export const BecomesReadyOverTime: Story = {
  args: { interval: 1000 },
  render: function Render(args) {
    const [start] = useState(Date.now);
    const endpoint = () => {
      const waited = Date.now() - start;
      return answer(['google_data', waited > 2000], ['gmail', waited > 4000])();
    };
    return <ExportStatus {...args} endpoint={endpoint} />;
  },
  play: async ({ canvas, canvasElement, args }) => {
    const rows = () => [...canvasElement.querySelectorAll('li')].map((li) => li.textContent);
    await waitFor(() => expect(rows()).toEqual(['Google Preparing', 'Gmail Preparing']));
    await waitFor(() => expect(rows()).toEqual(['Google Ready', 'Gmail Preparing']), {
      timeout: 5000,
    });
    await expect(
      await canvas.findByText('Your data is ready', {}, { timeout: 5000 }),
    ).toBeVisible();
    await expect(args.onProviderReady).toHaveBeenCalledTimes(2);
    await expect(args.onAllReady).toHaveBeenCalledTimes(1);
  },
};

export const Customised: Story = {
  args: {
    endpoint: answer(['google_data', true], ['gmail', false]),
    providers: ['gmail', 'google_data'],
    messages: { export_polling: 'Hang tight', provider_preparing: 'In progress' },
    providerNames: { google_data: 'Google Takeout' },
    classNames: { root: 'my-card' },
  },
  play: reads('Hang tight', ['Gmail In progress', 'Google Takeout Ready']),
};

export const RenderProp: Story = {
  args: {
    endpoint: answer(['google_data', true], ['gmail', false]),
    render: ({ summary, ready, pending }) => (
      <p>
        {summary} ({ready.length} of {ready.length + pending.length} ready)
      </p>
    ),
  },
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByText('Still preparing, this can take up to 15 minutes (1 of 2 ready)'),
    ).toBeVisible();
  },
};
