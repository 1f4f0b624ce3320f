import { flushSync } from 'react-dom';

/**
 * Moves row `i` of an editable list one place up (-1) or down (+1) and keeps keyboard focus on the
 * button that moved it: React may move the row's element to reorder, which would blur it. Rows are
 * rendered with `data-row={key}` and their move buttons with `data-move="-1"` / `data-move="1"`.
 */
export function moveRow<T extends { key: string }>(rows: readonly T[], i: number, step: -1 | 1, set: (rows: T[]) => void, scope: HTMLElement | null): void {
  const j = i + step;
  if (j < 0 || j >= rows.length) return;
  const next = [...rows];
  [next[i], next[j]] = [next[j]!, next[i]!];
  const key = rows[i]!.key;
  flushSync(() => set(next));
  const button = (s: number) => scope?.querySelector<HTMLButtonElement>(`[data-row="${CSS.escape(key)}"] [data-move="${s}"]`);
  const same = button(step);
  (same && !same.disabled ? same : button(-step))?.focus();
}

let counter = 0;
/** A key for a row that has no id yet (a new item). */
export function newRowKey(): string {
  counter += 1;
  return `new-${counter}`;
}
