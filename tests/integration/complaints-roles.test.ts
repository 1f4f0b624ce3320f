import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../../shared/contract';
import type { StepInput } from '../../shared/complaints/schemas';
import { staffRoleNames, staffRoles, type StaffRole } from '../../shared/reference/schemas';
import { directClient } from '../../src-main/api/dispatch';
import { ruleMessage } from '../../src-renderer/i18n/ruleMessages';
import { refusal, startTestApp, type TestApp } from '../support/app';
import { seedStaff, setUpClinic } from '../support/factories';
import { arrivingDuplicate, complaintIntake } from '../support/complaints';

/**
 * Every step of a complaint (and the other complaint acts the issue names) walked with every role
 * on the roster: each role is allowed or refused exactly as the seeds say. The expected roles are
 * written here from the seed lines quoted beside them, not read from shared/complaints/rules.ts.
 *
 * 客服部 is the clinic's 客服主任 and head office's 客服总监 (seed 001 (一) 1. 客服部: "投诉内容的审核、
 * 调查、上报；责任归属的判定及处理方式的拟定；投诉事件的登记、处理时效管理及逾期反应"), so a step the
 * seed gives 客服主任 is the CS side's.
 */
const CS: StaffRole[] = ['csDirector', 'hoCsDirector'];
const CS_MED: StaffRole[] = [...CS, 'medicalDirector'];
/** Who reads a complaint at all (the handling roles of seed 001 (一) and the leadership that decides). */
const READERS: StaffRole[] = ['csDirector', 'hoCsDirector', 'dean', 'medicalDirector', 'gmOffice', 'gm', 'deputyGm', 'hoMedical', 'hoLegal'];

const PIN = '5150';
let t: TestApp;
const people = new Map<StaffRole, string>();
const sessions = new Map<StaffRole, string>();
const as = (role: StaffRole): Api => directClient(t.app.dispatcher, () => sessions.get(role)!);

beforeAll(async () => {
  t = await startTestApp();
  await setUpClinic(t);
  for (const role of staffRoles) {
    const s = await seedStaff(t, { role, name: `${staffRoleNames[role]}某`, pin: PIN });
    people.set(role, s.id);
    sessions.set(role, (await t.anon['operator.signIn']({ staffId: s.id, pin: PIN })).session);
  }
  await as('csDirector')['complaint.setNumberingDesk']({});
}, 120_000);
afterAll(async () => {
  await t?.close();
});

// The steps of one case, each by the role the seed gives it.
const S = {
  accept: ['csDirector', { kind: 'accept', note: '' }],
  investigate: ['csDirector', { kind: 'investigate', staffTalkedTo: '前台小李', patientDemands: '道歉', findings: '排班不足', note: '' }],
  classify: ['csDirector', { kind: 'classify', category: 'nonQuality', subcategory: 'service', serviceType: 'appointment', responsible: '前台', cause: '周末排班不足', note: '' }],
  classifyQuality: ['medicalDirector', { kind: 'classify', category: 'quality', subcategory: 'medicalResult', serviceType: null, responsible: '整形外科', cause: '术后不对称', note: '' }],
  propose: ['csDirector', { kind: 'propose', solution: '当面道歉，赠送护理一次', refund: 0, compensation: 0, note: '' }],
  propose1000: ['csDirector', { kind: 'propose', solution: '退款', refund: 1000, compensation: 0, note: '' }],
  propose5000: ['csDirector', { kind: 'propose', solution: '退款并赔偿', refund: 4000, compensation: 1000, note: '' }],
  propose5001: ['csDirector', { kind: 'propose', solution: '退款并赔偿', refund: 5000, compensation: 1, note: '' }],
  approve: ['dean', { kind: 'approve', approved: true, note: '' }],
  approveHo: ['hoCsDirector', { kind: 'approve', approved: true, note: '' }],
  agreed: ['csDirector', { kind: 'negotiate', agreed: true, note: '' }],
  disagreed: ['csDirector', { kind: 'negotiate', agreed: false, note: '患者不同意' }],
  escalate: ['csDirector', { kind: 'escalate', reason: '患者不同意' }],
  proposeMedical: ['hoMedical', { kind: 'propose', solution: '集团专家会诊意见', refund: 0, compensation: 0, note: '' }],
  paperwork: ['csDirector', { kind: 'paperwork', payment: 'none', oaStarted: false, crmNoted: true, medicalRecordNoted: true, notedBy: '前台小李', note: '' }],
  close: ['csDirector', { kind: 'close', patientConfirmed: true, handedToLegal: false, satisfaction: 'satisfied', note: '' }],
  file: ['csDirector', { kind: 'file', copiesSent: true, note: '' }],
  penalty: ['csDirector', { kind: 'penalty', persons: [{ staffId: null, name: '小李', level: 'I' }], note: '' }],
  deanAgree: ['dean', { kind: 'deanAgree', approved: true, note: '' }],
  penaltySlip: ['gmOffice', { kind: 'penaltySlip', note: '' }],
  penaltyApprove: ['gm', { kind: 'penaltyApprove', approved: true, note: '' }],
  prevention: ['csDirector', { kind: 'prevention', plan: '周末增加前台排班', actions: [{ what: '周六周日各加一名前台', owner: '王组长', dueDate: null }] }],
} satisfies Record<string, [StaffRole, StepInput]>;
type StepName = keyof typeof S;

