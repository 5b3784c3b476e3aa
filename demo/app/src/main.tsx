import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Link, NavLink, Route, Routes } from 'react-router';
import 'react-connect-flow/styles.css';
import './demo.css';
import { CallbackRoute } from './CallbackRoute';
import { Connections } from './Connections';
import { ProviderPage } from './ProviderPage';

const queryClient = new QueryClient();

function Home() {
  return (
    <>
      <h1>react-connect-flow demo</h1>
      <p>
        Each page starts a hosted Connect flow against local mock providers on another origin. Pick
        popup, redirect or auto, press Connect, then choose an outcome on the provider page.
      </p>
      <ul>
        <li>
          <Link to="/gigs">Gigs Connect session</Link>: redirect back with a status.
        </li>
        <li>
          <Link to="/emerge">Emerge consent</Link>: signed link, then the export progress.
        </li>
        <li>
          <Link to="/zapier">Zapier Connect UI</Link>: postMessage in a popup, or a redirect.
        </li>
      </ul>
      <Connections />
    </>
  );
}

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter>
        <nav aria-label="Providers">
          <NavLink to="/">Home</NavLink> <NavLink to="/gigs">Gigs</NavLink>{' '}
          <NavLink to="/emerge">Emerge</NavLink> <NavLink to="/zapier">Zapier</NavLink>
        </nav>
        <main>
          <Routes>
            <Route path="/" element={<Home />} />
            <Route path="/gigs" element={<ProviderPage key="gigs" provider="gigs" />} />
            <Route path="/emerge" element={<ProviderPage key="emerge" provider="emerge" />} />
            <Route path="/zapier" element={<ProviderPage key="zapier" provider="zapier" />} />
            <Route path="/connect/callback" element={<CallbackRoute />} />
          </Routes>
        </main>
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
