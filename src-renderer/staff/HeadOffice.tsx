import { useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useLocale, useText } from '../i18n/i18n';
import { commonText, labelled } from '../i18n/common';
import { ruleMessage } from '../i18n/ruleMessages';
import type { HeadOfficeClinic, Period } from '../../shared/headoffice/schemas';
import type { ShiftRolloutView, StaffCounts, StaffFigures, StaffSettingsView } from '../../shared/staff/schemas';
import { clinicTime } from '../../shared/time';
import { Banner, Button, Panel } from '../ui/ui';
import { fromApiError } from '../ui/errors';
import { saveFile } from '../ui/saveFile';
import { Failed } from '../headoffice/figures';
import { ClinicList } from '../headoffice/ClinicList';
import { fromRow, ShiftTypesEditor, toRow, type Row } from './MoreTabs';
import { useFeedback } from './feedback';
import { staffText } from './i18n';
import { staffHoText } from './hoText';

/** Head office's screens of the staff domain: the dashboard's 考勤与培训 section and the roll-out of shift types. */

const pct = (a: number, b: number) => (b > 0 ? `${Math.round((a / b) * 100)}%` : '—');
type Person = StaffFigures['clinics'][number]['people'][number];

function countCells(c: StaffCounts) {
  return [c.rostered, pct(c.present, c.rostered), c.late, c.lateMinutes, c.early, c.absent, c.leaveDays, c.away, c.awayUnagreed, c.finedYuan, c.trainings, pct(c.trainingPassed, c.trainingPassed + c.trainingFailed), c.meanScore ?? '—'];
}

