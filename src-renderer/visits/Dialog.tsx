import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal panel: takes focus when it opens, Esc closes it, and focus goes back to whatever had it
 * before (focus is never lost). Tab stays inside while it is open.
 */
export function Dialog({ title, onClose, children, closeLabel }: { title: string; onClose(): void; children: ReactNode; closeLabel: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>('[data-autofocus], input, textarea, select, button')?.focus();
    // Esc closes even when focus fell out of the dialog (a button that went disabled while sending).
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close.current();
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      opener?.focus();
    };
  }, []);
  return (
    <div className="fixed inset-0 z-40 flex items-start justify-center overflow-auto bg-slate-900/40 p-6" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        role="dialog"
        aria-modal="true"
        aria-label={title}
        className="w-full max-w-3xl rounded-xl bg-white shadow-xl ring-1 ring-slate-300"
        onKeyDown={(e) => {
          if (e.key === 'Tab') {
            const items = [...(ref.current?.querySelectorAll<HTMLElement>('input, textarea, select, button, [tabindex="0"]') ?? [])].filter((el) => !el.hasAttribute('disabled'));
            const first = items[0];
            const last = items.at(-1);
            if (e.shiftKey && document.activeElement === first) {
              e.preventDefault();
              last?.focus();
            } else if (!e.shiftKey && document.activeElement === last) {
              e.preventDefault();
              first?.focus();
            }
          }
        }}
      >
        <header className="flex items-center justify-between border-b border-slate-200 px-5 py-3">
          <h2 className="text-lg font-bold text-slate-800">{title}</h2>
          <button type="button" className="rounded-md px-3 py-1 text-slate-600 hover:bg-slate-100" onClick={onClose}>
            {closeLabel} <kbd className="text-xs">Esc</kbd>
          </button>
        </header>
        <div className="max-h-[80vh] overflow-auto p-5">{children}</div>
      </div>
    </div>
  );
}
