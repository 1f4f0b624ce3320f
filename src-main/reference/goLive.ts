import type { ClinicDoc } from '../../shared/reference/schemas';
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