const upToPropose: StepName[] = ['accept', 'investigate', 'classify', 'propose'];
const upToFile: StepName[] = [...upToPropose, 'approve', 'agreed', 'paperwork', 'close', 'file'];
/** A quality case taken to 总部医务部专家会诊, its plan proposed there. */
const atHoMedical: StepName[] = ['accept', 'investigate', 'classifyQuality', 'propose', 'approve', 'disagreed', 'escalate', 'propose', 'approve', 'disagreed', 'escalate', 'proposeMedical'];

interface Row {
  /** The seed's words for who does it. */
  seed: string;
  /** The steps before, each by its seed role. */
  before: StepName[];
  step: StepInput;
  roles: StaffRole[];
  /** Who recorded the intake (the notify row: the receiver herself). */
  recordedBy?: StaffRole;
}

const rows: Row[] = [
  { seed: '2、接受投诉- 客服主任在接到投诉通知后，依据情况详细填写《患者投诉处理表》', before: [], step: S.accept[1], roles: CS },
  { seed: '3、调查取证- 客服主任和被投诉当事人及关联人员取得联系，调查了解情况', before: ['accept'], step: S.investigate[1], roles: CS },
  { seed: '4、分析定性 - 客服主任或医务部主任对投诉分析定性；客服主任/医务部主任', before: ['accept', 'investigate'], step: S.classify[1], roles: CS_MED },
  { seed: '5、制定方案 - 客服主任制定出一套比较合适的解决方法；客服主任/医务部主任', before: ['accept', 'investigate', 'classify'], step: S.propose[1], roles: CS_MED },
  { seed: '6、审批方案- 客服主任将解决方案上交给客服总监或院长进行审批 (非质量投诉, no money)', before: upToPropose, step: S.approve[1], roles: ['dean', 'hoCsDirector'] },
  {
    seed: '质量投诉: 提出解决方案报科室主任/业务/行政院长审批 (no money)',
    before: ['accept', 'investigate', 'classifyQuality', 'propose'],
    step: S.approve[1],
    roles: ['dean', 'medicalDirector', 'hoCsDirector'],
  },
  { seed: '第十七条 客户投诉金额核决权限 1000-5000元 副总经理 (¥1,000)', before: [...upToPropose.slice(0, 3), 'propose1000'], step: S.approve[1], roles: ['deputyGm'] },
  { seed: '第十七条 客户投诉金额核决权限 1000-5000元 副总经理 (¥5,000)', before: [...upToPropose.slice(0, 3), 'propose5000'], step: S.approve[1], roles: ['deputyGm'] },
  { seed: '第十七条 客户投诉金额核决权限 5000元以上 总经理 (¥5,001)', before: [...upToPropose.slice(0, 3), 'propose5001'], step: S.approve[1], roles: ['gm'] },
  { seed: '集团医务部组织专家会诊、讨论，提出处理意见，报总经理批准', before: atHoMedical, step: S.approve[1], roles: ['gm'] },
  {
    seed: '7、协商解决 - 方案通过后，与患者沟通，协商解决纠纷；客服主任 (and 院长授权责任人与患者沟通, 由医务部主任与患者协商)',
    before: [...upToPropose, 'approve'],
    step: S.agreed[1],
    roles: ['csDirector', 'dean', 'medicalDirector', 'hoCsDirector'],
  },
  {
    seed: '患者不同意 上报院长重新沟通并给予处理意见 / 医院医务处准备资料上报 (who sends it up a level)',
    before: [...upToPropose, 'approve', 'disagreed'],
    step: S.escalate[1],
    roles: ['csDirector', 'dean', 'medicalDirector', 'hoCsDirector'],
  },
  { seed: '8、手续处理 … OA 流程节点责任人/客服主任追踪进度 48 小时以内', before: [...upToPropose, 'approve', 'agreed'], step: S.paperwork[1], roles: CS },
  { seed: '9、结案备档- 客服主任填写《患者投诉案件统计表》(结案)', before: [...upToPropose, 'approve', 'agreed', 'paperwork'], step: S.close[1], roles: CS },
  { seed: '9、结案备档- …将《患者投诉处理表》的复印件交由总经办和医务部备档；客服主任 24 小时以内', before: [...upToPropose, 'approve', 'agreed', 'paperwork', 'close'], step: S.file[1], roles: CS },
  { seed: '10、内部处理- 依据投诉情节的严重性，由客服部提出对投诉事件认定责任人的处罚方案；客服总监 48 小时以内', before: upToFile, step: S.penalty[1], roles: CS },
  { seed: '10、内部处理- …和该院院长协商后实施', before: [...upToFile, 'penalty'], step: S.deanAgree[1], roles: ['dean'] },
  { seed: '(五) 由总经办依客服部提交的《患者投诉处理表》…开立《员工过失处罚单》', before: [...upToFile, 'penalty', 'deanAgree'], step: S.penaltySlip[1], roles: ['gmOffice'] },
  { seed: '(五) …开立《员工过失处罚单》(附件 4.)，呈总经理核准', before: [...upToFile, 'penalty', 'deanAgree', 'penaltySlip'], step: S.penaltyApprove[1], roles: ['gm'] },
  { seed: '11、防范改善- 由客服部协同医务部，提出改善方案，并加强监督管理；客服部一周以内', before: upToFile, step: S.prevention[1], roles: CS_MED },
  {
    seed: '客服部 改善投诉方案的提出、执行成果的督促及效果确认；总经办 发生原因及处理、改善对策的检查、执行、督促',
    before: [...upToFile, 'prevention'],
    step: { kind: 'actionDone', index: 0, result: '已排入周末班表' },
    roles: [...CS_MED, 'gmOffice'],
  },
  { seed: '记录原则：对患者投诉进行详细记录 (a note, by whoever reads the case)', before: ['accept'], step: { kind: 'note', text: '患者来电询问进度' }, roles: READERS },
  {
    seed: '1、投诉渠道- 接到投诉的工作人员…在最短时间内通知客服部门，做好交接工作；接到投诉工作人员 12 小时以内',
    before: [],
    step: { kind: 'notify', toWhom: '客服主任', note: '' },
    // The guide who received it, or a reader recording it for her.
    roles: [...READERS, 'guide'],
    recordedBy: 'guide',
  },
];

