import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ESLint, Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { noImportCycles } from '../../scripts/lint/importCycles.js';

/** The tree's own lint rules (eslint.config.js): import cycles, and one domain importing another's handlers. */
const dir = mkdtempSync(join(tmpdir(), 'h20-cycles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

function lintCycles(path: string, text: string) {
  const linter = new Linter({ configType: 'flat', cwd: dir });
  return linter.verify(text, [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser as Linter.Parser }, plugins: { local: { rules: { 'no-import-cycles': noImportCycles } } }, rules: { 'local/no-import-cycles': 'error' } }], { filename: path });
}

describe('local/no-import-cycles', () => {
  it('reports a value import that comes back round, not a type import, not a chain that ends', () => {
    const a = "import { b } from './b';\nexport const a = 1 + b;\n";
    const pathA = file('a.ts', a);
    file('b.ts', "import { c } from './c';\nexport const b = c;\n");
    file('c.ts', "import { a } from './a';\nexport const c = a;\n");
    const found = lintCycles(pathA, a);
    expect(found.map((m) => m.message)).toEqual([expect.stringMatching(/^import cycle: .*a\.ts → .*b\.ts → .*c\.ts → .*a\.ts$/)]);
    // The same circle through type imports only is erased by TypeScript: no cycle at run time.
    const t = "import type { B } from './tb';\nexport type A = { b: B };\n";
    const pathT = file('ta.ts', t);
    file('tb.ts', "import { type A } from './ta';\nexport type B = A[];\n");
    expect(lintCycles(pathT, t)).toEqual([]);
    // A chain that does not return.
    const d = "import { e } from './e';\nexport const d = e;\n";
    const pathD = file('d.ts', d);
    file('e.ts', 'export const e = 2;\n');
    expect(lintCycles(pathD, d)).toEqual([]);
  });
});

describe('no domain imports another domain’s handlers', () => {
  const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });
  it('refuses it in a domain, allows it in the contract’s handler table', async () => {
    const text = "import { teaHandlers } from '../tea/handlers';\nexport const x = teaHandlers;\n";
    const [domain] = await eslint.lintText(text, { filePath: 'src-main/visits/example.ts' });
    expect(domain!.messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
    const [api] = await eslint.lintText(text, { filePath: 'src-main/api/example.ts' });
    expect(api!.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([]);
  }, 60_000);
});
