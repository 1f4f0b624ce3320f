// Bundles the main-process code (host, Electron main, preload) with esbuild. Packages stay
// external: leveldown is native, and electron-builder ships node_modules for the rest.
// No source maps unless DAOYI_SOURCEMAP=1 (a debugging build): the package leaves them out anyway.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** The three bundles' esbuild options (tests/unit/packaging.test.ts reads them). */
export function mainBuildOptions() {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const external = [...Object.keys(pkg.dependencies ?? {}), 'electron', 'leveldown'];
  const sourcemap = process.env.DAOYI_SOURCEMAP === '1';
  const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap, external, logLevel: 'warning' };
  return [
    { ...common, entryPoints: ['src-main/host/main.ts'], outfile: 'dist/main/host.cjs' },
    { ...common, entryPoints: ['src-main/electron/main.ts'], outfile: 'dist/main/electron-main.cjs' },
    // The preload runs sandboxed: one file that requires nothing but 'electron'.
    { ...common, entryPoints: ['src-main/electron/preload.ts'], outfile: 'dist/main/preload.cjs', external: ['electron'] },
  ];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // A fresh folder each build: a debugging build's maps never linger into the next one.
  rmSync(new URL('../dist/main', import.meta.url), { recursive: true, force: true });
  await Promise.all(mainBuildOptions().map((options) => build(options)));
}
