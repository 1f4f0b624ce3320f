import { defineConfig } from '@playwright/test';

// The packaged app's smoke test (tests/electron/), run only by the Windows workflow after
// electron-builder has made `release/win-unpacked/导医台.exe`: there is no Electron binary on the
// Linux machines that run `npm test`, so this config is not part of it.
export default defineConfig({
  testDir: 'tests/electron',
  outputDir: 'test-results/electron',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
});