function Table({ label, head, rows, testId }: { label: string; head: string[]; rows: { key: string; cells: ReactNode[]; open?: (() => void) | undefined; current?: boolean }[]; testId: string }) {
  const t = useText(staffHoText);
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" aria-label={label} data-testid={testId}>
        <thead>
          <tr className="text-left text-slate-500">
            {head.map((h, i) => (
              <th key={h} className={`whitespace-nowrap px-2 py-1 font-medium ${i > 1 ? 'text-right' : ''}`}>
                {h}
              </th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className={`border-t border-slate-100 ${r.current ? 'bg-teal-50' : ''}`}>
              {r.cells.map((v, i) => (
                <td key={i} className={`whitespace-nowrap px-2 py-1 ${i > 1 ? 'text-right tabular-nums' : ''}`}>
                  {v}
                </td>
              ))}
              <td className="px-2 py-1 text-right">
                {r.open && (
                  <button type="button" aria-label={labelled(t.open, String(r.cells[1] ?? r.cells[0]))} className="whitespace-nowrap rounded px-2 text-teal-700 hover:underline focus:ring-2 focus:ring-teal-600" onClick={r.open}>
                    {t.open}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** 考勤与培训 on head office's dashboard: the clinics, a clinic's people, a person's records; .xlsx of the whole. */
export function StaffFiguresSection({ period }: { period: Period }) {
  const t = useText(staffHoText);
  const c = useText(commonText);
  const locale = useLocale((s) => s.locale);
  const input = { from: period.from, to: period.to, clinic: period.clinic };
  const q = useQuery('attendance.figures', input);
  const [clinic, setClinic] = useState<string | null>(null);
  const [person, setPerson] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exportError, setExportError] = useState<string | null>(null);
  const data = q.data;
  const chosen = data?.clinics.find((x) => x.code === clinic) ?? null;
  const who = chosen?.people.find((p) => p.staffId === person) ?? null;
  const countHead = [t.rostered, t.presentRate, t.late, t.lateMinutes, t.early, t.absent, t.leaveDays, t.away, t.awayUnagreed, t.finedYuan, t.trainings, t.passRate, t.meanScore];
  const focus = (id: string) => document.getElementById(id)?.focus();
  const download = async () => {
    setExporting(true);
    setExportError(null);
    try {
      saveFile(await api['attendance.figuresXlsx'](input));
    } catch (err) {
      setExportError(fromApiError(err, locale, c.error).general);
    } finally {
      setExporting(false);
    }
  };
  return (
    <div className="space-y-3">
      <Failed error={q.error} />
      <Panel
        title={t.figuresTitle}
        actions={
          <Button disabled={exporting || !data} onClick={() => void download()}>
            {exporting ? t.exporting : t.exportXlsx}
          </Button>
        }
      >
        <div className="space-y-2 px-5 py-3">
          <p className="text-sm text-slate-500">{t.figuresHint}</p>
          {exportError && <Banner tone="error">{exportError}</Banner>}
          {data && (
            <Table
              label={t.byClinic}
              testId="staff-figures-clinics"
              head={[t.clinic, '', t.people, ...countHead]}
              rows={data.clinics.map((k) => ({
                key: k.code,
                current: k.code === clinic,
                cells: [k.code, k.name, k.people.length, ...countCells(k.totals)],
                open: () => {
                  flushSync(() => {
                    setClinic(k.code);
                    setPerson(null);
                  });
                  focus('staff-figures-people');
                },
              }))}
            />
          )}
        </div>
      </Panel>
      {chosen && (
        <Panel title={<span id="staff-figures-people" tabIndex={-1} className="outline-none">{t.byPerson(`${chosen.code} · ${chosen.name}`)}</span>} actions={<Button variant="ghost" onClick={() => setClinic(null)}>{t.close}</Button>}>
          <div className="px-5 py-3">
            {chosen.people.length === 0 ? (
              <p className="text-sm text-slate-500">{t.noneInSpan}</p>
            ) : (
              <Table
                label={t.byPerson(chosen.code)}
                testId="staff-figures-people"
                head={[t.role, t.name, ...countHead]}
                rows={chosen.people.map((p) => ({
                  key: p.staffId,
                  current: p.staffId === person,
                  cells: [c.role[p.role] ?? p.role, p.name, ...countCells(p.counts)],
                  open: () => {
                    flushSync(() => setPerson(p.staffId));
                    focus('staff-figures-records');
                  },
                }))}
              />
            )}
          </div>
        </Panel>
      )}
      {who && <PersonRecords person={who} onClose={() => setPerson(null)} />}
    </div>
  );
}

function PersonRecords({ person, onClose }: { person: Person; onClose(): void }) {
  const t = useText(staffHoText);
  const section = (title: string, body: ReactNode, empty: boolean) => (
    <section className="mb-4">
      <h4 className="mb-1 font-bold">{title}</h4>
      {empty ? <p className="text-sm text-slate-500">{t.noneInSpan}</p> : body}
    </section>
  );
  const simple = (head: string[], rows: ReactNode[][], label: string) => (
    <table className="w-full text-sm" aria-label={label}>
      <thead>
        <tr className="text-left text-slate-500">
          {head.map((h) => (
            <th key={h} className="px-2 py-1 font-medium">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} className="border-t border-slate-100">
            {r.map((v, j) => (
              <td key={j} className="px-2 py-1">
                {v}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <Panel title={<span id="staff-figures-records" tabIndex={-1} className="outline-none">{t.records(person.name)}</span>} actions={<Button variant="ghost" onClick={onClose}>{t.close}</Button>}>
      <div className="px-5 py-3" data-testid="staff-figures-records">
        {section(t.daysTitle, simple([t.date, t.shift, t.situation, t.minutes], person.days.map((d) => [d.date, d.code === 'DAY' ? t.allDay : d.code, t.state[d.state], d.lateMinutes + d.earlyMinutes || '']), t.daysTitle), person.days.length === 0)}
        {section(t.finesTitle, simple([t.date, t.situation, t.minutes, '', t.finedYuan], person.fines.map((f) => [f.date, t.fineKind[f.kind], f.minutes || '', t.fineStatus[f.status], t.yuan(f.amountYuan)]), t.finesTitle), person.fines.length === 0)}
        {section(t.trainingTitle, simple([t.date, t.topic, t.trainer, t.score, ''], person.trainings.map((x) => [x.date, x.topic, x.trainer, x.score ?? '—', x.passed === null ? t.passed.none : x.passed ? t.passed.yes : t.passed.no]), t.trainingTitle), person.trainings.length === 0)}
        {section(t.awayTitle, simple([t.date, t.minutes, t.reason, t.agreedBy], person.away.map((a) => [`${a.from.slice(0, 10)} ${clinicTime(a.from)}–${clinicTime(a.to)}`, a.minutes, a.reason, a.agreedBy ?? t.awayNotAgreed]), t.awayTitle), person.away.length === 0)}
      </div>
    </Panel>
  );
}

/** 班次下发: head office edits shift types starting from a clinic's current ones and rolls them out. */
export function ShiftRolloutPanel() {
  const t = useText(staffHoText);
  return <ClinicList label={t.rolloutTab} width="w-40" maxWidth="max-w-none">{(current, all) => <ClinicRollout key={current.code} clinic={current} clinics={all} />}</ClinicList>;
}

function ClinicRollout({ clinic, clinics }: { clinic: HeadOfficeClinic; clinics: HeadOfficeClinic[] }) {
  const q = useQuery('rota.clinicShiftTypes', { clinic: clinic.code });
  // The results outlive the form, which starts afresh when the rolled-out version comes back with the consolidated copy.
  const [results, setResults] = useState<ShiftRolloutView['results'] | null>(null);
  if (!q.data) return <Failed error={q.error} />;
  return (
    <div className="flex min-w-0 flex-1 flex-col gap-3">
      {results && <RolloutResults results={results} clinics={clinics} />}
      <RolloutForm key={`${q.data.shiftTypesVersion}${q.data.updatedAt}`} clinic={clinic} clinics={clinics} settings={q.data} setResults={setResults} />
    </div>
  );
}

function RolloutResults({ results, clinics }: { results: ShiftRolloutView['results']; clinics: HeadOfficeClinic[] }) {
  const t = useText(staffHoText);
  const c = useText(commonText);
  const locale = useLocale((x) => x.locale);
  const why = (r: ShiftRolloutView['results'][number]) => ruleMessage(r.rule ?? undefined, r.params ?? undefined, locale) ?? (r.code ? ((c.error as Record<string, string>)[r.code] ?? r.code) : '');
  const failed = results.filter((r) => !r.ok).length;
  return (
    <div id="shift-rollout-results" tabIndex={-1} className="rounded-xl bg-white p-3 shadow-sm outline-none ring-1 ring-slate-200 focus:ring-2 focus:ring-teal-600" data-testid="shift-rollout-results">
      <Banner tone={failed ? 'error' : 'success'}>{failed ? t.partly(results.length - failed, failed) : t.done(results.length)}</Banner>
      <ul className="mt-2 space-y-1 text-sm">
        {results.map((r) => (
          <li key={r.clinic} className={r.ok ? 'text-emerald-800' : 'text-rose-800'}>
            {r.ok ? '✓' : '✗'} {labelled(`${r.clinic} · ${clinics.find((k) => k.code === r.clinic)?.name ?? ''}`, r.ok ? t.savedAs(r.version ?? 0) : t.failed(why(r)))}
          </li>
        ))}
      </ul>
    </div>
  );
}

function RolloutForm({ clinic, clinics, settings, setResults }: { clinic: HeadOfficeClinic; clinics: HeadOfficeClinic[]; settings: StaffSettingsView; setResults(r: ShiftRolloutView['results'] | null): void }) {
  const t = useText(staffHoText);
  const s = useText(staffText);
  const f = useFeedback(s.settingsWhere);
  const [rows, setRows] = useState<Row[]>(settings.shiftTypes.map(toRow));
  const [targets, setTargets] = useState<string[]>([clinic.code]);
  const [noTarget, setNoTarget] = useState(false);
  const [busy, setBusy] = useState(false);
  const bad = (prefix: string) => !!f.field && (f.field === prefix || f.field.startsWith(`${prefix}.`));
  const submit = async () => {
    if (!targets.length) {
      setNoTarget(true);
      return;
    }
    setBusy(true);
    setResults(null);
    try {
      const r = await api['rota.rollOutShiftTypes']({ shiftTypes: rows.map(fromRow), targets });
      f.ok('');
      flushSync(() => setResults(r.results));
      document.getElementById('shift-rollout-results')?.focus();
    } catch (err) {
      f.fail(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel title={t.rolloutTitle(clinic.code, clinic.name)} actions={<p className="text-sm text-slate-600" data-testid="rollout-current">{t.current(settings.shiftTypesVersion, settings.shiftTypesByHeadOffice)}</p>} className="min-w-0 flex-1 overflow-auto">
      <form
        className="space-y-4 px-5 py-3"
        aria-label={t.rolloutTab}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <p className="text-sm text-slate-500">{t.rolloutIntro}</p>
        <div className="overflow-x-auto">
          <ShiftTypesEditor rows={rows} onChange={setRows} editable bad={bad} />
        </div>
        <fieldset className="rounded-lg bg-slate-50 p-3 ring-1 ring-slate-200">
          <legend className="px-1 font-medium">{t.targets}</legend>
          <div className="mb-2 flex gap-2">
            <Button variant="ghost" className="px-2 py-1 text-sm" onClick={() => setTargets([clinic.code])}>
              {t.onlyThis(clinic.code)}
            </Button>
            <Button variant="ghost" className="px-2 py-1 text-sm" onClick={() => setTargets(clinics.map((k) => k.code))}>
              {t.all(clinics.length)}
            </Button>
          </div>
          <div className="flex flex-wrap gap-x-5 gap-y-1">
            {clinics.map((k) => (
              <label key={k.code} className="flex items-center gap-2">
                <input type="checkbox" checked={targets.includes(k.code)} onChange={(e) => setTargets(e.target.checked ? [...targets, k.code] : targets.filter((x) => x !== k.code))} />
                <span>
                  <b>{k.code}</b> · {k.name}
                </span>
              </label>
            ))}
          </div>
          {noTarget && targets.length === 0 && <p className="mt-1 text-sm text-rose-700">{t.chooseClinic}</p>}
        </fieldset>
        <Button type="submit" disabled={busy}>
          {busy ? t.rollingOut : t.rollOut}
        </Button>
        {f.view}
      </form>
    </Panel>
  );
}
