import { useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { useText } from '../i18n/i18n';
import { Banner, Button, TextInput } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import { ListFooter, RowControls } from '../ui/RowControls';
import { moveRow, newRowKey } from '../ui/reorder';
import { teaText } from './i18n';

export interface TeaChecklistItem {
  /** null for an item added here: the save gives it an id. */
  id: string | null;
  text: string;
}

/**
 * The serving checklist as an editable list (text, add, remove, move up/down); `onSave` gets the
 * items in order. The desk lead saves the clinic's next version with it, head office a version
 * for one clinic or many (`children` go above the save button: head office's choice of clinics).
 */
export function TeaChecklistEditor({
  initial,
  onSave,
  saveLabel,
  requireChange = true,
  children,
}: {
  initial: readonly TeaChecklistItem[];
  onSave(items: TeaChecklistItem[]): Promise<void>;
  saveLabel?: string;
  /** The desk saves only an edited list; head office may roll an unchanged one out to other clinics. */
  requireChange?: boolean;
  children?: ReactNode;
}) {
  const t = useText(teaText);
  const [rows, setRows] = useState(() => initial.map((i) => ({ key: i.id ?? newRowKey(), id: i.id, text: i.text })));
  const [dirty, setDirty] = useState(false);
  const { errors, general, busy, send } = useSubmit();
  const list = useRef<HTMLOListElement>(null);
  const change = (next: typeof rows) => {
    setRows(next);
    setDirty(true);
  };
  /** Focus the text of row `i` after the list changed (the row a removal leaves there, or a new one). */
  const focusRow = (i: number) => {
    const inputs = list.current?.querySelectorAll<HTMLInputElement>('input');
    if (inputs && inputs.length) inputs[Math.min(i, inputs.length - 1)]!.focus();
  };
  const save = (
    <Button variant="secondary" disabled={busy || (requireChange && !dirty)} onClick={() => void send(() => onSave(rows.map((r) => ({ id: r.id, text: r.text }))))}>
      {saveLabel ?? t.saveTemplate}
    </Button>
  );
  const error = (i: number) => errors[`items.${i}.text`] ?? errors[`items.${i}.id`];
  return (
    <div className="space-y-2">
      {general && <Banner tone="error">{general}</Banner>}
      {Object.entries(errors)
        .filter(([field]) => !field.startsWith('items.'))
        .map(([field, message]) => (
          <Banner key={field} tone="error">
            {message}
          </Banner>
        ))}
      <ol ref={list} className="mt-2 space-y-1">
        {rows.map((item, i) => (
          <li key={item.key} data-row={item.key} className="flex items-center gap-1">
            <span className="w-6 shrink-0 text-right text-sm tabular-nums text-slate-500">{i + 1}</span>
            <TextInput
              aria-label={t.templateItem(i + 1)}
              invalid={!!error(i)}
              title={error(i)}
              className="py-1 text-sm"
              value={item.text}
              onChange={(e) => change(rows.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)))}
            />
            <RowControls
              dense
              index={i}
              count={rows.length}
              labels={{ up: t.moveUp(i + 1), down: t.moveDown(i + 1), remove: t.removeItem }}
              onMove={(step) => moveRow(rows, i, step, change, list.current)}
              onRemove={() => {
                flushSync(() => change(rows.filter((_, j) => j !== i)));
                focusRow(i);
              }}
            />
          </li>
        ))}
      </ol>
      <ListFooter className="mt-2" save={save} add={
        <Button
          variant="ghost"
          className="text-sm"
          onClick={() => {
            flushSync(() => change([...rows, { key: newRowKey(), id: null, text: '' }]));
            focusRow(rows.length);
          }}
        >
          {t.addItem}
        </Button>
      }>
        {children}
      </ListFooter>
    </div>
  );
}
