// Installs React 18 into test/react18 (once) for the peer-range test project.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const dir = new URL('../test/react18/', import.meta.url);
if (!existsSync(new URL('node_modules/react-dom/package.json', dir))) {
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--silent'], {
    cwd: dir,
    stdio: 'inherit',
  });
}
