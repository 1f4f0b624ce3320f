import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract, type OperationName } from '../../shared/contract';
import { docRegistry } from '../../shared/docTypes';

/** Every file below `dir`. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** The operations the renderer reads with useQuery: every `'domain.name'` in a call's first argument. */
function queriedOperations(): Set<string> {
  const out = new Set<string>();
  for (const file of files(new URL('../../src-renderer', import.meta.url).pathname).filter((f) => /\.tsx?$/.test(f))) {
    const source = readFileSync(file, 'utf8');
    for (const call of source.matchAll(/useQuery\((\([^)]*\)\s*as\s*'[^']+'|'[^']+')/g)) for (const name of call[1]!.matchAll(/'([a-zA-Z]+\.[a-zA-Z]+)'/g)) out.add(name[1]!);
  }
  return out;
}

describe('what a query depends on', () => {
  const queried = queriedOperations();

  it('finds the screens’ queries (the scan can fail)', () => {
    expect(queried.has('visits.board')).toBe(true);
    expect(queried.has('headoffice.complaintGet')).toBe(true); // read through a cast
    expect(queried.size).toBeGreaterThan(40);
  });

  it('is declared in the contract by every operation a screen reads', () => {
    const missing = [...queried].filter((name) => !(name in contract) || !(contract[name as OperationName] as { dependsOn?: readonly unknown[] }).dependsOn?.length);
    expect(missing).toEqual([]);
  });

  it('names registered document types (or the sync status) only', () => {
    const known = new Set<string>([...docRegistry.map((d) => d.type), 'sync']);
    for (const [name, operation] of Object.entries(contract)) for (const dep of (operation as { dependsOn?: readonly string[] }).dependsOn ?? []) expect(known.has(dep), `${name}: ${dep}`).toBe(true);
  });
});
