import { useRef, type ComponentProps, type KeyboardEvent } from 'react';
import { useQuery } from '../api/useQuery';
import { Select } from '../ui/ui';

/** Pinyin initials of the clinic's staff and department names (from the main process: desk.initials). */
export function useInitials(): (name: string) => string {
  const q = useQuery('desk.initials', {});
  return (name) => q.data?.[name] ?? '';
}

/**
 * Typing letters in a list of Chinese names jumps by their pinyin initials, as the customer lookup
 * finds them: zx → 整形外科, lzx → 李咨询. Letters typed within a second add up; the native
 * select's own type-ahead (by the first character) is kept for everything else. Each option gives
 * its initials in `data-initials`. `onValue` gets the value jumped to (the change a pick would make).
 */
export function PinyinSelect({ onValue, onKeyDown, ...props }: ComponentProps<typeof Select> & { onValue(value: string): void }) {
  const typed = useRef({ text: '', at: 0 });
  const jump = (e: KeyboardEvent<HTMLSelectElement>) => {
    onKeyDown?.(e);
    if (e.defaultPrevented || e.ctrlKey || e.altKey || e.metaKey || !/^[a-z]$/i.test(e.key)) return;
    const now = Date.now();
    const text = (now - typed.current.at < 1000 ? typed.current.text : '') + e.key.toLowerCase();
    typed.current = { text, at: now };
    const options = [...e.currentTarget.options];
    const hit = options.find((o) => !o.disabled && o.dataset.initials?.startsWith(text)) ?? options.find((o) => !o.disabled && o.dataset.initials?.startsWith(e.key.toLowerCase()));
    if (!hit) return;
    e.preventDefault();
    typed.current = hit.dataset.initials?.startsWith(text) ? typed.current : { text: e.key.toLowerCase(), at: now };
    onValue(hit.value);
  };
  return <Select {...props} onKeyDown={jump} />;
}
