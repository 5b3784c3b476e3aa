// The app page of `npm run bench:push`: the package's `<ExportStatus basePath>` (push, with
// polling as its fallback), and a plain EventSource that records when each event arrives.
import { createRoot } from 'react-dom/client';
import { ExportStatus } from '../src/index';

declare global {
  interface Window {
    arrivals: { at: number; data: string }[];
    streamOpen: boolean;
  }
}

window.arrivals = [];
window.streamOpen = false;
const source = new EventSource('/api/connect/events');
source.addEventListener('open', () => (window.streamOpen = true));
source.addEventListener('export', (event) => {
  window.arrivals.push({ at: Date.now(), data: String(event.data) });
});

createRoot(document.getElementById('root')!).render(<ExportStatus basePath="/api/connect" />);
