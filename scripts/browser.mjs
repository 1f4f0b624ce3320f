// The Chromium that the end-to-end tests drive, found once for `npm test` and playwright.config.ts.
//
// No browser download works here (only the npm and Debian registries answer), so the tests use a
// system Chromium: $CHROMIUM_PATH when set, else the first one on the usual paths. On a fresh
// Debian or Ubuntu machine, `ensureChromium()` installs Debian's `chromium` package with apt-get
// when it runs as root (CI and the developers' machines do); elsewhere it says what to install.
// The app brings its own Chinese font (@fontsource/noto-sans-sc), so no system CJK font is needed.
// The printed-paper specs read the PDFs Chromium prints with poppler's pdftotext; `ensurePdfTools()`
// installs Debian's `poppler-utils` the same way (without it those specs check page counts only).
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The path of a usable Chromium, or null. */
export function findChromium() {
  const wanted = process.env.CHROMIUM_PATH;
  if (wanted) return executable(wanted) ? wanted : null;
  return CANDIDATES.find(executable) ?? null;
}

function canApt() {
  return process.platform === 'linux' && typeof process.getuid === 'function' && process.getuid() === 0 && executable('/usr/bin/apt-get');
}

function aptInstall(packages) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: ['ignore', 'ignore', 'inherit'], env });
}

const PDFTOTEXT = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'];

/** pdftotext's path, installing poppler-utils when it is missing and this is a root Debian shell; null when it cannot. */
export function ensurePdfTools() {
  const found = PDFTOTEXT.find(executable);
  if (found || !canApt()) return found ?? null;
  console.log('e2e: no pdftotext on this machine; installing Debian’s poppler-utils package (apt-get)…');
  aptInstall(['poppler-utils']);
  return PDFTOTEXT.find(executable) ?? null;
}

/** Finds Chromium, installing Debian's package when it is missing and this is a root Debian shell. */
export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  if (process.env.CHROMIUM_PATH) throw new Error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable`);
  if (!canApt()) {
    throw new Error('the end-to-end tests need Chromium: install it (Debian/Ubuntu: `apt-get install chromium`) or set CHROMIUM_PATH');
  }
  console.log('e2e: no Chromium on this machine; installing Debian’s chromium package (apt-get)…');
  aptInstall(['chromium']);
  const installed = findChromium();
  if (!installed) throw new Error('apt-get installed chromium, but no executable was found on the usual paths');
  return installed;
}

// `node scripts/browser.mjs`: the first step of `npm test`.
if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const path = ensureChromium();
    console.log(`e2e: Chromium at ${path}: ${execFileSync(path, ['--version'], { encoding: 'utf8' }).trim()}`);
    const pdf = ensurePdfTools();
    console.log(pdf ? `e2e: pdftotext at ${pdf}` : 'e2e: no pdftotext (install poppler-utils): the printed-paper specs check page counts only');
  } catch (err) {
    console.error(`e2e: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
