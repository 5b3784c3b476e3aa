'use client';
import dynamic from 'next/dynamic';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ConnectCallbackPage, type OutcomeSummary } from 'react-connect-flow';
import { basePath } from '../../../lib/paths';

const ExportProgress = dynamic(() =>
  import('../../ExportProgress').then((module) => module.ExportProgress),
);

/**
 * The client half of the callback page: the app's callbacks (functions cannot cross from a
 * server component) around `<ConnectCallbackPage />`.
 */
export function CallbackView({ verified }: { verified: OutcomeSummary | undefined }) {
  const router = useRouter();
  const [exporting, setExporting] = useState(false);
  const home = () => router.push('/');
  return (
    <>
      <ConnectCallbackPage
        verified={verified}
        basePath={basePath}
        supportUrl="mailto:support@example.com"
        onSuccess={(outcome) => setExporting(outcome.provider === 'emerge')}
        onRetry={home}
        onBack={home}
      />
      {exporting && <ExportProgress />}
    </>
  );
}
