import { useState } from 'react';
import { api } from '../api/client';
import { useNow, useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { callOutcomes } from '../../shared/appointments/schemas';
import { callListDate } from '../../shared/appointments/rules';
import { clinicTime } from '../../shared/time';
import { Banner, Field, TextInput } from '../ui/ui';
import { apptText } from './appointmentText';
import { moveActive } from './ListKeys';
import { AppointmentListbox, useAppointmentList } from './AppointmentList';
import { labelled } from '../i18n/common';

/** The call results as coloured badges (issue 21): confirmed green, to change amber, cancelled or wrong red, no answer grey. */
const CALL_LOOK: Record<(typeof callOutcomes)[number], string> = {
  confirmed: 'bg-emerald-100 text-emerald-900',
  noAnswer: 'bg-slate-200 text-slate-800',
  rescheduled: 'bg-amber-100 text-amber-950',
  cancelled: 'bg-rose-100 text-rose-900',
  wrongNumber: 'bg-rose-200 text-rose-950',
};

/** 明日确认电话: tomorrow's booked visitors to call the day before; 1-5 records the outcome. */
export function CallList() {
  const t = useText(apptText);
  const day = callListDate(useNow(60_000));
  const list = useQuery('appointment.callList', { date: day });
  const state = useAppointmentList(list);
  const { rows, current, setActive, listRef, message, act } = state;
  const [note, setNote] = useState('');

  const record = async (outcome: (typeof callOutcomes)[number]) => {
    if (!current) return;
    await act(async () => {
      await api['appointment.recordCall']({ id: current.id, outcome, note });
      setNote('');
    }, labelled(current.name, t.outcome[outcome]));
  };

  return (
    <div className="space-y-3">
      <div className="flex items-baseline justify-between">
        <h3 className="text-lg font-bold text-slate-800">{t.callsTitle(day, rows.length)}</h3>
        <p className="text-sm text-slate-500">{t.callsHint}</p>
      </div>
      {message && <Banner tone={message.tone}>{message.text}</Banner>}
      <AppointmentListbox
        empty={list.data?.length === 0 ? t.noneCalls : null}
        state={state}
        label={t.tabCalls}
        rowTestId="call-row"
        below={(a) => (
          <p className="mt-1 flex items-center gap-2 pl-3 text-sm text-slate-600" data-testid="last-call">
            {a.lastCall ? (
              <>
                <span className="tabular-nums">{clinicTime(a.lastCall.at)}</span>
                <span className={`rounded px-1.5 font-bold ${CALL_LOOK[a.lastCall.outcome]}`} data-testid="call-badge" data-outcome={a.lastCall.outcome}>
                  {t.outcome[a.lastCall.outcome]}
                </span>
                {a.lastCall.note && <span>{a.lastCall.note}</span>}
              </>
            ) : (
              <span className="rounded bg-slate-100 px-1.5 text-slate-700" data-testid="call-badge" data-outcome="none">
                {t.notCalled}
              </span>
            )}
          </p>
        )}
        onKeyDown={(e) => {
          if (moveActive(e, rows.length, setActive)) return;
          const n = Number(e.key);
          if (n >= 1 && n <= callOutcomes.length) {
            e.preventDefault();
            void record(callOutcomes[n - 1]!);
          }
        }}
      />
      {current && (
        <div className="space-y-2 rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
          <Field label={t.callNote}>{(id, db) => <TextInput id={id} aria-describedby={db} value={note} onChange={(e) => setNote(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), listRef.current?.focus())} />}</Field>
          <div className="flex flex-wrap gap-2">
            {callOutcomes.map((o, i) => (
              <button key={o} type="button" className="rounded-lg border border-teal-700 bg-white px-3 py-1 text-teal-800 hover:bg-teal-50" onClick={() => void record(o)}>
                <kbd className="mr-1 text-xs opacity-70">{i + 1}</kbd>
                {t.outcome[o]}
              </button>
            ))}
          </div>
        </div>
      )}
    </div>
  );
}
