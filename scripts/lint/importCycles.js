import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

/**
 * A lint rule (`local/no-import-cycles`, eslint.config.js): a module may not import, through any
 * chain of value imports inside the tree, a module that imports it back. `import type` and
 * `export type` are left out (TypeScript erases them, so they make no cycle at run time). The graph
 * is read from the files on disk once per lint run, with the relative specifiers resolved as the
 * bundler does (`.ts`, `.tsx`, `/index.ts`).
 */
const IMPORT = /^\s*(import|export)\s+(?!type\b)(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm;
const cache = new Map();

function resolveSpecifier(from, specifier) {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** The modules `file` imports values from (relative specifiers only), resolved to paths. */
export function importsOf(file) {
  let found = cache.get(file);
  if (found) return found;
  found = [];
  const source = readFileSync(file, 'utf8');
  for (const m of source.matchAll(IMPORT)) {
    // `import { type A, type B } from` brings no value either.
    const names = /\{([^}]*)\}/.exec(m[0]);
    if (names && names[1].split(',').every((n) => !n.trim() || n.trim().startsWith('type '))) continue;
    const target = resolveSpecifier(file, m[2]);
    if (target) found.push({ target, specifier: m[2] });
  }
  cache.set(file, found);
  return found;
}

/** A chain of imports from `start` back to `start`, or null. */
export function cycleFrom(start, first) {
  const seen = new Set();
  const stack = [[first, [start, first]]];
  while (stack.length) {
    const [file, path] = stack.pop();
    if (file === start) return path;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const { target } of importsOf(file)) stack.push([target, [...path, target]]);
  }
  return null;
}

export const noImportCycles = {
  meta: { type: 'problem', docs: { description: 'no import cycles between modules' }, schema: [] },
  create(context) {
    const file = context.filename;
    return {
      'ImportDeclaration, ExportNamedDeclaration, ExportAllDeclaration'(node) {
        if (!node.source || node.importKind === 'type' || node.exportKind === 'type') return;
        const specifier = String(node.source.value);
        if (!specifier.startsWith('.')) return;
        if (node.specifiers?.length && node.specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type')) return;
        const target = resolveSpecifier(file, specifier);
        if (!target) return;
        const cycle = cycleFrom(file, target);
        if (cycle) context.report({ node, message: `import cycle: ${cycle.map((f) => relative(process.cwd(), f)).join(' → ')}` });
      },
    };
  },
};
