import { useEffect, useId, useRef, useState } from 'react';
import { api, onChange } from '../api/client';
import { useLocale, useText } from '../i18n/i18n';
import { ApiError } from '../../shared/errors';
import { fieldMessage } from '../i18n/fieldMessages';
import { ruleMessage } from '../i18n/ruleMessages';
import { commonText } from '../i18n/common';
import type { CustomerHit } from '../../shared/desk/schemas';
import { isSearchableQuery } from '../../shared/desk/rules';
import { clinicDate, clinicTime } from '../../shared/time';
import { deskText } from '../desk/i18n';

const RETRIES = 20;
const RETRY_MS = 500;
/** Document types whose change may change a shown row (a visit, its events, the record itself). */
const refreshedBy = ['visit', 'visit-event', 'customer'];
/** The 在候 / 咨询中 / 已离院 tag's colours: waiting amber (she needs the door), with staff sky, gone grey. */
const placeColour: Record<NonNullable<CustomerHit['today']>['where'], string> = {
  waiting: 'bg-amber-100 text-amber-900',
  withConsultant: 'bg-sky-100 text-sky-900',
  inTreatment: 'bg-sky-100 text-sky-900',
  left: 'bg-slate-100 text-slate-700',
};

/** 在候 3 号 · 10:05 起 / 咨询中 · 10:20 起 / 治疗中 · … / 已离院 · 11:30 (issue 21). */
function placeText(t: (typeof deskText)['zh-CN'], p: NonNullable<CustomerHit['today']>): string {
  const time = clinicTime(p.since);
  if (p.where === 'waiting') return t.todayWaiting(p.queueLabel, time);
  if (p.where === 'withConsultant') return t.todayWithConsultant(time);
  if (p.where === 'inTreatment') return t.todayInTreatment(time);
  return t.todayLeft(time);
}

