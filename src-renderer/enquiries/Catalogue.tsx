import { useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import type { ServiceItem } from '../../shared/enquiries/catalogue';
import { Banner, Button, Field, Panel, Select, TextInput } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import { enquiryText } from './i18n';

/** The active catalogue items as this desk has them (pulled from head office). */
export function useCatalogue(): ServiceItem[] {
  return useQuery('catalogue.get', {}).data?.items ?? [];
}

const priceText = (i: ServiceItem) => `${i.priceFrom}–${i.priceTo} 元`;

/** A `<datalist>` of the catalogue's names for a text field: pick one or type anything else. */
export function CatalogueOptions({ id, items }: { id: string; items: ServiceItem[] }) {
  return (
    <datalist id={id}>
      {items.map((i) => (
        <option key={i.id} value={i.name}>
          {`${i.category} · ${i.department} · ${priceText(i)}${i.doctors.length ? ` · ${i.doctors.join('、')}` : ''}`}
        </option>
      ))}
    </datalist>
  );
}

/** 从项目目录添加: a select that adds the chosen item to a list typed as text (free text stays). */
export function CatalogueAdd({ items, onPick }: { items: ServiceItem[]; onPick(name: string): void }) {
  const t = useText(enquiryText);
  if (!items.length) return null;
  return (
    <Select aria-label={t.catAdd} data-testid="catalogue-add" value="" onChange={(e) => e.target.value && onPick(e.target.value)}>
      <option value="">{t.catAdd}</option>
      {items.map((i) => (
        <option key={i.id} value={i.name}>
          {`${i.name}（${i.department}，${priceText(i)}）`}
        </option>
      ))}
    </Select>
  );
}

/** A new item's id: unique in the list even for rows added within one millisecond (or under a stopped clock). */
const newItemId = (list: { id: string }[]) => {
  const base = Date.now().toString(36);
  let n = 0;
  while (list.some((r) => r.id === `svc-${base}${n.toString(36)}`)) n += 1;
  return `svc-${base}${n.toString(36)}`;
};

type Row = { id: string; name: string; category: string; department: string; priceFrom: string; priceTo: string; doctors: string; note: string; active: boolean };
const toRow = (i: ServiceItem): Row => ({ ...i, priceFrom: String(i.priceFrom), priceTo: String(i.priceTo), doctors: i.doctors.join('、') });

/**
 * 项目目录 at head office: edit the whole catalogue and save a new version that every clinic pulls.
 * Rows reorder with ↑/↓ (or Alt+↑/↓ inside a row, the focus following the row); a saved item is
 * retired with 在用 off (kept for history, no longer offered), only an unsaved one can be deleted.
 */
export function CataloguePanel() {
  const t = useText(enquiryText);
  const current = useQuery('catalogue.get', { activeOnly: false });
  const [rows, setRows] = useState<Row[] | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const { errors, general, busy, send } = useSubmit();
  const list = rows ?? current.data?.items.map(toRow) ?? [];
  const set = (i: number, patch: Partial<Row>) => setRows(list.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const savedIds = new Set(current.data?.items.map((i) => i.id) ?? []);
  const refs = useRef(new Map<string, HTMLLIElement>());
  /** Moves row `i` by `by` (−1 up, +1 down); the focus stays on the same control of the moved row. */
  const move = (i: number, by: -1 | 1) => {
    const j = i + by;
    if (j < 0 || j >= list.length) return;
    const next = [...list];
    [next[i], next[j]] = [next[j]!, next[i]!];
    const active = document.activeElement;
    const control = active instanceof HTMLElement ? active.dataset.control : undefined;
    flushSync(() => setRows(next));
    const li = refs.current.get(list[i]!.id);
    (li?.querySelector<HTMLElement>(control ? `[data-control="${control}"]` : 'input') ?? li)?.focus();
  };
  const save = () =>
    send(async () => {
      const items = list.map((r) => ({ ...r, priceFrom: Number(r.priceFrom), priceTo: Number(r.priceTo), doctors: r.doctors.split(/[,，、;；]/).map((s) => s.trim()).filter(Boolean) }));
      const v = await api['headoffice.catalogueSave']({ baseVersion: current.data?.version ?? 0, items });
      setSaved(v.version);
      setRows(null);
      current.reload();
    });
  const labels = { name: t.catName, category: t.catCategory, department: t.catDepartment, priceFrom: t.catPriceFrom, priceTo: t.catPriceTo, doctors: t.catDoctors };
  const cell = (i: number, k: 'name' | 'category' | 'department' | 'priceFrom' | 'priceTo' | 'doctors', width: string) => (
    <Field label={labels[k]} error={errors[`items.${i}.${k}`]} className={width}>
      {(id, db) => <TextInput id={id} aria-describedby={db} inputMode={k.startsWith('price') ? 'numeric' : undefined} value={list[i]![k]} onChange={(e) => set(i, { [k]: e.target.value })} />}
    </Field>
  );
  return (
    <Panel title={t.catTitle} className="mx-auto max-w-5xl">
      <p className="mb-1 text-sm text-slate-500">{t.catHint(current.data?.version ?? 0)}</p>
      <p className="mb-3 text-sm text-slate-500">{t.catOrderHint}</p>
      {general && <Banner tone="error">{general}</Banner>}
      {/* A refusal of a field no cell shows (the list itself, an item's id or note) is said above the list. */}
      {Object.entries(errors)
        .filter(([k]) => !/^items\.\d+\.(name|category|department|priceFrom|priceTo|doctors)$/.test(k))
        .map(([k, m]) => (
          <Banner key={k} tone="error">
            {m}
          </Banner>
        ))}
      {saved !== null && <Banner tone="success">{t.catSaved(saved)}</Banner>}
      <ul className="flex flex-col gap-2" aria-label={t.catTitle}>
        {list.map((r, i) => (
          <li
            key={r.id}
            ref={(el) => {
              if (el) refs.current.set(r.id, el);
              else refs.current.delete(r.id);
            }}
            className={`flex items-end gap-2 rounded p-2 ${r.active ? 'bg-slate-50' : 'bg-slate-100 text-slate-500'}`}
            data-testid="catalogue-row"
            onKeyDown={(e) => {
              if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
                e.preventDefault();
                move(i, e.key === 'ArrowUp' ? -1 : 1);
              }
            }}
          >
            <div className="flex flex-col gap-1 pb-1">
              <button type="button" data-control="up" className="rounded border border-slate-300 px-1 text-sm leading-5 disabled:opacity-30" aria-label={t.catUp(r.name || t.catName)} disabled={i === 0} onClick={() => move(i, -1)}>
                ↑
              </button>
              <button type="button" data-control="down" className="rounded border border-slate-300 px-1 text-sm leading-5 disabled:opacity-30" aria-label={t.catDown(r.name || t.catName)} disabled={i === list.length - 1} onClick={() => move(i, 1)}>
                ↓
              </button>
            </div>
            {cell(i, 'name', 'w-32')}
            {cell(i, 'category', 'w-20')}
            {cell(i, 'department', 'w-24')}
            {cell(i, 'priceFrom', 'w-20')}
            {cell(i, 'priceTo', 'w-20')}
            {cell(i, 'doctors', 'flex-1')}
            <label className="flex items-center gap-1 pb-2 text-sm whitespace-nowrap">
              <input type="checkbox" data-control="active" checked={r.active} onChange={(e) => set(i, { active: e.target.checked })} />
              {t.catActive}
            </label>
            {!r.active && <span className="pb-2 text-sm whitespace-nowrap">{t.catRetired}</span>}
            {!savedIds.has(r.id) && (
              <Button variant="ghost" className="py-1 text-sm" aria-label={t.catRemove(r.name || t.catName)} onClick={() => setRows(list.filter((_, j) => j !== i))}>
                ✕
              </Button>
            )}
          </li>
        ))}
      </ul>
      <div className="mt-3 flex gap-2">
        <Button variant="secondary" onClick={() => setRows([...list, { id: newItemId(list), name: '', category: '', department: '', priceFrom: '0', priceTo: '0', doctors: '', note: '', active: true }])}>
          {t.catAddRow}
        </Button>
        <Button disabled={busy} onClick={() => void save()}>
          {t.catSave}
        </Button>
      </div>
    </Panel>
  );
}
