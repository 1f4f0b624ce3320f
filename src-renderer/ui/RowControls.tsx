import type { ReactNode } from 'react';
import { Button } from './ui';

/**
 * ↑ / ↓ / 删除 of one row of an editable list (a checklist's items). The move buttons carry
 * `data-move` so that `moveRow` (reorder.ts) can keep focus on the one that moved the row.
 */
export function RowControls({ index, count, labels, onMove, onRemove, dense = false }: { index: number; count: number; labels: { up: string; down: string; remove: string }; onMove(step: -1 | 1): void; onRemove(): void; dense?: boolean }) {
  const size = dense ? 'px-2 py-0 text-sm' : 'px-2 py-1 text-sm';
  return (
    <>
      <Button variant="ghost" data-move="-1" aria-label={labels.up} disabled={index === 0} className={size} onClick={() => onMove(-1)}>
        ↑
      </Button>
      <Button variant="ghost" data-move="1" aria-label={labels.down} disabled={index === count - 1} className={size} onClick={() => onMove(1)}>
        ↓
      </Button>
      <Button variant="ghost" className={`shrink-0 whitespace-nowrap ${size}`} onClick={onRemove}>
        {labels.remove}
      </Button>
    </>
  );
}

/**
 * Below an editable list: its add button and the save; with `children` (head office's choice of
 * clinics) those and the save stay in view below a long list.
 */
export function ListFooter({ add, save, children, className = '' }: { add: ReactNode; save: ReactNode; children?: ReactNode; className?: string }) {
  return (
    <>
      <div className={`flex gap-2 ${className}`}>
        {add}
        {!children && save}
      </div>
      {children && (
        <div className="sticky bottom-0 space-y-2 bg-white pb-1 pt-2">
          {children}
          {save}
        </div>
      )}
    </>
  );
}