/** Finds a returning customer as the guide types (name or 4+ phone digits): a keyboard listbox. */
export function CustomerLookup({ onPick, inputRef }: { onPick(hit: CustomerHit): void; inputRef: React.RefObject<HTMLInputElement | null> }) {
  const t = useText(deskText);
  const c = useText(commonText);
  const [query, setQuery] = useState('');
  const [result, setResult] = useState<{ query: string; hits: CustomerHit[]; refused?: string; failed?: boolean; loading?: string } | null>(null);
  const locale = useLocale((l) => l.locale);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const listId = useId();
  const ticket = useRef(0);
  // A check-in (here or at another desk, by replication) changes what the rows say (在候 N 号, the
  // visit count): the shown query is asked again when the main process announces one (issue 21).
  const [fresh, setFresh] = useState(0);
  const answered = useRef<string | null>(null);
  const searchable = isSearchableQuery(query);
  // Results belong to the query they answer: stale ones (an older keystroke) are never shown.
  const hits = searchable && !dismissed && result?.query === query ? result.hits : null;

  useEffect(() => {
    if (!searchable) return;
    const mine = ++ticket.current;
    let timer: ReturnType<typeof setTimeout>;
    // A search that failed (the host busy, a call racing the operator switch) is no answer: it is
    // said as such and tried again, never shown as 没有找到 for a customer who is on file.
    const attempt = (tries: number) => {
      api['customer.search']({ query, limit: 8 })
        .then((found) => {
          if (mine !== ticket.current) return;
          setResult({ query, hits: found });
          // The highlighted row stays where it was when only the answer was refreshed.
          if (answered.current !== query) setActive(0);
          answered.current = query;
        })
        .catch((err: unknown) => {
          if (mine !== ticket.current) return;
          // Still loading the customer records (a start with many customers): said with how far
          // it is, and asked again until it answers.
          if (err instanceof ApiError && err.code === 'unavailable') {
            setResult({ query, hits: [], loading: ruleMessage(err.rule, err.params, locale) ?? commonText[locale].error.unavailable });
            timer = setTimeout(() => attempt(tries), RETRY_MS);
            return;
          }
          // A refusal (e.g. too many phone searches) is said in the list and not retried.
          if (err instanceof ApiError && err.field === 'query') {
            setResult({ query, hits: [], refused: fieldMessage(err.message.replace('query: ', ''), locale) });
            return;
          }
          setResult({ query, hits: [], failed: true });
          if (tries < RETRIES) timer = setTimeout(() => attempt(tries + 1), RETRY_MS);
        });
    };
    timer = setTimeout(() => attempt(0), answered.current === query ? 0 : 120);
    return () => clearTimeout(timer);
  }, [query, searchable, locale, fresh]);

  useEffect(() => {
    if (!searchable || dismissed) return;
    return onChange((event) => {
      if (event.types.some((type) => refreshedBy.includes(type))) setFresh((n) => n + 1);
    });
  }, [searchable, dismissed]);

  const pick = (hit: CustomerHit | undefined) => {
    if (!hit) return;
    onPick(hit);
    setQuery('');
  };

  return (
    <div className="relative">
      <label htmlFor={`${listId}-input`} className="text-sm font-medium text-slate-700">
        {t.lookup} <kbd className="ml-1 rounded bg-slate-200 px-1 text-xs">F2</kbd>
      </label>
      <input
        ref={inputRef}
        id={`${listId}-input`}
        role="combobox"
        aria-expanded={!!hits?.length}
        aria-controls={listId}
        aria-activedescendant={hits?.length ? `${listId}-${active}` : undefined}
        aria-describedby={`${listId}-hint`}
        autoComplete="off"
        className="mt-1 w-full rounded-lg border-2 border-teal-600 bg-white px-3 py-2 text-lg"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setDismissed(false);
        }}
        onKeyDown={(e) => {
          if (!hits?.length) return;
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(hits.length - 1, a + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            pick(hits[active]);
          } else if (e.key === 'Escape') setDismissed(true);
        }}
      />
      <p id={`${listId}-hint`} className="mt-1 text-sm text-slate-500">
        {t.lookupHint}
      </p>
      {hits && (
        <ul id={listId} role="listbox" aria-label={t.lookup} className="absolute z-10 mt-1 w-full overflow-hidden rounded-lg bg-white shadow-lg ring-1 ring-slate-300">
          {hits.length === 0 && (
            <li className="px-4 py-3 text-slate-500" role={result?.refused || result?.failed ? 'alert' : result?.loading ? 'status' : undefined}>
              {result?.loading ?? result?.refused ?? (result?.failed ? t.lookupFailed : t.lookupNone)}
            </li>
          )}
          {hits.map((h, i) => (
            <li
              key={h.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(h);
              }}
              className={`flex cursor-pointer items-baseline gap-3 px-4 py-2 ${i === active ? 'bg-teal-700 text-white' : 'hover:bg-teal-50'}`}
            >
              <span className="text-lg font-bold">{h.name}</span>
              <span>{h.sex === 'F' ? c.female : c.male}</span>
              {h.age !== null && <span>{t.age(h.age)}</span>}
              <span className="font-mono">{h.phone}</span>
              {h.today ? (
                <span data-where={h.today.where} className={`whitespace-nowrap rounded px-1.5 text-sm font-medium ${i === active ? 'bg-white text-teal-800' : placeColour[h.today.where]}`}>
                  {placeText(t, h.today)}
                </span>
              ) : (
                h.arrivedToday && <span className={`rounded px-1.5 text-sm font-medium ${i === active ? 'bg-white text-teal-800' : 'bg-amber-100 text-amber-900'}`}>{t.arrivedToday}</span>
              )}
              <span className="ml-auto text-sm opacity-80">
                {t.visits(h.visitCount)}
                {h.lastVisitAt && ` · ${t.lastVisit(clinicDate(h.lastVisitAt))}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
