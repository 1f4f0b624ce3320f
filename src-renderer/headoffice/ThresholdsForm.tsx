import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { inspectionKinds } from '../../shared/inspection/rules';
import type { Thresholds } from '../../shared/headoffice/schemas';
import { Banner, Button, Field, TextInput } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import { headOfficeText } from './i18n';
import { inspectionText } from '../inspection/i18n';

/** A clinic's tea refill interval and penalty rules, set by head office (online, in the clinic's own settings). */
export function ThresholdsPanel({ clinic }: { clinic: string }) {
  const q = useQuery('headoffice.thresholds', { clinic });
  return q.data ? <ThresholdsForm key={clinic} value={q.data} /> : null;
}

function ThresholdsForm({ value }: { value: Thresholds }) {
  const t = useText(headOfficeText);
  const it = useText(inspectionText);
  const [refill, setRefill] = useState(String(value.refillMinutes));
  const [lookback, setLookback] = useState(String(value.inspection.penaltyWindowMonths));
  const [flat, setFlat] = useState(value.inspection.flatAmount === null ? '' : String(value.inspection.flatAmount));
  const [kinds, setKinds] = useState(value.inspection.flatKinds);
  const [saved, setSaved] = useState(false);
  const { errors, general, busy, send } = useSubmit();
  const save = () =>
    send(async () => {
      setSaved(false);
      await api['headoffice.thresholdsSave']({
        clinic: value.clinic,
        refillMinutes: Number(refill),
        inspection: { penaltyWindowMonths: Number(lookback), flatAmount: flat === '' ? null : Number(flat), flatKinds: kinds },
      });
      setSaved(true);
    });
  return (
    <form
      className="mt-6 space-y-3 border-t border-slate-200 pt-4"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 className="text-lg font-bold">{t.thresholds}</h3>
      {general && <Banner tone="error">{general}</Banner>}
      {saved && <Banner tone="success">{t.thresholdsSaved}</Banner>}
      <div className="grid grid-cols-3 gap-3">
        <Field label={t.refillMinutes} required error={errors.refillMinutes}>
          {(id, d) => <TextInput id={id} aria-describedby={d} invalid={!!errors.refillMinutes} inputMode="numeric" value={refill} onChange={(e) => setRefill(e.target.value.replace(/\D/g, ''))} />}
        </Field>
        <Field label={t.penaltyWindow} required error={errors['inspection.penaltyWindowMonths']}>
          {(id, d) => <TextInput id={id} aria-describedby={d} invalid={!!errors['inspection.penaltyWindowMonths']} inputMode="numeric" value={lookback} onChange={(e) => setLookback(e.target.value.replace(/\D/g, ''))} />}
        </Field>
        <Field label={t.flatAmount} error={errors['inspection.flatAmount']} hint={t.flatAmountHint}>
          {(id, d) => <TextInput id={id} aria-describedby={d} invalid={!!errors['inspection.flatAmount']} inputMode="numeric" value={flat} onChange={(e) => setFlat(e.target.value.replace(/\D/g, ''))} />}
        </Field>
      </div>
      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-1 text-sm font-medium text-slate-700">{t.flatKinds}</legend>
        {inspectionKinds.map((k) => (
          <label key={k} className="flex items-center gap-2">
            <input type="checkbox" checked={kinds.includes(k)} onChange={(e) => setKinds(e.target.checked ? [...kinds, k] : kinds.filter((x) => x !== k))} />
            {it.kind[k]}
          </label>
        ))}
      </fieldset>
      <Button type="submit" disabled={busy}>
        {t.thresholdsSave}
      </Button>
    </form>
  );
}
