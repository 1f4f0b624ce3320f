import { useEffect, useId, useRef, useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useLocale, useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { adminRoles } from '../../shared/reference/schemas';
import { clinicDate, isCalendarDate } from '../../shared/time';
import { useShell } from '../shell/store';
import { Banner, Field } from '../ui/ui';
import { fromApiError } from '../ui/errors';
import { apptText } from './appointmentText';
import { moveActive } from './ListKeys';
import { DateField } from '../ui/DateField';

/** 排班: who is on duty on a day; triage offers only them. Desk leads and managers edit it. */
export function DutyRoster() {
  const t = useText(apptText);
  const c = useText(commonText);
  const locale = useLocale((s) => s.locale);
  const role = useShell((s) => s.status?.operator?.role);
  const mayEdit = !!role && adminRoles.includes(role);
  const [date, setDate] = useState(() => clinicDate(new Date()));
  const day = useQuery('duty.day', isCalendarDate(date) ? { date } : {});
  const [active, setActive] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const listId = useId();
  const rows = day.data?.staff ?? [];
  const current = rows[Math.min(active, rows.length - 1)];

  useEffect(() => {
    listRef.current?.focus();
  }, []);

  const toggle = async (staffId: string, onDuty: boolean) => {
    if (!mayEdit) return;
    try {
      await api['duty.set']({ date, staffId, onDuty });
      setError(null);
    } catch (err) {
      const r = fromApiError(err, locale, c.error);
      setError(r.general ?? Object.values(r.fields).join(' '));
    }
    day.reload();
    listRef.current?.focus();
  };

  return (
    <div className="space-y-3">
      <div className="flex items-end justify-between gap-4">
        <h3 className="text-lg font-bold text-slate-800">{t.dutyTitle(date)}</h3>
        <Field label={t.dutyDate}>{(id) => <DateField id={id} value={date} onChange={(e) => setDate(e.target.value)} className="w-52" />}</Field>
      </div>
      <p className="text-sm text-slate-500">{mayEdit ? t.dutyHint : day.data?.rosterSet ? t.onDutyOnly : t.noRoster}</p>
      {error && <Banner tone="error">{error}</Banner>}
      <ul
        ref={listRef}
        id={listId}
        role="listbox"
        tabIndex={0}
        aria-label={t.tabDuty}
        aria-activedescendant={current ? `${listId}-${current.staffId}` : undefined}
        className="grid grid-cols-2 gap-2 rounded-lg outline-offset-4 focus-visible:outline-3 focus-visible:outline-teal-500"
        onKeyDown={(e) => {
          if (moveActive(e, rows.length, setActive) || !current) return;
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            void toggle(current.staffId, !current.onDuty);
          }
        }}
      >
        {/* Inside the list, which keeps the focus: its ring goes round this sentence, not an empty box (issue 21). */}
        {rows.length === 0 && <li role="presentation" className="col-span-2 py-8 text-center text-slate-500" data-testid="list-empty">{t.dutyNone}</li>}
        {rows.map((s, i) => (
          <li
            key={s.staffId}
            id={`${listId}-${s.staffId}`}
            role="option"
            aria-selected={s === current}
            data-testid="duty-row"
            data-on-duty={s.onDuty}
            onMouseDown={(e) => (e.preventDefault(), setActive(i), listRef.current?.focus())}
            onDoubleClick={() => void toggle(s.staffId, !s.onDuty)}
            className={`flex items-center gap-3 rounded-lg px-3 py-2 ring-1 ${s === current ? 'ring-2 ring-teal-700' : 'ring-slate-200'} ${s.onDuty ? 'bg-emerald-50' : 'bg-white'}`}
          >
            <span className="text-lg font-bold">{s.name}</span>
            <span className="text-sm text-slate-600">{c.role[s.role as keyof typeof c.role]}</span>
            <span className={`ml-auto rounded px-2 text-sm font-bold ${s.onDuty ? 'bg-emerald-600 text-white' : 'bg-slate-200 text-slate-700'}`}>{s.onDuty ? t.onDuty : t.offDuty}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
