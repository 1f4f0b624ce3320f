import type { ComplaintFilter, InspectionFilter, Period } from '../../shared/headoffice/schemas';
import type { HoEnquiryFilter } from '../../shared/enquiries/headoffice';
import type { FollowupRecordGroup, HoFollowupFigure } from '../../shared/followup/schemas';

/** What the records panel lists: a period and the figure's filter, per kind of figure. */
export type Drill = { title: string; period: Period } & (
  | { kind: 'visits'; firstVisit: boolean | null; departmentName: string | null; source: string | null; outcome: VisitOutcome | null }
  | { kind: 'complaints'; filter: ComplaintFilter }
  | { kind: 'inspections'; filter: InspectionFilter }
  | { kind: 'tea'; teaKind: 'missed' | 'served' | 'declined' | 'refill'; item: string | null }
  | { kind: 'noShows' }
  | { kind: 'enquiries'; filter: HoEnquiryFilter }
  | { kind: 'followup'; figure: HoFollowupFigure; group?: FollowupRecordGroup }
);
export type DrillOf<K extends Drill['kind']> = Extract<Drill, { kind: K }>;
export type VisitOutcome = 'noPurchase' | 'nonSurgical' | 'surgical';
