import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import 'react-connect-flow/styles.css';
import './app.css';

export const metadata: Metadata = {
  title: 'react-connect-flow in Next.js',
  description: 'Hosted Connect flows (Gigs, Emerge, Zapier) against local mock providers.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header>
          <nav aria-label="Example">
            <Link href="/">Connect an account</Link>
          </nav>
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
