import type { Preview } from '@storybook/react-vite';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
// The package's stylesheet, as `react-connect-flow/styles.css` ships it (files in name order).
import '../src/react/styles/00-theme.css';
import '../src/react/styles/10-screens.css';
import '../src/react/styles/20-export-status.css';

/** One client per story, kept across re-renders; no retries, so polling stories stay exact. */
function WithQueryClient({ children }: { children: ReactNode }) {
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { retry: false } } }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

const preview: Preview = {
  parameters: {
    controls: { expanded: true },
    // axe violations fail the story tests, not only the a11y panel.
    a11y: { test: 'error' },
  },
  decorators: [
    (Story) => (
      <WithQueryClient>
        <Story />
      </WithQueryClient>
    ),
  ],
};

export default preview;
