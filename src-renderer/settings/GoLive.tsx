import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useLocale, useText } from '../i18n/i18n';
import { goLiveText } from '../reference/i18n';
import { labelled } from '../i18n/common';
import { clinicDate, clinicTime } from '../../shared/time';
import { DateField } from '../ui/DateField';
import { showDate } from '../ui/dateText';
import { Banner, Button, Field } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import type { GoLiveView } from '../../shared/reference/schemas';

/** 上线日期 (issue 19): set by an admin on the version shown; 每周自查 is owed from it (src-main/reference/goLive.ts). */
export function GoLive({ canEdit }: { canEdit: boolean }) {
  const q = useQuery('clinic.goLive', {});
  return q.data ? <GoLiveForm view={q.data} canEdit={canEdit} onSave={(input) => api['clinic.setGoLive'](input)} /> : null;
}

/** The same field at head office (机构与科室): written online into the clinic's database (`headoffice.setGoLive`). */
export function HeadOfficeGoLive({ code }: { code: string }) {
  const q = useQuery('headoffice.goLive', { code });
  return q.data ? <GoLiveForm key={code} view={q.data} canEdit headOffice onSave={(input) => api['headoffice.setGoLive']({ code, ...input })} /> : null;
}

function GoLiveForm({ view, canEdit, headOffice = false, onSave }: { view: GoLiveView; canEdit: boolean; headOffice?: boolean; onSave: (input: { date: string; baseVersion: number }) => Promise<GoLiveView> }) {
  const t = useText(goLiveText);
  const locale = useLocale((s) => s.locale);
  const [date, setDate] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [latest, setLatest] = useState<GoLiveView | null>(null);
  const { errors, general, busy, send } = useSubmit();
  // Head office reads its pulled copy, which the consolidation brings back a moment after the save.
  const g = latest && (latest.goLive?.version ?? 0) > (view.goLive?.version ?? 0) ? latest : view;
  const value = date ?? g.goLive?.date ?? '';
  return (
    <section className="mt-6 space-y-2 border-t border-slate-200 pt-4" data-testid="go-live">
      <Field label={t.title} hint={(headOffice ? t.hoHintFor : t.hintFor)(showDate(g.setUpDay, locale))} error={errors.date ?? errors.baseVersion}>
        {(id, db) => (
          <div className="flex items-center gap-2">
            <DateField id={id} aria-describedby={db} className="w-56" min={g.setUpDay} disabled={!canEdit} invalid={!!errors.date} value={value} onChange={(e) => (setDate(e.target.value), setSaved(false))} />
            {canEdit && (
              <Button
                variant="secondary"
                className="whitespace-nowrap"
                disabled={busy || !value || value === g.goLive?.date}
                onClick={() => void send(async () => (setLatest(await onSave({ date: value, baseVersion: g.goLive?.version ?? 0 })), setDate(null), setSaved(true)))}
              >
                {t.save}
              </Button>
            )}
          </div>
        )}
      </Field>
      {general && <Banner tone="error">{general}</Banner>}
      {saved && <Banner tone="success">{t.saved}</Banner>}
      <p className="text-sm text-slate-600" data-testid="go-live-state">
        {g.goLive ? t.setBy(showDate(g.goLive.date, locale), g.goLive.setByName, `${clinicDate(g.goLive.setAt)} ${clinicTime(g.goLive.setAt)}`, g.goLive.version) : labelled(t.title, t.notSet)} · {t.countsFrom(showDate(g.countsFrom, locale))}
      </p>
    </section>
  );
}
