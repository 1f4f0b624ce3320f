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

/** 上线日期 (issue 19): set by an admin on the version shown; 每周自查 is owed from it (src-main/reference/goLive.ts). */
export function GoLive({ canEdit }: { canEdit: boolean }) {
  const t = useText(goLiveText);
  const locale = useLocale((s) => s.locale);
  const q = useQuery('clinic.goLive', {});
  const [date, setDate] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const { errors, general, busy, send } = useSubmit();
  const g = q.data;
  if (!g) return null;
  const value = date ?? g.goLive?.date ?? '';
  return (
    <section className="mt-6 space-y-2 border-t border-slate-200 pt-4" data-testid="go-live">
      <Field label={t.title} hint={t.hintFor(showDate(g.setUpDay, locale))} error={errors.date ?? errors.baseVersion}>
        {(id, db) => (
          <div className="flex items-center gap-2">
            <DateField id={id} aria-describedby={db} className="w-56" min={g.setUpDay} disabled={!canEdit} invalid={!!errors.date} value={value} onChange={(e) => (setDate(e.target.value), setSaved(false))} />
            {canEdit && (
              <Button
                variant="secondary"
                disabled={busy || !value || value === g.goLive?.date}
                onClick={() => void send(async () => (await api['clinic.setGoLive']({ date: value, baseVersion: g.goLive?.version ?? 0 }), setDate(null), setSaved(true)))}
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
