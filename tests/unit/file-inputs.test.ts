import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.tsx') ? [path] : [];
  });
}

describe('file inputs look like the app’s buttons (issue 19)', () => {
  it('no screen writes a raw <input type="file"> (the browser’s “Choose Files”): they use ui/FileButton', () => {
    const screens = files('src-renderer');
    expect(screens.length).toBeGreaterThan(20);
    const raw = screens.filter((f) => !f.endsWith(join('ui', 'FileButton.tsx')) && /type=["{]'?file/.test(readFileSync(f, 'utf8')));
    expect(raw).toEqual([]);
    expect(readFileSync(join('src-renderer', 'ui', 'FileButton.tsx'), 'utf8')).toMatch(/type="file" className="sr-only"/);
  });
});
