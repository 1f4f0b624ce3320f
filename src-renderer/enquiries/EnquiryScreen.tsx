import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useText } from '../i18n/i18n';
import { checkVerdicts, type CheckVerdict, type EnquiryView } from '../../shared/enquiries/schemas';
import { checkerRoles } from '../../shared/enquiries/rules';
import { useShell } from '../shell/store';
import { clinicDate, clinicTime } from '../../shared/time';
import { Banner, Button, Choice, Field, Panel, RowPanel, TabList, TextArea } from '../ui/ui';
import { useSubmit } from '../ui/useSubmit';
import { EnquiryForm } from './EnquiryForm';
import { Funnel } from './Funnel';
import { ImportSheet } from './Import';
import { Recalls } from './Recalls';
import { Sheets } from './Sheets';
import { BookPanel } from './Book';
import { enquiryText } from './i18n';

type Tab = 'record' | 'due' | 'recalls' | 'funnel' | 'sheets' | 'import';

/** 咨询: register enquiries and today's list on the left; what waits for an answer, or the figures, on the right. */
export function EnquiryScreen() {
  const t = useText(enquiryText);
  const [tab, setTab] = useState<Tab>('due');
  return (
    <div className="grid h-full grid-cols-5 gap-4">
      <Panel title={t.tabRecord} className="col-span-2">
        <EnquiryForm />
      </Panel>
      <Panel
        className="col-span-3"
        title={
          <TabList
            label={t.tabs}
            value={tab}
            onChange={setTab}
            tabs={[
              { value: 'due', label: t.tabDue },
              { value: 'record', label: t.tabToday },
              { value: 'recalls', label: t.tabRecalls },
              { value: 'funnel', label: t.tabFunnel },
              { value: 'sheets', label: t.tabSheets },
              { value: 'import', label: t.tabImport },
            ]}
          />
        }
      >
        {tab === 'due' && <DueList />}
        {tab === 'record' && <TodayList />}
        {tab === 'recalls' && <Recalls />}
        {tab === 'funnel' && <Funnel />}
        {tab === 'sheets' && <Sheets />}
        {tab === 'import' && <ImportSheet />}
      </Panel>
    </div>
  );
}

function TodayList() {
  const t = useText(enquiryText);
  const rows = useQuery('enquiry.list', {}).data ?? [];
  return <EnquiryList title={t.todayTitle(rows.length)} none={t.none} testId="enquiry-list" rows={rows} />;
}

function DueList() {
  const t = useText(enquiryText);
  const rows = useQuery('enquiry.due', {}).data ?? [];
  return <EnquiryList title={t.dueTitle(rows.length)} none={t.noneDue} testId="enquiry-due" rows={rows} />;
}

function EnquiryList({ title, none, testId, rows }: { title: string; none: string; testId: string; rows: EnquiryView[] }) {
  return (
    <section aria-label={title}>
      <h3 className="mb-2 font-semibold text-slate-800">{title}</h3>
      {rows.length === 0 && <p className="text-slate-500">{none}</p>}
      <ul className="space-y-2" data-testid={testId}>
        {rows.map((e) => (
          <EnquiryRow key={e.id} e={e} />
        ))}
      </ul>
    </section>
  );
}

const stateLook: Record<string, string> = { overdue: 'bg-rose-100 text-rose-800', due: 'bg-amber-100 text-amber-900', open: 'bg-sky-100 text-sky-900', answered: 'bg-emerald-100 text-emerald-900' };

