import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Ajv } from 'ajv';

/**
 * The installer can only be built on the Windows runner, so these checks catch what would
 * otherwise fail there, late: a misspelt electron-builder option, a missing icon, a workflow
 * that does not package for Windows.
 */
const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

type Json = { [key: string]: unknown };
interface Schema {
  $ref?: string;
  properties?: Record<string, Schema>;
  anyOf?: Schema[];
  items?: Schema | Schema[];
}
const scheme = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as Schema & { definitions: Record<string, Schema> };
const config = yaml.load(read('electron-builder.yml')) as Json;

/** The object schemas a value at this place may follow (through $ref, anyOf and array items). */
function objectSchemas(schema: Schema | undefined): Schema[] {
  if (!schema) return [];
  if (schema.$ref) return objectSchemas(scheme.definitions[schema.$ref.replace('#/definitions/', '')]);
  const own = schema.properties ? [schema] : [];
  const items = Array.isArray(schema.items) ? schema.items : schema.items ? [schema.items] : [];
  return [...own, ...(schema.anyOf ?? []).flatMap(objectSchemas), ...items.flatMap(objectSchemas)];
}

/** Every key path in `value` that no schema at its place declares. */
function unknownKeys(value: unknown, schemas: Schema[], path: string): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => unknownKeys(item, schemas, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const declared = schemas.map((s) => s.properties?.[key]).filter((s): s is Schema => s !== undefined);
    if (!declared.length) return [`${path}${key}`];
    return unknownKeys(child, declared.flatMap(objectSchemas), `${path}${key}.`);
  });
}

