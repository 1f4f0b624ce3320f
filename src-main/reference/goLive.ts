import type { ClinicDoc, StaffDoc } from '../../shared/reference/schemas';
import { referenceRefusals } from '../../shared/reference/refusals';
import { touched } from '../store/meta';
import { clinicDate } from '../../shared/time';

/**
 * The day a clinic's weeks and months are owed from (issue 19): its 上线日期 when one is set, else
 * the clinic day it was set up. Head office's inspection figures (headoffice/facts.ts,
 * headoffice/qualityCache.ts) and the desk's `clinic.goLive` both read it here.
 */
export function countsFrom(clinic: Pick<ClinicDoc, 'createdAt' | 'goLive'>): string {
  return clinic.goLive?.date ?? clinicDate(clinic.createdAt);
}

export function goLiveOf(clinic: ClinicDoc) {
  return { setUpDay: clinicDate(clinic.createdAt), goLive: clinic.goLive ?? null, countsFrom: countsFrom(clinic) };
}

/**
 * The clinic with its 上线日期 set to `date` by `by`, made on the version she read: a stale version
 * (goLiveStale) or a day before the set-up day (goLiveBeforeSetUp) is refused. The desk's admin
 * (`clinic.setGoLive`) and head office (`headoffice.setGoLive`, online in the clinic's database) both
 * go through it.
 */
export function withGoLive(clinic: ClinicDoc, input: { date: string; baseVersion: number }, by: StaffDoc, now: Date): ClinicDoc {
  const setUpDay = clinicDate(clinic.createdAt);
  const current = clinic.goLive?.version ?? 0;
  if (input.baseVersion !== current) throw referenceRefusals.refuse('conflict', 'baseVersion', 'goLiveStale', { current }, `baseVersion: the go-live day is at version ${current}`);
  if (input.date < setUpDay) throw referenceRefusals.refuse('invalid_input', 'date', 'goLiveBeforeSetUp', { day: setUpDay }, `date: before the set-up day ${setUpDay}`);
  return { ...touched(clinic, by, now), goLive: { date: input.date, version: current + 1, setBy: by._id, setByName: by.name, setAt: now.toISOString() } };
}
