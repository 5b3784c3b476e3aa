'use client';
import { ExportStatus } from 'react-connect-flow';
import { basePath } from '../lib/paths';

/**
 * Emerge's data export, after a success: the handler's export-status route knows the user's
 * uid (stored by `onConnected`); the browser never sees it.
 */
export function ExportProgress() {
  return (
    <div data-testid="export">
      <ExportStatus endpoint={`${basePath}/export-status`} interval={1000} />
    </div>
  );
}