function EnquiryRow({ e }: { e: EnquiryView }) {
  const t = useText(enquiryText);
  const [open, setOpen] = useState<'book' | 'answer' | 'check' | null>(null);
  const operator = useShell((s) => s.status?.operator ?? null);
  const mayCheck = !!operator && checkerRoles.includes(operator.role) && operator.id !== e.consultantId;
  const when = (iso: string) => `${clinicDate(iso)} ${clinicTime(iso)}`;
  return (
    <li className="rounded-lg px-3 py-2 ring-1 ring-slate-200" data-testid="enquiry-row">
      <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <span className="text-sm text-slate-500">{clinicTime(e.at)}</span>
        <span className="rounded bg-slate-100 px-2 text-sm">{t.channels[e.channel]}</span>
        <span className="font-bold">{e.name}</span>
        <span className="text-slate-600">{e.phone || e.contact}</span>
        <span className={`rounded px-2 text-sm ${stateLook[e.dueState]}`}>{e.appointmentId ? t.outcomes.booked : t.outcomes[e.outcome.kind]}</span>
        {e.dueState !== 'answered' && <span className={`rounded px-2 text-sm ${stateLook[e.dueState]}`}>{t.dueLine(t.dueStates[e.dueState] ?? e.dueState, when(e.dueAt))}</span>}
        {e.appointment && <span className="text-sm text-teal-800">{t.booked(e.appointment.date, e.appointment.time)}</span>}
        {e.appointment && <span className={`rounded px-2 text-sm ${e.visitId ? 'bg-emerald-100 text-emerald-900' : 'bg-slate-100'}`}>{e.visitId ? t.arrived : t.notArrived}</span>}
        <span className="text-sm text-slate-500">{t.by(e.consultantName)}</span>
        {e.check && (
          <span className={`rounded px-2 text-sm ${e.check.verdict === 'ok' ? 'bg-emerald-50 text-emerald-900' : 'bg-rose-100 text-rose-800'}`} title={e.check.note} data-testid="enquiry-check">
            {t.checked(t.verdicts[e.check.verdict] ?? e.check.verdict, e.check.byName)}
          </span>
        )}
      </div>
      <p className="mt-1 text-slate-800">{e.question}</p>
      {e.items.length > 0 && <p className="text-sm text-slate-600">{e.items.join('、')}</p>}
      {e.answer && <p className="mt-1 text-sm text-slate-700">{e.answer}</p>}
      {(!e.appointmentId || mayCheck) && (
        <div className="mt-1 flex gap-2">
          {!e.appointmentId && e.customerId && (
            <Button variant="secondary" onClick={() => setOpen(open === 'book' ? null : 'book')}>
              {t.book}
            </Button>
          )}
          {!e.appointmentId && (
            <Button variant="ghost" onClick={() => setOpen(open === 'answer' ? null : 'answer')}>
              {t.answerAction}
            </Button>
          )}
          {mayCheck && (
            <Button variant="ghost" onClick={() => setOpen(open === 'check' ? null : 'check')}>
              {t.spotCheck}
            </Button>
          )}
        </div>
      )}
      {open === 'check' && <CheckPanel e={e} onClose={() => setOpen(null)} />}
      {open === 'book' && <BookPanel e={e} onClose={() => setOpen(null)} />}
      {open === 'answer' && <AnswerPanel e={e} onClose={() => setOpen(null)} />}
    </li>
  );
}

function CheckPanel({ e, onClose }: { e: EnquiryView; onClose(): void }) {
  const t = useText(enquiryText);
  const [verdict, setVerdict] = useState<CheckVerdict>(e.check?.verdict ?? 'ok');
  const [note, setNote] = useState(e.check?.note ?? '');
  const { errors, general, busy, send } = useSubmit();
  const save = () =>
    send(async () => {
      await api['enquiry.spotCheck']({ id: e.id, verdict, note });
      onClose();
    });
  return (
    <RowPanel label={t.spotTitle(e.name)} testId="enquiry-spot-check" onClose={onClose} onSubmit={() => void save()}>
      {general && <Banner tone="error">{general}</Banner>}
      <Choice name={`verdict-${e.id}`} label={t.verdict} value={verdict} onChange={setVerdict} options={checkVerdicts.map((v) => ({ value: v, label: t.verdicts[v] ?? v }))} />
      <Field label={t.spotNote} error={errors.note ?? errors.id ?? errors.role}>
        {(id, db) => <TextArea id={id} aria-describedby={db} rows={2} value={note} onChange={(ev) => setNote(ev.target.value)} />}
      </Field>
      <div className="flex gap-2">
        <Button aria-busy={busy} onClick={() => !busy && void save()}>
          {t.spotSave}
        </Button>
        <Button variant="ghost" onClick={onClose}>
          {t.cancel}
        </Button>
      </div>
    </RowPanel>
  );
}

function AnswerPanel({ e, onClose }: { e: EnquiryView; onClose(): void }) {
  const t = useText(enquiryText);
  const [answer, setAnswer] = useState(e.answer);
  const { errors, general, busy, send } = useSubmit();
  const save = () =>
    send(async () => {
      await api['enquiry.answer']({ id: e.id, answer, outcome: { kind: 'answered' } });
      onClose();
    });
  return (
    <RowPanel label={t.answerTitle(e.name)} testId="enquiry-answer" onClose={onClose} onSubmit={() => void save()}>
      {general && <Banner tone="error">{general}</Banner>}
      <Field label={t.answer} error={errors.answer ?? errors.id}>
        {(id, db) => <TextArea id={id} aria-describedby={db} rows={2} value={answer} onChange={(ev) => setAnswer(ev.target.value)} />}
      </Field>
      <div className="flex gap-2">
        <Button aria-busy={busy} onClick={() => !busy && void save()}>
          {t.saveAnswer}
        </Button>
        <Button variant="ghost" onClick={onClose}>
          {t.cancel}
        </Button>
      </div>
    </RowPanel>
  );
}
