import { join } from 'node:path';
import type { OperationName } from '../../../shared/contract';
import type { TestApp } from '../app';
import { type ClinicFixture, conflictedStaff, firstVisit, LEAD_PIN, setupInput, staffInput } from '../factories';
import { appointmentsValidInputs } from './appointments';
import { visitsValidInputs } from './visits';
import { teaValidInputs } from './tea';
import { inspectionValidInputs } from './inspection';
import { complaintValidInputs } from './complaints';
import { headOfficeValidInputs } from './headoffice';
import { followupValidInputs } from './followup';
import { customersValidInputs } from './customers';
import { deskReminderValidInputs } from './desk';
import { enquiriesValidInputs } from './enquiries';
import { staffValidInputs } from './staff';

/** The clinic as `clinic.update` takes it: its view without the code, which never changes. */
export async function clinicSettingsOf(t: TestApp) {
  const { code: _code, ...settings } = (await t.api['app.status']({})).clinic!;
  return settings;
}

/** A valid input for every operation: the cases below each break one thing in it. */
export async function allValidInputs(t: TestApp, f: ClinicFixture): Promise<Record<OperationName, Record<string, unknown>>> {
  const conflict = await conflictedStaff(t);
  return {
    'app.status': {},
    'clinic.setup': { ...setupInput({ code: 'SH' }) },
    // Both refuse on a desk that is set up (as set-up does); their own tests are in join.test.ts.
    'clinic.join': { clinicCode: 'BJ', url: 'http://127.0.0.1:9', username: 'desk_bj', password: 'secret-pw' },
    'clinic.cancelJoin': {},
    'clinic.update': { ...(await clinicSettingsOf(t)), waitAlertMinutes: 20 },
    'clinic.goLive': {},
    'clinic.setGoLive': { date: '2026-12-01', baseVersion: 0 },
    'staff.list': { includeInactive: true },
    'staff.add': { ...staffInput() },
    'staff.update': { id: f.consultant.id, name: '李咨询', sex: 'F', role: 'consultant', departmentId: 'plastic-surgery', active: true, pin: null },
    'operator.signIn': { staffId: f.lead.id, pin: LEAD_PIN },
    'operator.signOut': {},
    'desk.checkIn': { ...firstVisit() },
    'desk.waitingList': { date: '2026-11-27' },
    'desk.initials': {},
    // A server nobody listens on: the engine starts, finds no server and keeps retrying.
    'sync.status': {},
    'sync.configure': { url: 'http://127.0.0.1:9', username: 'desk_bj', password: 'secret-pw' },
    'sync.disconnect': {},
    'sync.retry': {},
    'sync.conflicts': {},
    'sync.resolveConflict': { id: conflict.id, keepRev: conflict.loserRev },
    ...(await appointmentsValidInputs(t, f)),
    ...(await visitsValidInputs(t, f)),
    ...(await teaValidInputs(t, f)),
    ...(await inspectionValidInputs(t, f)),
    ...(await complaintValidInputs(t, f)),
    ...headOfficeValidInputs(),
    ...(await followupValidInputs(t, f)),
    ...(await customersValidInputs(t, f)),
    ...(await deskReminderValidInputs(t)),
    ...(await enquiriesValidInputs(t)),
    // Head-office mode only: on a clinic desk both are refused (forbidden), which the fuzz accepts as a refusal.
    'fleet.devices': { staleHours: 24, sort: 'clinic', descending: false },
    'fleet.devicesXlsx': { staleHours: 24 },
    'fleet.setMinimumVersion': { minAppVersion: '0.1.0' },
    'backup.create': { folder: join(t.dir, 'backups') },
    'backup.schedule': { folder: join(t.dir, 'backups'), everyHours: 24 },
    'backup.status': {},
    'fleet.setUpdatePolicy': { feedUrl: 'https://updates.example.cn/daoyi/', pilotClinics: [] },
    'fleet.updatePolicy': {},
    'fleet.updateStatus': {},
    'fleet.diagnostics': {},
    ...(await staffValidInputs(t, f)),
  };
}
