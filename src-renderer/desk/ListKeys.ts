import type { KeyboardEvent } from 'react';

/** Arrow keys, Home and End over a list of `length` rows; true when the key was handled. */
export function moveActive(e: KeyboardEvent, length: number, setActive: (fn: (a: number) => number) => void): boolean {
  const moves: Record<string, (a: number) => number> = {
    ArrowDown: (a) => Math.min(length - 1, a + 1),
    ArrowUp: (a) => Math.max(0, a - 1),
    Home: () => 0,
    End: () => length - 1,
  };
  const move = moves[e.key];
  if (!move || length === 0) return false;
  e.preventDefault();
  setActive(move);
  return true;
}
