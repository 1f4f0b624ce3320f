import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { Button } from './ui';

export interface ConfirmOptions {
  /** What is about to happen, as a question: 「确认李丽爽约？」 */
  title: string;
  /** What it will do, said before it does it (which record stays, what is kept). */
  body?: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  /** A red confirm button for what cannot be taken back at the desk. */
  danger?: boolean;
}

/**
 * One question before an action that one key would otherwise do at once (issue 21: N for a
 * no-show, Enter in 重复档案, 离院, a penalty decision). Enter accepts, Esc cancels, Tab stays
 * inside, and the focus goes back where it was (the list row) when it closes.
 *
 *     const confirm = useConfirm();
 *     if (await confirm.ask({ title, confirmLabel, cancelLabel })) …
 *     return <>… {confirm.dialog}</>;
 */
export function useConfirm() {
  const [open, setOpen] = useState<{ options: ConfirmOptions; resolve(ok: boolean): void; returnTo: HTMLElement | null } | null>(null);
  const ask = useCallback(
    (options: ConfirmOptions) =>
      new Promise<boolean>((resolve) => {
        const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
        setOpen({ options, resolve, returnTo });
      }),
    [],
  );
  const close = (ok: boolean) => {
    if (!open) return;
    setOpen(null);
    open.resolve(ok);
    // Back to where the guide was, so the list's keys work again at once.
    setTimeout(() => open.returnTo?.isConnected && open.returnTo.focus(), 0);
  };
  const dialog = open ? <ConfirmDialog options={open.options} onClose={close} /> : null;
  return { ask, dialog, isOpen: open !== null };
}

function ConfirmDialog({ options, onClose }: { options: ConfirmOptions; onClose(ok: boolean): void }) {
  const id = useId();
  const boxRef = useRef<HTMLDivElement>(null);
  useEffect(() => boxRef.current?.querySelector<HTMLElement>('[data-ok]')?.focus(), []);

  return createPortal(
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 p-4" onMouseDown={(e) => e.target === e.currentTarget && e.preventDefault()}>
      <div
        ref={boxRef}
        role="alertdialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={options.body ? `${id}-body` : undefined}
        data-testid="confirm-dialog"
        className="w-full max-w-lg space-y-4 rounded-xl bg-white p-6 shadow-2xl ring-1 ring-slate-300"
        onKeyDown={(e) => {
          // Keys stay here: the list behind must not act on them (React bubbles through portals).
          e.stopPropagation();
          if (e.key === 'Escape') {
            e.preventDefault();
            onClose(false);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            // Enter on the cancel button cancels; anywhere else it accepts.
            onClose(!(e.target instanceof HTMLElement && e.target.dataset.cancel !== undefined));
          } else if (e.key === 'Tab') {
            const items = [...(boxRef.current?.querySelectorAll<HTMLElement>('button, input, select, textarea, [tabindex]:not([tabindex="-1"])') ?? [])];
            const i = items.indexOf(document.activeElement as HTMLElement);
            const next = items[(i + (e.shiftKey ? -1 : 1) + items.length) % items.length];
            e.preventDefault();
            next?.focus();
          }
        }}
      >
        <h2 id={`${id}-title`} className="text-xl font-bold text-slate-900">
          {options.title}
        </h2>
        {options.body && (
          <div id={`${id}-body`} className="space-y-1 text-slate-700">
            {options.body}
          </div>
        )}
        <div className="flex justify-end gap-3">
          <Button variant="ghost" data-cancel="" onClick={() => onClose(false)}>
            {options.cancelLabel} <kbd className="ml-1 text-xs opacity-70">Esc</kbd>
          </Button>
          <Button data-ok="" variant={options.danger ? 'danger' : 'primary'} onClick={() => onClose(true)}>
            {options.confirmLabel} <kbd className="ml-1 text-xs opacity-70">Enter</kbd>
          </Button>
        </div>
      </div>
    </div>,
    document.body,
  );
}
