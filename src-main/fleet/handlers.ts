import { addressRefused, compareVersions, deviceFlags } from '../../shared/fleet/rules';
import { updatePolicyOf } from '../../shared/fleet/update';
import { fleetRefusals } from '../../shared/fleet/refusals';
import { readUpdateStatus } from './update';
import { diagnosticsZip } from './diagnostics';
import { APP_VERSION } from './version';
import type { DeviceRow, DevicesView, HeartbeatDoc } from '../../shared/fleet/schemas';
import { HEAD_OFFICE_CODE } from '../../shared/reference/schemas';
import { DESK_ID } from '../../shared/fleet/rules';
import type { fleetContract } from '../../shared/fleet/contract';
import type { Handlers } from '../api/types';
import type { HandlerContext, OperatorContext } from '../api/context';
import { listClinics } from '../headoffice/repo';
import { getClinic } from '../reference/repo';
import { bytesOf, clinicExcelDate, DATE_TIME_FORMAT, tableSheet, workbook, xlsx } from '../headoffice/xlsx';
import { newMeta } from '../store/meta';
import { getOrNull } from '../store/get';
import { ALL_CLINICS } from '../../shared/reference/calendar';
import { backupNow, readBackupStatus, setBackupSchedule } from './backupSchedule';
import { appPolicyDocs, heartbeatDocs } from '../../shared/fleet/docs';

type Ops = keyof typeof fleetContract;
type DevicesInput = { staleHours: number; sort: 'clinic' | 'version' | 'lastSynced' | 'clock' | 'pendingUp'; descending: boolean };

/**
 * Every desk's heartbeat this computer holds: at head office (which pulls every clinic) all desks
 * of the chain; at a clinic desk, its own clinic's desks. A heartbeat whose desk part is not a desk
 * id, or whose id and `deskId` disagree, is not listed (head office's validation refuses those).
 */
export async function devices(ctx: HandlerContext, input: DevicesInput): Promise<DevicesView> {
  const res = await ctx.db.allDocs<HeartbeatDoc>({ include_docs: true, ...heartbeatDocs.range() });
  const beats = res.rows.flatMap((r) => (r.doc && r.doc.type === 'heartbeat' && DESK_ID.test(r.doc.deskId) && r.id === heartbeatDocs.id(r.doc.clinic, r.doc.deskId) ? [r.doc] : []));
  const clinic = await getClinic(ctx.db);
  const names = new Map((await listClinics(ctx.db)).map((c) => [c.code, c.name]));
  if (clinic && clinic.code !== HEAD_OFFICE_CODE) names.set(clinic.code, clinic.name);
  const newest = beats.reduce<string | null>((best, b) => (best === null || compareVersions(b.appVersion, best) > 0 ? b.appVersion : best), null);
  const policy = await getOrNull<{ minAppVersion?: unknown }>(ctx.db, appPolicyDocs.id());
  const minimum = typeof policy?.minAppVersion === 'string' ? policy.minAppVersion : null;
  const now = ctx.now();
  const rows: DeviceRow[] = beats.map((b) => ({
    clinic: b.clinic,
    clinicName: names.get(b.clinic) ?? b.clinic,
    deskId: b.deskId,
    appVersion: b.appVersion,
    storeSchema: b.storeSchema,
    lastSyncedAt: b.lastSyncedAt,
    pendingUp: b.pendingUp,
    clockOffsetMs: b.clockOffsetMs,
    freeDiskBytes: b.freeDiskBytes,
    platform: b.platform,
    seenAt: b.updatedAt,
    ...deviceFlags(b, { newest: newest ?? b.appVersion, minimum, now, staleHours: input.staleHours }),
  }));
  const key: Record<DevicesInput['sort'], (r: DeviceRow) => string | number> = {
    clinic: (r) => `${r.clinic}\u0000${r.deskId}`,
    version: (r) => r.appVersion.split(/[.-]/).map((p) => p.padStart(6, '0')).join('.'),
    lastSynced: (r) => r.lastSyncedAt ?? '',
    clock: (r) => Math.abs(r.clockOffsetMs ?? 0),
    pendingUp: (r) => r.pendingUp,
  };
  const k = key[input.sort];
  rows.sort((a, b) => {
    const [x, y] = [k(a), k(b)];
    const d = x < y ? -1 : x > y ? 1 : a.deskId < b.deskId ? -1 : a.deskId > b.deskId ? 1 : 0;
    return input.descending ? -d : d;
  });
  return { newest, staleHours: input.staleHours, rows };
}

const yesNo = (b: boolean) => (b ? '是' : '');

type PolicyDoc = Record<string, unknown> & { minAppVersion?: unknown; updateFeedUrl?: unknown; pilotClinics?: unknown };

const policyView = (doc: PolicyDoc | null) => {
  const { feedUrl, pilotClinics } = updatePolicyOf(doc);
  return { feedUrl, pilotClinics, minAppVersion: typeof doc?.minAppVersion === 'string' ? doc.minAppVersion : null };
};

