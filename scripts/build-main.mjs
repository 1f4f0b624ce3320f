// Bundles the main-process code (host, Electron main, preload) with esbuild. Packages stay
// external: leveldown is native, and electron-builder ships node_modules for the rest.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const external = [...Object.keys(pkg.dependencies ?? {}), 'electron', 'leveldown'];
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, external, logLevel: 'warning' };

await Promise.all([
  build({ ...common, entryPoints: ['src-main/host/main.ts'], outfile: 'dist/main/host.cjs' }),
  build({ ...common, entryPoints: ['src-main/electron/main.ts'], outfile: 'dist/main/electron-main.cjs' }),
  // The preload runs sandboxed: one file that requires nothing but 'electron'.
  build({ ...common, entryPoints: ['src-main/electron/preload.ts'], outfile: 'dist/main/preload.cjs', external: ['electron'] }),
]);
