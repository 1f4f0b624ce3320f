import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { type Source } from '../../shared/desk/schemas';
import { directedKeys, generalFields, type CustomerChanges, type CustomerRecord, type DirectedKey } from '../../shared/customers/record';
import { clinicDate, clinicTime } from '../../shared/time';
import { Banner, Button, Field, Select, TextInput } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import { customerText } from './i18n';
import { SourceOptions } from '../desk/SourceOptions';

type Form = Record<(typeof generalFields)[number], string> & { directed: Record<DirectedKey, string> };

function formOf(r: CustomerRecord): Form {
  return {
    name: r.name,
    sex: r.sex,
    birthDate: r.birthDate ?? '',
    age: r.age === null ? '' : String(r.age),
    phone: r.phone,
    address: r.address,
    source: r.source,
    email: r.email,
    occupation: r.occupation,
    disease: r.disease,
    directed: Object.fromEntries(directedKeys.map((k) => [k, r.directed[k] ?? ''])) as Record<DirectedKey, string>,
  };
}

/** Only what the person changed: an untouched masked phone is never sent back. */
function changesOf(before: Form, after: Form): CustomerChanges {
  const out: Record<string, unknown> = {};
  for (const f of generalFields) {
    if (before[f] === after[f]) continue;
    const v = after[f].trim();
    if (f === 'age') out.age = v === '' ? null : Number(v);
    else if (f === 'birthDate') out.birthDate = v === '' ? null : v;
    else out[f] = v;
  }
  const directed = Object.fromEntries(directedKeys.filter((k) => before.directed[k] !== after.directed[k]).map((k) => [k, after.directed[k].trim()]));
  if (Object.keys(directed).length) out.directed = directed;
  return out as CustomerChanges;
}

/** 客户资料: the whole record, corrected by those allowed, with who changed which field when (issue 14). */
export function CustomerEditor({ customerId }: { customerId: string }) {
  const rec = useQuery('customer.record', { customerId });
  const [saved, setSaved] = useState(false);
  // Kept here: the form below starts afresh after a save, the panel stays open.
  const [open, setOpen] = useState(false);
  if (!rec.data) return null;
  // Keyed by the record's values: a change from this desk or another starts the form afresh from them.
  return <RecordForm key={JSON.stringify(formOf(rec.data))} r={rec.data} saved={saved} setSaved={setSaved} open={open} setOpen={setOpen} />;
}

