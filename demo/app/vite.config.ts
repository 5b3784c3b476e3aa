import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const styles = '\0react-connect-flow-styles.css';

/**
 * The app imports the package by its name, as the README tells users to. Here the name points
 * at the sources, and `react-connect-flow/styles.css` is built the way tsup builds it: the
 * stylesheets of src/react/styles in name order.
 */
const packageByName = (): Plugin => ({
  name: 'react-connect-flow-by-name',
  enforce: 'pre',
  resolveId(id) {
    if (id === 'react-connect-flow') return path.join(root, 'src/index.ts');
    if (id === 'react-connect-flow/core') return path.join(root, 'src/core/index.ts');
    if (id === 'react-connect-flow/styles.css') return styles;
    return null;
  },
  load(id) {
    if (id !== styles) return null;
    const dir = path.join(root, 'src/react/styles');
    return readdirSync(dir)
      .filter((file) => file.endsWith('.css'))
      .sort()
      .map((file) => readFileSync(path.join(dir, file), 'utf8'))
      .join('\n');
  },
});

export default defineConfig({
  root: path.join(root, 'demo/app'),
  plugins: [packageByName(), react()],
  build: { outDir: path.join(root, 'demo/dist'), emptyOutDir: true, sourcemap: true },
  logLevel: 'warn',
});
