import { afterEach, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureChromium, findChromium } from '../../scripts/browser.mjs';

// scripts/browser.mjs: the Chromium that `npm test` and playwright.config.ts use.
describe('finding the e2e browser', () => {
  const saved = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });

  it('uses CHROMIUM_PATH when it names an executable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'daoyi-browser-'));
    const fake = join(dir, 'chromium');
    writeFileSync(fake, '#!/bin/sh\n');
    chmodSync(fake, 0o755);
    process.env.CHROMIUM_PATH = fake;
    expect(findChromium()).toBe(fake);
    expect(ensureChromium()).toBe(fake);
  });

  it('refuses a CHROMIUM_PATH that is not executable, saying which, and installs nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'daoyi-browser-'));
    const plain = join(dir, 'not-a-browser');
    writeFileSync(plain, 'text');
    process.env.CHROMIUM_PATH = plain;
    expect(findChromium()).toBeNull();
    expect(() => ensureChromium()).toThrow(`CHROMIUM_PATH=${plain} is not an executable`);
  });
});
