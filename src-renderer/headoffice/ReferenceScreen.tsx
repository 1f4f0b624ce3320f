import { useState } from 'react';
import { api } from '../api/client';
import { useQuery } from '../api/useQuery';
import { useLocale, useText } from '../i18n/i18n';
import { calendarTable, type CalendarTable, type Holiday } from '../../shared/reference/calendar';
import type { CalendarView } from '../../shared/headoffice/schemas';
import { clinicDate, clinicTime } from '../../shared/time';
import { Banner, Button, Field, Panel, Select, TabList, TextInput } from '../ui/ui';
import { checkWith } from '../ui/errors';
import { useSubmit } from '../ui/useSubmit';
import { headOfficeText } from './i18n';
import { ClinicForm } from '../settings/ClinicForm';
import { HeadOfficeGoLive } from '../settings/GoLive';
import { RosterPanel } from './RosterPanel';
import { ThresholdsPanel } from './ThresholdsForm';
import { ComplaintLimitsPanel } from './ComplaintLimitsForm';
import { TemplatesPanel } from './TemplatesPanel';
import { ClinicList } from './ClinicList';
import { CataloguePanel } from '../enquiries/Catalogue';
import { enquiryText } from '../enquiries/i18n';
import { ShiftRolloutPanel } from '../staff/HeadOffice';
import { staffHoText } from '../staff/hoText';
import { PlansPanel } from '../followup/HeadOfficeFollowup';
import { followupText } from '../followup/i18n';
import { DateField } from '../ui/DateField';

type Tab = 'calendar' | 'clinics' | 'roster' | 'templates' | 'shifts' | 'catalogue' | 'followupPlans';

/** 参考数据: what head office sets for every clinic: the working-day calendar, the clinics' settings. */
export function ReferenceScreen() {
  const t = useText(headOfficeText);
  const [tab, setTab] = useState<Tab>('calendar');
  const e = useText(enquiryText);
  const sh = useText(staffHoText);
  const f = useText(followupText);
  return (
    <div className="flex h-full flex-col gap-3">
      {/* The narrowest panel's column (the calendar's): the row, wrapping in English, never runs past the panel under it (layout.spec.ts). */}
      <div className="mx-auto w-full max-w-4xl">
        <TabList wrap label={t.reference} value={tab} onChange={setTab} tabs={[{ value: 'calendar', label: t.calendar }, { value: 'clinics', label: t.clinicsTab }, { value: 'roster', label: t.rosterTab }, { value: 'templates', label: t.templatesTab }, { value: 'shifts', label: sh.rolloutTab }, { value: 'catalogue', label: e.catTitle }, { value: 'followupPlans', label: f.plansTitle }]} />
      </div>
      <div role="tabpanel" className="min-h-0 flex-1">
        {tab === 'calendar' && <CalendarPanel />}
        {tab === 'clinics' && <ClinicsPanel />}
        {tab === 'roster' && <RosterTab />}
        {tab === 'templates' && <TemplatesPanel />}
        {tab === 'shifts' && <ShiftRolloutPanel />}
        {tab === 'catalogue' && <CataloguePanel />}
        {tab === 'followupPlans' && <PlansPanel />}
      </div>
    </div>
  );
}

function RosterTab() {
  const clinics = useQuery('headoffice.clinics', {});
  return clinics.data ? <RosterPanel clinics={clinics.data} /> : null;
}

/** Each clinic's settings, corrected online in the clinic's own database. */
function ClinicsPanel() {
  const t = useText(headOfficeText);
  return (
    <ClinicList label={t.clinicsTab}>
      {(current) => (
        <Panel title={`${current.code} · ${current.name}`} className="min-w-0 flex-1">
          <p className="mb-4 text-sm text-slate-500">{t.clinicOnline}</p>
          <ClinicForm key={current.code} clinic={current} canEdit onSave={(fields) => api['headoffice.clinicUpdate']({ code: current.code, ...fields })} />
          <HeadOfficeGoLive code={current.code} />
          <ThresholdsPanel clinic={current.code} />
          <ComplaintLimitsPanel clinic={current.code} />
        </Panel>
      )}
    </ClinicList>
  );
}