/** Head office's `app-policy` document with `fields` changed, stamped with who and when; what it held else is kept. */
async function putPolicy(ctx: OperatorContext, fields: Record<string, unknown>): Promise<PolicyDoc> {
  const existing = await getOrNull<PolicyDoc & { _rev: string }>(ctx.db, appPolicyDocs.id());
  const at = ctx.now();
  const meta = existing ? { ...existing, updatedAt: at.toISOString(), updatedBy: ctx.operator._id } : { ...newMeta('app-policy', appPolicyDocs.id(), ALL_CLINICS, ctx.operator._id, at), minAppVersion: null };
  const doc = { ...meta, ...fields };
  await ctx.db.put(doc);
  return doc;
}

export const fleetHandlers: Pick<Handlers, Ops> = {
  async 'fleet.setMinimumVersion'(ctx, input) {
    await putPolicy(ctx, { minAppVersion: input.minAppVersion });
    return { minAppVersion: input.minAppVersion };
  },
  async 'fleet.setUpdatePolicy'(ctx, input) {
    if (input.feedUrl !== null && addressRefused(input.feedUrl)) {
      throw fleetRefusals.refuse('invalid_input', 'feedUrl', 'feedInsecure', {}, 'feedUrl: plain http to an internet address; use https://');
    }
    const known = new Set((await listClinics(ctx.db)).map((c) => c.code));
    const seen = new Set<string>();
    for (const [i, code] of input.pilotClinics.entries()) {
      if (!known.has(code)) throw fleetRefusals.refuse('invalid_input', `pilotClinics.${i}`, 'unknownClinic', { code }, `pilotClinics.${i}: no clinic ${code}`);
      if (seen.has(code)) throw fleetRefusals.refuse('invalid_input', `pilotClinics.${i}`, 'pilotTwice', { code }, `pilotClinics.${i}: ${code} listed twice`);
      seen.add(code);
    }
    return policyView(await putPolicy(ctx, { updateFeedUrl: input.feedUrl, pilotClinics: input.pilotClinics }));
  },
  'fleet.updatePolicy': async (ctx) => policyView(await getOrNull<PolicyDoc>(ctx.db, appPolicyDocs.id())),
  'fleet.updateStatus': async (ctx) => ({ current: APP_VERSION, electron: process.versions.electron !== undefined, status: await readUpdateStatus(ctx.db) }),
  'fleet.diagnostics': (ctx) => diagnosticsZip(ctx),
  'backup.create': (ctx, input) => backupNow(ctx.db, ctx.deskId, input.folder, ctx.now()),
  'backup.schedule': (ctx, input) => setBackupSchedule(ctx.db, input.folder === null ? null : { folder: input.folder, everyHours: input.everyHours }),
  'backup.status': (ctx) => readBackupStatus(ctx.db),

  'fleet.devices': (ctx, input) => devices(ctx, input),

  async 'fleet.devicesXlsx'(ctx, input) {
    const view = await devices(ctx, input);
    const book = workbook(ctx.operator.name, ctx.now());
    tableSheet(book, '设备', [
      { header: '机构', key: 'clinic', width: 8 },
      { header: '名称', key: 'clinicName', width: 16 },
      { header: '设备', key: 'deskId', width: 24 },
      { header: '版本', key: 'appVersion', width: 10 },
      { header: '数据版本', key: 'storeSchema', width: 10 },
      { header: '最后同步时间', key: 'lastSyncedAt', width: 18, numFmt: DATE_TIME_FORMAT },
      { header: '待上传', key: 'pendingUp', width: 8 },
      { header: '时钟偏差（秒）', key: 'clockSeconds', width: 14 },
      { header: '剩余磁盘（GB）', key: 'freeGb', width: 14 },
      { header: '版本落后', key: 'behind', width: 10 },
      { header: `超过 ${view.staleHours} 小时未同步`, key: 'stale', width: 18 },
      { header: '时钟不准', key: 'clockWrong', width: 10 },
      { header: '心跳时间', key: 'seenAt', width: 18, numFmt: DATE_TIME_FORMAT },
    ], view.rows.map((r) => ({
      ...r,
      // Excel dates in clinic time; never synced is an empty cell (the 超过…未同步 column says 是).
      lastSyncedAt: r.lastSyncedAt === null ? null : clinicExcelDate(r.lastSyncedAt),
      seenAt: clinicExcelDate(r.seenAt),
      clockSeconds: r.clockOffsetMs === null ? '' : Math.round(r.clockOffsetMs / 1000),
      freeGb: r.freeDiskBytes === null ? '' : Math.round(r.freeDiskBytes / 1e8) / 10,
      behind: yesNo(r.behind),
      stale: yesNo(r.stale),
      clockWrong: yesNo(r.clockWrong),
    })));
    const date = ctx.now().toISOString().slice(0, 10);
    return xlsx(`设备_${date}.xlsx`, await bytesOf(book));
  },
};
