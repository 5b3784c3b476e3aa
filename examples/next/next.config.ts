import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Links and router pushes are checked against the app's routes at build time.
  typedRoutes: true,
  poweredByHeader: false,
  // This folder is the app (the repository root has a lockfile of its own): modules resolve
  // from this folder's node_modules only, as in a standalone app.
  turbopack: { root: __dirname },
};

export default nextConfig;
