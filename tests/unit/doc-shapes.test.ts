import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { AttendanceDoc, DutyDoc, LeaveDoc, RotaChangeDoc, RotaDoc, RotaWeekDoc, StaffFineDoc, StaffSettingsDoc } from '../../src-main/staff/repo';
import type { AwayDoc, MeetingDoc, TrainingDoc } from '../../src-main/staff/records';
import type { CleaningCheckDoc, CleaningPlanDoc } from '../../src-main/staff/cleaning';
import type * as staff from '../../shared/staff/docSchemas';

/**
 * The TypeScript types the domains still write their documents by (interfaces beside the code
 * that uses them) are exactly what the declarations' zod schemas describe: a field added to one
 * and not the other fails the type-check (`npx tsc -p tsconfig.node.json`), in both directions.
 * The other types (inspection's and complaints' among them) are z.infer of their schema already.
 */
type Stored<S extends z.ZodType> = z.infer<S>;
/** One object type of an intersection (`DocMeta & { … }`), which the strict comparison tells apart. */
type Flat<T> = { [K in keyof T]: T[K] };

describe('each document type’s TypeScript type is its schema’s', () => {
  it('staff', () => {
    expectTypeOf<Stored<typeof staff.dutyDoc>>().toEqualTypeOf<Flat<DutyDoc>>();
    expectTypeOf<Stored<typeof staff.staffSettingsDoc>>().toEqualTypeOf<Flat<StaffSettingsDoc>>();
    expectTypeOf<Stored<typeof staff.rotaDoc>>().toEqualTypeOf<Flat<RotaDoc>>();
    expectTypeOf<Stored<typeof staff.rotaWeekDoc>>().toEqualTypeOf<Flat<RotaWeekDoc>>();
    expectTypeOf<Stored<typeof staff.rotaChangeDoc>>().toEqualTypeOf<Flat<RotaChangeDoc>>();
    expectTypeOf<Stored<typeof staff.leaveDoc>>().toEqualTypeOf<Flat<LeaveDoc>>();
    expectTypeOf<Stored<typeof staff.attendanceDoc>>().toEqualTypeOf<Flat<AttendanceDoc>>();
    expectTypeOf<Stored<typeof staff.staffFineDoc>>().toEqualTypeOf<Flat<StaffFineDoc>>();
    expectTypeOf<Stored<typeof staff.awayDoc>>().toEqualTypeOf<Flat<AwayDoc>>();
    expectTypeOf<Stored<typeof staff.meetingDoc>>().toEqualTypeOf<Flat<MeetingDoc>>();
    expectTypeOf<Stored<typeof staff.trainingDoc>>().toEqualTypeOf<Flat<TrainingDoc>>();
    expectTypeOf<Stored<typeof staff.cleaningPlanDoc>>().toEqualTypeOf<Flat<CleaningPlanDoc>>();
    expectTypeOf<Stored<typeof staff.cleaningCheckDoc>>().toEqualTypeOf<Flat<CleaningCheckDoc>>();
  });
});
