import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { limitKeys, type ComplaintLimits } from '../../shared/complaints/rules';
import type { ComplaintLimitsView } from '../../shared/complaints/schemas';
import { Banner, Button, Field, TextArea, TextInput } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import { when } from '../complaints/format';
import { hoComplaintText } from './i18n';

/**
 * One clinic's complaint time limits (seeds 000/004 give stricter ones than the group's), set by
 * head office's 客服总监 or 总经理 online in the clinic's database (`headoffice.complaintLimitsSave`);
 * a limit left at the group's value is not stored, so the case keeps saying 集团标准 for it.
 */
export function ComplaintLimitsPanel({ clinic }: { clinic: string }) {
  const q = useQuery('headoffice.complaintLimits', { clinic });
  return q.data ? <LimitsForm key={`${clinic}-${q.data.updatedAt ?? ''}`} clinic={clinic} value={q.data} /> : null;
}

function LimitsForm({ clinic, value }: { clinic: string; value: ComplaintLimitsView }) {
  const t = useText(hoComplaintText);
  const [current, setCurrent] = useState(value);
  const [limits, setLimits] = useState<Record<string, string>>(Object.fromEntries(limitKeys.map((k) => [k, String(value.effective[k] ?? '')])));
  const [reason, setReason] = useState(value.reason ?? '');
  const [saved, setSaved] = useState(false);
  const { errors, general, busy, send } = useSubmit();
  const save = () =>
    send(async () => {
      setSaved(false);
      const out: Partial<ComplaintLimits> = {};
      for (const k of limitKeys) out[k] = Number(limits[k]);
      setCurrent(await api['headoffice.complaintLimitsSave']({ clinic, limits: out, reason }));
      setSaved(true);
    });
  return (
    <form
      className="mt-6 space-y-3 border-t border-slate-200 pt-4"
      aria-label={t.limitsTitle}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h3 className="text-lg font-bold">{t.limitsTitle}</h3>
      <p className="text-sm text-slate-500">{t.limitsIntro}</p>
      <div className="grid grid-cols-3 gap-3" data-testid="limits">
        {limitKeys.map((k) => {
          const own = current.clinic[k] !== undefined;
          return (
            <Field key={k} label={t.limitName[k] ?? k} required error={errors[`limits.${k}`]} hint={own ? t.limitOwn(current.group[k] ?? 0) : t.limitGroup}>
              {(id, d) => <TextInput id={id} aria-describedby={d} invalid={!!errors[`limits.${k}`]} inputMode="numeric" value={limits[k] ?? ''} onChange={(e) => setLimits({ ...limits, [k]: e.target.value.replace(/\D/g, '') })} />}
            </Field>
          );
        })}
      </div>
      <Field label={t.limitsReason} required error={errors.reason}>
        {(id, d) => <TextArea id={id} aria-describedby={d} rows={2} maxLength={500} invalid={!!errors.reason} value={reason} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      {current.updatedAt && <p className="text-sm text-slate-500">{t.limitsUpdated(when(current.updatedAt))}</p>}
      {/* Beside the button, where the eye is after saving; a refusal of who may set them names the whole of the limits. */}
      {general && <Banner tone="error">{general}</Banner>}
      {errors.limits && <Banner tone="error">{errors.limits}</Banner>}
      {saved && <Banner tone="success">{t.limitsSaved}</Banner>}
      <Button type="submit" disabled={busy}>
        {t.limitsSave}
      </Button>
    </form>
  );
}