function RecordForm({ r, saved, setSaved, open, setOpen }: { r: CustomerRecord; saved: boolean; setSaved(v: boolean): void; open: boolean; setOpen(v: boolean): void }) {
  const t = useText(customerText);
  const c = useText(commonText);
  const customerId = r.id;
  const [form, setForm] = useState<Form>(() => formOf(r));
  const [note, setNote] = useState('');
  const { errors, general, busy, send } = useSubmit();

  const save = () =>
    send(async () => {
      setSaved(false);
      await api['customer.update']({ customerId, changes: changesOf(formOf(r), form), note });
      setNote('');
      setSaved(true);
    });
  const set = (f: (typeof generalFields)[number], v: string) => setForm({ ...form, [f]: v });
  const label = (field: string) => {
    const key = field.replace(/^directed\./, '') as keyof typeof t;
    return typeof t[key] === 'string' ? (t[key] as string) : field;
  };
  const shown = (field: string, v: string | number | null) => {
    if (v === null || v === '') return t.empty;
    if (field === 'sex') return v === 'F' ? c.female : c.male;
    if (field === 'source') return c.source[v as Source] ?? String(v);
    return String(v);
  };
  const readOnly = !r.mayEdit;
  const text = (f: 'name' | 'phone' | 'email' | 'occupation' | 'disease' | 'address' | 'birthDate' | 'age', extra: { className?: string; inputMode?: 'numeric' | 'tel' | 'email'; placeholder?: string } = {}) => (
    <Field label={t[f]} error={errors[`changes.${f}`]} className={extra.className ?? ''}>
      {(id, db) => (
        <TextInput id={id} aria-describedby={db} readOnly={readOnly} invalid={!!errors[`changes.${f}`]} value={form[f]} onChange={(e) => set(f, e.target.value)} {...(extra.inputMode ? { inputMode: extra.inputMode } : {})} {...(extra.placeholder ? { placeholder: extra.placeholder } : {})} />
      )}
    </Field>
  );

  return (
    <details className="mt-2 rounded-lg bg-sky-50/50 px-4 py-2 ring-1 ring-sky-200" data-testid="customer-editor" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary className="cursor-pointer font-medium text-sky-950">{t.title}</summary>
      <p className="mt-1 text-sm text-slate-600">{t.registered(`${clinicDate(r.createdAt)} ${clinicTime(r.createdAt)}`, r.createdByName)}</p>
      {r.mergedInto && <Banner tone="info">{t.merged}</Banner>}
      {!r.mergedInto && readOnly && <Banner tone="info">{t.readOnly}</Banner>}
      <div className="mt-2 grid grid-cols-4 gap-3">
        {saved && <div className="col-span-4"><Banner tone="success">{t.saved}</Banner></div>}
        {general && <div className="col-span-4"><Banner tone="error">{general}</Banner></div>}
        {text('name')}
        <Field label={t.sex} error={errors['changes.sex']}>
          {(id, db) => (
            <Select id={id} aria-describedby={db} disabled={readOnly} value={form.sex} onChange={(e) => set('sex', e.target.value)}>
              <option value="F">{c.female}</option>
              <option value="M">{c.male}</option>
            </Select>
          )}
        </Field>
        {text('age', { inputMode: 'numeric' })}
        {text('birthDate', { placeholder: 'YYYY-MM-DD' })}
        {text('phone', { inputMode: 'tel' })}
        {text('email', { inputMode: 'email' })}
        {text('occupation')}
        {text('disease')}
        {text('address', { className: 'col-span-3' })}
        <Field label={t.source} error={errors['changes.source']}>
          {(id, db) => (
            <Select id={id} aria-describedby={db} disabled={readOnly} value={form.source} onChange={(e) => set('source', e.target.value)}>
              <SourceOptions />
            </Select>
          )}
        </Field>
        {r.mayEditDirected && (
          <fieldset className="col-span-4 grid grid-cols-4 gap-3 rounded-md bg-white/60 p-2 ring-1 ring-slate-200">
            <legend className="px-1 text-sm font-medium text-slate-700">{t.directedTitle}</legend>
            {directedKeys.map((k) => (
              <Field key={k} label={t[k]} error={errors[`changes.directed.${k}`]} className={k === 'healthEnquiry' ? 'col-span-4' : ''}>
                {(id, db) => <TextInput id={id} aria-describedby={db} value={form.directed[k]} onChange={(e) => setForm({ ...form, directed: { ...form.directed, [k]: e.target.value } })} />}
              </Field>
            ))}
          </fieldset>
        )}
        {!readOnly && (
          <>
            <Field label={t.note} error={errors.note} className="col-span-3">
              {(id, db) => <TextInput id={id} aria-describedby={db} value={note} placeholder={t.notePlaceholder} onChange={(e) => setNote(e.target.value)} />}
            </Field>
            <div className="flex items-end">
              <Button variant="secondary" aria-busy={busy} onClick={() => !busy && void save()} data-testid="customer-save">
                {t.save}
              </Button>
            </div>
            {errors.changes && <div className="col-span-4"><Banner tone="error">{errors.changes}</Banner></div>}
          </>
        )}
      </div>
      <h4 className="mt-3 text-sm font-semibold text-slate-800">{t.history}</h4>
      <ul className="mt-1 space-y-1 text-sm text-slate-700" data-testid="customer-edits">
        {r.edits.length === 0 && <li className="text-slate-500">{t.noHistory}</li>}
        {r.edits.map((e) => (
          <li key={e.id}>
            <span className="font-medium">{t.edit(`${clinicDate(e.at)} ${clinicTime(e.at)}`, e.byName)}</span>
            {e.note && <span className="text-slate-500">{t.because(e.note)}</span>}
            <ul className="ml-4 list-disc">
              {e.changes.map((ch) => (
                <li key={ch.field}>{ch.hidden ? `${label(ch.field)}${t.hidden}` : t.change(label(ch.field), shown(ch.field, ch.from), shown(ch.field, ch.to))}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </details>
  );
}
