import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The import graph of shared/, src-main/ and src-renderer/, read with the TypeScript compiler.
 * Type-only imports count too: a circle of types is still two modules that cannot be read apart.
 * (This stands in for eslint-plugin-import-x's no-cycle, which is not installed.)
 */
const root = resolve(__dirname, '../..');
const trees = ['shared', 'src-main', 'src-renderer'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function resolveImport(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not this one
    }
  }
  return null;
}

/** The files `file` imports or re-exports from. */
function valueImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: string[] = [];
  for (const node of source.statements) {
    let spec: ts.Expression | undefined;
    if (ts.isImportDeclaration(node)) {
      spec = node.moduleSpecifier;
    } else if (ts.isExportDeclaration(node)) {
      spec = node.moduleSpecifier;
    }
    if (spec && ts.isStringLiteral(spec)) {
      const target = resolveImport(file, spec.text);
      if (target) out.push(target);
    }
  }
  return out;
}

const files = trees.flatMap((t) => sourceFiles(join(root, t)));
const graph = new Map(files.map((f) => [f, valueImports(f)]));
const rel = (f: string) => relative(root, f);

/** Every cycle, each once, as the list of its files (Tarjan's strongly connected components). */
function cycles(): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(rel(w));
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const f of files) if (!idx.has(f)) visit(f);
  return found;
}

/** `src-main/<domain>/…` → domain; null outside a domain folder of src-main. */
const domainOf = (f: string) => /^src-main\/([^/]+)\//.exec(rel(f))?.[1] ?? null;

describe('the import graph', () => {
  it('has no cycles (a module never imports, through others, itself)', () => {
    expect(cycles()).toEqual([]);
  });

  it("no domain imports another domain's handlers.ts (shared code lives in its repo or rules)", () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      for (const target of targets) {
        if (!rel(target).match(/^src-main\/[^/]+\/handlers\.ts$/)) continue;
        const from = domainOf(file);
        if (from && from !== domainOf(target) && from !== 'api') wrong.push(`${rel(file)} → ${rel(target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('no file switches the import rules off (no eslint-disable of no-restricted-imports)', () => {
    const disabled = files.filter((f) => /eslint-disable[^\n]*no-restricted-imports/.test(readFileSync(f, 'utf8'))).map(rel);
    expect(disabled).toEqual([]);
  });
});