describe('electron-builder.yml', () => {
  it('uses only option names electron-builder 26 knows', () => {
    expect(unknownKeys(config, [scheme], '')).toEqual([]);
    // The check itself catches a misspelling.
    expect(unknownKeys({ nsis: { oneclick: false }, electronFuses: { runAsNode: false, runAsnode: true } }, [scheme], '')).toEqual(['nsis.oneclick', 'electronFuses.runAsnode']);
  });

  it('passes the schema electron-builder validates with', () => {
    // The same ajv settings as app-builder-lib/out/util/config/schemaValidator.js.
    const validate = new Ajv({ allErrors: true, coerceTypes: true, strict: false }).compile(scheme);
    expect(validate(structuredClone(config)), JSON.stringify(validate.errors, null, 2)).toBe(true);
    const misspelt = structuredClone(config) as { nsis: Json };
    misspelt.nsis.createDesktopShortcut = 'sometimes';
    expect(validate(misspelt)).toBe(false);
  });

  it('builds the installer the clinic expects', () => {
    expect(config).toMatchObject({
      appId: 'com.daoyitai.desk',
      productName: '导医台',
      asar: true,
      npmRebuild: true,
      win: { target: [{ target: 'nsis', arch: ['x64'] }] },
      nsis: {
        oneClick: false,
        perMachine: false, // updates without an administrator (README)
        allowToChangeInstallationDirectory: true,
        createDesktopShortcut: 'always',
        createStartMenuShortcut: true,
        shortcutName: '导医台',
        installerLanguages: ['zh_CN'],
        language: '2052',
      },
      electronFuses: {
        runAsNode: false,
        enableCookieEncryption: true,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        enableEmbeddedAsarIntegrityValidation: true,
        onlyLoadAppFromAsar: true,
        loadBrowserProcessSpecificV8Snapshot: false,
        grantFileProtocolExtraPrivileges: false, // the renderer loads from app://, never file://
      },
    });
    // Every fuse this electron-builder knows is set on purpose, none left to Electron's default.
    const fuses = Object.keys(scheme.definitions.FuseOptionsV1!.properties!).filter((k) => k !== 'resetAdHocDarwinSignature');
    expect(Object.keys(config.electronFuses as Json).sort()).toEqual(fuses.sort());
    expect(config.files).toEqual(expect.arrayContaining(['dist/**/*', 'package.json']));
    // Updates: head office's generic HTTPS feed, and the publisher's signature checked on every update.
    expect(config.publish).toEqual([expect.objectContaining({ provider: 'generic', url: expect.stringMatching(/^https:\/\//) })]);
    expect(config.win).toMatchObject({ verifyUpdateCodeSignature: true, signtoolOptions: { signingHashAlgorithms: ['sha256'] } });
    expect(config.asarUnpack).toEqual(expect.arrayContaining([expect.stringMatching(/leveldown.*\.node$/)]));
  });

  it('points at icons that exist and are what they claim', () => {
    const icons = [(config.win as Json).icon, (config.nsis as Json).installerIcon, (config.nsis as Json).uninstallerIcon, 'assets/icon.png'];
    for (const icon of icons) expect(existsSync(new URL(String(icon), root)), String(icon)).toBe(true);

    const png = readFileSync(new URL('assets/icon.png', root));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);

    const ico = readFileSync(new URL('assets/icon.ico', root));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => ico[6 + 16 * i] || 256);
    expect(sizes.sort((a, b) => a - b)).toEqual([16, 32, 48, 256]);
  });
});

describe('the Windows workflow', () => {
  const path = '.github/workflows/windows-build.yml';

  it('exists and packages for Windows with electron-builder', () => {
    expect(existsSync(new URL(path, root))).toBe(true);
    const workflow = yaml.load(read(path)) as { on: Json; jobs: Record<string, { 'runs-on': string; steps: { run?: string; uses?: string; with?: Json }[] }> };
    const jobs = Object.values(workflow.jobs);
    const job = jobs.find((j) => j.steps.some((s) => s.run?.includes('electron-builder')));
    expect(job, 'a job that runs electron-builder').toBeDefined();
    expect(job!['runs-on']).toMatch(/^windows-/);
    const runs = job!.steps.map((s) => s.run ?? '');
    const build = runs.find((r) => r.includes('electron-builder'))!;
    expect(build).toMatch(/--win\b/);
    expect(build).toMatch(/--x64\b/);
    expect(build).toMatch(/--publish never/);
    // In order: install, build, package.
    const at = (re: RegExp) => runs.findIndex((r) => re.test(r));
    expect(at(/^npm ci\b/)).toBeGreaterThanOrEqual(0);
    expect(at(/^npm ci\b/)).toBeLessThan(at(/^npm run build\b/));
    expect(at(/^npm run build\b/)).toBeLessThan(at(/electron-builder/));
    expect(job!.steps.find((s) => s.uses?.startsWith('actions/setup-node'))?.with?.['node-version']).toBe(22);
    expect(job!.steps.some((s) => s.uses?.startsWith('actions/upload-artifact'))).toBe(true);
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(['push', 'workflow_dispatch']));
    // Signing from secrets, and the packaged app's smoke test after packaging.
    const pack = job!.steps.find((s) => s.run?.includes('electron-builder')) as { env?: Json };
    expect(pack.env).toMatchObject({ CSC_LINK: expect.stringContaining('secrets.'), CSC_KEY_PASSWORD: expect.stringContaining('secrets.') });
    expect(at(/playwright test --config playwright\.electron\.config\.ts/)).toBeGreaterThan(at(/electron-builder/));
    expect(existsSync(new URL('tests/electron/smoke.spec.ts', root))).toBe(true);
  });
});

describe('source maps (issue 22: the production build served 3 MB of them)', () => {
  const saved = process.env.DAOYI_SOURCEMAP;
  afterEach(() => {
    if (saved === undefined) delete process.env.DAOYI_SOURCEMAP;
    else process.env.DAOYI_SOURCEMAP = saved;
    vi.resetModules();
  });

  async function viteBuild(env: string | undefined) {
    if (env === undefined) delete process.env.DAOYI_SOURCEMAP;
    else process.env.DAOYI_SOURCEMAP = env;
    vi.resetModules();
    const config = (await import('../../vite.config')).default as { build?: { sourcemap?: unknown } };
    return config.build?.sourcemap;
  }

  async function mainBuild(env: string | undefined) {
    if (env === undefined) delete process.env.DAOYI_SOURCEMAP;
    else process.env.DAOYI_SOURCEMAP = env;
    vi.resetModules();
    const { mainBuildOptions } = await import('../../scripts/build-main.mjs');
    return mainBuildOptions().map((o) => o.sourcemap);
  }

  it('the renderer and the main process build without them; DAOYI_SOURCEMAP=1 is a debugging build', async () => {
    expect(await viteBuild(undefined)).toBe(false);
    expect(await viteBuild('0')).toBe(false);
    expect(await viteBuild('1')).toBe(true);
    expect(await mainBuild(undefined)).toEqual([false, false, false]);
    expect(await mainBuild('1')).toEqual([true, true, true]);
  });

  it('the installer leaves every .map out, even from a debugging build', () => {
    const { FileMatcher } = require('app-builder-lib/out/fileMatcher.js') as {
      FileMatcher: new (from: string, to: string, expand: (s: string) => string, patterns: string[]) => { createFilter(): (file: string, stat: { isDirectory(): boolean }) => boolean };
    };
    const app = '/project';
    const packed = new FileMatcher(app, '/out', (s) => s, config.files as string[]).createFilter();
    const file = { isDirectory: () => false };
    const shipped = (path: string) => packed(`${app}/${path}`, file);
    for (const path of ['dist/renderer/assets/index-abc.js.map', 'dist/renderer/assets/index-abc.css.map', 'dist/main/electron-main.cjs.map', 'dist/main/preload.cjs.map', 'dist/main/host.cjs.map']) {
      expect(shipped(path), path).toBe(false);
    }
    for (const path of ['dist/renderer/index.html', 'dist/renderer/assets/index-abc.js', 'dist/main/electron-main.cjs', 'dist/main/preload.cjs', 'package.json']) {
      expect(shipped(path), path).toBe(true);
    }
  });

  it('the build in dist/ (npm test builds before the unit tests) holds no .map file', () => {
    const dist = new URL('dist/', root);
    if (!existsSync(dist) || process.env.DAOYI_SOURCEMAP === '1') return;
    const maps = (readdirSync(dist, { recursive: true }) as string[]).filter((p) => p.endsWith('.map'));
    expect(maps).toEqual([]);
  });
});