/** The roles a Chinese refusal names (「须由客服主任或客服总监办理」), sorted. */
const named = (zh: string, pattern: RegExp) => (pattern.exec(zh)?.[1] ?? '').split('或').sort();
const zhNames = (roles: StaffRole[]) => roles.map((r) => staffRoleNames[r]).sort();

async function caseAt(before: StepName[], recordedBy: StaffRole = 'csDirector'): Promise<string> {
  const c = await as(recordedBy)['complaint.record'](complaintIntake());
  for (const name of before) {
    const [role, step] = S[name];
    await as(role)['complaint.step']({ id: c.id, step, attachments: [] });
  }
  return c.id;
}

describe('every complaint step with every role (seed 001 (九) 投诉流程说明 and the seeds quoted per row)', () => {
  it('the roster walked is every role there is', () => {
    expect([...people.keys()].sort()).toEqual([...staffRoles].sort());
  });

  for (const row of rows) {
    it(`${row.step.kind} — 「${row.seed}」: ${row.roles.map((r) => staffRoleNames[r]).join('、')} only`, async () => {
      const shared = await caseAt(row.before, row.recordedBy);
      for (const role of staffRoles) {
        const input = { id: shared, step: row.step, attachments: [] };
        if (row.roles.includes(role)) {
          // Allowed: offered on the case view, and recorded on a case of its own, stamped as her.
          const own = await caseAt(row.before, row.recordedBy);
          if (READERS.includes(role)) expect((await as(role)['complaint.get']({ id: own })).allowed, role).toContain(row.step.kind);
          await as(role)['complaint.step']({ id: own, step: row.step, attachments: [] });
          expect((await as('csDirector')['complaint.get']({ id: own })).events.at(-1), role).toMatchObject({ kind: row.step.kind, by: people.get(role), byRole: role });
          continue;
        }
        const e = await refusal(t, 'complaint.step', input, sessions.get(role)!);
        if (!READERS.includes(role)) {
          // Not a complaint reader (and not the one who received it): the case is not hers to read.
          expect({ code: e.code, field: e.field, rule: e.rule }, role).toEqual({ code: 'forbidden', field: 'id', rule: 'complaints.notForYou' });
          expect(ruleMessage(e.rule!, e.params ?? {}, 'zh-CN'), role).toBe('投诉详情只供客服、院长、医务院长和总部查看');
          continue;
        }
        const zh = ruleMessage(e.rule!, e.params ?? {}, 'zh-CN') ?? '';
        if (e.rule === 'complaints.approverBand') {
          // An approver of another band: the band's approvers named.
          expect({ code: e.code, field: e.field }, role).toEqual({ code: 'forbidden', field: 'step.approved' });
          expect(named(zh, /须由(.+?)审批/), role).toEqual(zhNames(row.roles));
        } else {
          expect({ code: e.code, field: e.field, rule: e.rule }, role).toEqual({ code: 'forbidden', field: 'step.kind', rule: 'complaints.stepRole' });
          expect(zh, role).toContain(`办理；${staffRoleNames[role]}某是${staffRoleNames[role]}`);
          // The step's own owners are named whenever the rule is the step's, not the whole act's.
          if (row.step.kind !== 'approve') expect(named(zh, /须由(.+?)办理/), role).toEqual(zhNames(row.roles));
        }
        expect(zh, role).not.toMatch(/[A-Za-z]{3,}/);
        expect((await as(role)['complaint.get']({ id: shared })).allowed, role).not.toContain(row.step.kind);
      }
    }, 180_000);
  }

  it('complaint.record — 「1、投诉渠道- 患者通过商务通，电话，或面对面等方式对我们进行投诉，接到投诉的工作人员必须做好详细如是的记录」: every role records, stamped as herself', async () => {
    for (const role of staffRoles) {
      const c = await as(role)['complaint.record'](complaintIntake({ what: `${staffRoleNames[role]}接到的投诉` }));
      expect({ recordedBy: c.recordedBy, limited: c.limited }, role).toEqual({ recordedBy: people.get(role), limited: !READERS.includes(role) });
    }
  }, 120_000);

  it('complaint.resolveNumber — issue 18 "the CS director chooses which case keeps the number": 客服主任 and 客服总监 only; the others are refused by name, nothing written', async () => {
    const resolvers: StaffRole[] = ['csDirector', 'hoCsDirector'];
    const duplicate = async () => {
      const kept = await caseAt(['accept']);
      const other = await caseAt([]);
      const number = (await as('csDirector')['complaint.get']({ id: kept })).number!;
      await arrivingDuplicate(t, number, other);
      return { number, kept };
    };
    const open = await duplicate();
    for (const role of staffRoles) {
      if (resolvers.includes(role)) {
        const mine = await duplicate();
        const home = await as(role)['complaint.resolveNumber']({ number: mine.number, keepId: mine.kept, reason: '患者先被告知此编号' });
        expect(home.numberProblems.filter((p) => p.number === mine.number), role).toEqual([]);
        continue;
      }
      const e = await refusal(t, 'complaint.resolveNumber', { number: open.number, keepId: open.kept, reason: '患者先被告知此编号' }, sessions.get(role)!);
      expect({ code: e.code, field: e.field, rule: e.rule }, role).toEqual({ code: 'forbidden', field: 'keepId', rule: 'complaints.resolveRole' });
      expect(ruleMessage(e.rule!, e.params ?? {}, 'zh-CN'), role).toBe(`由客服主任决定哪件案件保留编号；${staffRoleNames[role]}某是${staffRoleNames[role]}`);
    }
  }, 180_000);
});