function CalendarPanel() {
  const t = useText(headOfficeText);
  const thisYear = Number(clinicDate(new Date()).slice(0, 4));
  const [year, setYear] = useState(thisYear + 1);
  const query = useQuery('headoffice.calendarGet', { year });
  return (
    <Panel
      title={`${t.reference} · ${t.calendar}`}
      className="mx-auto h-full max-w-4xl"
      actions={
        <label className="flex items-center gap-2">
          <span className="whitespace-nowrap text-sm text-slate-600">{t.year}</span>
          <Select aria-label={t.year} value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {[thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </Select>
        </label>
      }
    >
      <p className="mb-4 text-slate-600">{t.calendarIntro}</p>
      {/* A new year's table (or one saved elsewhere) starts a fresh form: keyed by what it edits. */}
      {query.data && <CalendarForm key={`${year}:${query.data.updatedAt ?? query.data.origin}`} view={query.data} />}
    </Panel>
  );
}

function CalendarForm({ view }: { view: CalendarView }) {
  const t = useText(headOfficeText);
  const locale = useLocale((s) => s.locale);
  const [holidays, setHolidays] = useState<Holiday[]>(view.holidays);
  const [workdays, setWorkdays] = useState<string[]>(view.workdays);
  const [source, setSource] = useState(view.source);
  const [saved, setSaved] = useState(false);
  const { errors, setErrors, general, busy, send } = useSubmit();

  const save = async () => {
    const input: CalendarTable = { year: view.year, holidays, workdays, source };
    const checked = checkWith(calendarTable, input, locale);
    setSaved(false);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    await send(async () => {
      await api['headoffice.calendarSave'](input);
      setSaved(true);
    });
  };
  const setHoliday = (i: number, patch: Partial<Holiday>) => setHolidays(holidays.map((h, j) => (j === i ? { ...h, ...patch } : h)));
  const fieldError = (path: string) => errors[path];

  return (
    <form
      className="space-y-5"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <p className="flex items-center gap-3" data-testid="calendar-origin">
        <span className={`rounded-full px-3 py-1 text-sm font-medium ${view.origin === 'saved' ? 'bg-emerald-100 text-emerald-900' : 'bg-amber-100 text-amber-900'}`}>{t.origin[view.origin]}</span>
        {view.updatedAt && <span className="text-sm text-slate-500">{t.updated(`${clinicDate(view.updatedAt)} ${clinicTime(view.updatedAt)}`, view.updatedByName ?? '')}</span>}
      </p>
      {view.origin === 'none' && <Banner tone="info">{t.noCalendarWarning}</Banner>}
      {general && <Banner tone="error">{general}</Banner>}
      {saved && <Banner tone="success">{t.saved}</Banner>}

      <fieldset className="space-y-2">
        <legend className="mb-2 text-lg font-bold">{t.holidays}</legend>
        {holidays.map((h, i) => (
          <div key={i} className="grid grid-cols-[1fr_1fr_1fr_auto] items-start gap-3">
            <Field label={t.holidayName} required error={fieldError(`holidays.${i}.name`)}>
              {(id, d) => <TextInput id={id} aria-describedby={d} invalid={!!fieldError(`holidays.${i}.name`)} value={h.name} onChange={(e) => setHoliday(i, { name: e.target.value })} />}
            </Field>
            <Field label={t.holidayFrom} required error={fieldError(`holidays.${i}.from`)}>
              {(id, d) => <DateField id={id} aria-describedby={d} invalid={!!fieldError(`holidays.${i}.from`)} value={h.from} onChange={(e) => setHoliday(i, { from: e.target.value })} />}
            </Field>
            <Field label={t.holidayTo} required error={fieldError(`holidays.${i}.to`)}>
              {(id, d) => <DateField id={id} aria-describedby={d} invalid={!!fieldError(`holidays.${i}.to`)} value={h.to} onChange={(e) => setHoliday(i, { to: e.target.value })} />}
            </Field>
            <Button variant="ghost" className="mt-7" aria-label={`${t.remove} ${h.name}`} onClick={() => setHolidays(holidays.filter((_, j) => j !== i))}>
              {t.remove}
            </Button>
          </div>
        ))}
        <Button variant="secondary" onClick={() => setHolidays([...holidays, { name: '', from: `${view.year}-01-01`, to: `${view.year}-01-01` }])}>
          {t.addHoliday}
        </Button>
      </fieldset>

      <fieldset className="space-y-2">
        <legend className="mb-2 text-lg font-bold">{t.workdays}</legend>
        <div className="flex flex-wrap items-start gap-3">
          {workdays.map((w, i) => (
            <div key={i} className="flex items-start gap-1">
              <Field label={`${t.workday} ${i + 1}`} error={fieldError(`workdays.${i}`)}>
                {(id, d) => <DateField id={id} aria-describedby={d} invalid={!!fieldError(`workdays.${i}`)} value={w} onChange={(e) => setWorkdays(workdays.map((x, j) => (j === i ? e.target.value : x)))} />}
              </Field>
              <Button variant="ghost" className="mt-7" aria-label={`${t.remove} ${w}`} onClick={() => setWorkdays(workdays.filter((_, j) => j !== i))}>
                ×
              </Button>
            </div>
          ))}
        </div>
        <Button variant="secondary" onClick={() => setWorkdays([...workdays, `${view.year}-01-01`])}>
          {t.addWorkday}
        </Button>
      </fieldset>

      <Field label={t.sourceText} error={errors.source}>
        {(id, d) => <TextInput id={id} aria-describedby={d} value={source} onChange={(e) => setSource(e.target.value)} />}
      </Field>
      <Button type="submit" disabled={busy} className="w-full py-3 text-lg">
        {t.save}
      </Button>
    </form>
  );
}
