import { useRef, type KeyboardEvent } from 'react';
import { flushSync } from 'react-dom';

/**
 * A list whose rows take the keyboard, as the call lists do (回访, followup/CallList.tsx; 询诊回访,
 * enquiries/Recalls.tsx): each row is one Tab stop; ↑↓ choose the next or previous row and move
 * the focus with it; the chosen row is `activeId`'s, else the first; focusing a row chooses it.
 * Every other key goes to `onKey` with the focused row (return true when it was used: its default
 * is then prevented). A key pressed inside a row's own control (its button) is left to that control.
 */
export function useKeyList<T extends { id: string }>(items: readonly T[], activeId: string | null, setActiveId: (id: string) => void, onKey: (e: KeyboardEvent, item: T) => boolean) {
  const refs = useRef(new Map<string, HTMLElement>());
  const focus = (id: string) => refs.current.get(id)?.focus();
  const rowProps = (item: T, i: number) => ({
    ref: (el: HTMLElement | null) => {
      if (el) refs.current.set(item.id, el);
      else refs.current.delete(item.id);
    },
    tabIndex: 0,
    'aria-selected': item.id === (activeId ?? items[0]?.id),
    onFocus: () => setActiveId(item.id),
    onKeyDown: (e: KeyboardEvent) => {
      if (e.target !== e.currentTarget) return;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const next = items[i + (e.key === 'ArrowDown' ? 1 : -1)];
        if (next) {
          flushSync(() => setActiveId(next.id));
          focus(next.id);
        }
      } else if (onKey(e, item)) e.preventDefault();
    },
  });
  return { rowProps, focus };
}
