import { describe, expect, it } from 'vitest';
import { grantableRoles, headOfficeOnlyRoles, staffChangeRefusal, type Grantor } from '../../shared/reference/grants';
import { headOfficeRoles } from '../../shared/headoffice/schemas';
import { staffRoles, type StaffRole } from '../../shared/reference/schemas';

/**
 * The ladder written out as the clinic's rules give it (DOMAIN.md; seeds 001): who may grant what.
 * Independent of the code's rank table, so a wrong rank there fails here.
 */
// 回访专员 / 客服专员 are the CS department's staff, on the staff's level; so are the consulting group's consultants (seed 002).
const staff: StaffRole[] = ['guide', 'inspector', 'consultant', 'doctor', 'doctorAssistant', 'followupCaller', 'csStaff', 'onlineConsultant', 'phoneConsultant'];
const leadership: StaffRole[] = ['csDirector', 'medicalDirector'];
const headOffice: StaffRole[] = ['hoCsDirector', 'gmOffice', 'deputyGm', 'gm', 'hoMedical', 'hoLegal'];
const mayGrantAtClinic: Record<StaffRole, StaffRole[]> = {
  guide: [],
  inspector: [],
  consultant: [],
  doctor: [],
  doctorAssistant: [],
  followupCaller: [],
  csStaff: [],
  onlineConsultant: [],
  phoneConsultant: [],
  // 网络咨询部组长 leads the consulting group (seed 002 第三部分), level with the desk lead.
  onlineLead: staff,
  guideLead: staff,
  csDirector: [...staff, 'guideLead', 'onlineLead'],
  medicalDirector: [...staff, 'guideLead', 'onlineLead'],
  dean: [...staff, 'guideLead', 'onlineLead', ...leadership],
  hoCsDirector: [...staff, 'guideLead', 'onlineLead', ...leadership, 'dean'],
  gmOffice: [...staff, 'guideLead', 'onlineLead', ...leadership, 'dean'],
  // 总部医务部 / 总部法务部 (seed 001 公司医务部, the flow chart's 集团法务部): head office's departments, level with 总经办.
  hoMedical: [...staff, 'guideLead', 'onlineLead', ...leadership, 'dean'],
  hoLegal: [...staff, 'guideLead', 'onlineLead', ...leadership, 'dean'],
  deputyGm: [...staff, 'guideLead', 'onlineLead', ...leadership, 'dean'],
  gm: [...staff, 'guideLead', 'onlineLead', ...leadership, 'dean'],
};
/**
 * In head-office mode, head office's people grant every role up to their own level, included:
 * 客服总监 and 总经办 < 副总经理 < 总经理 (seed 003's approval bands). 客服总监 sets head office up
 * and keeps its roster: she adds 总经理 and 副总经理 too (issue 19), else nobody could.
 */
const belowDeputy = staffRoles.filter((r) => r !== 'gm' && r !== 'deputyGm');
const mayGrantAtHeadOffice: Record<StaffRole, StaffRole[]> = {
  ...mayGrantAtClinic,
  hoCsDirector: [...staffRoles],
  gmOffice: belowDeputy,
  hoMedical: belowDeputy,
  hoLegal: belowDeputy,
  deputyGm: [...belowDeputy, 'deputyGm'],
  gm: [...staffRoles],
};

const by = (role: StaffRole, ho = false): Grantor => ({ id: `staff:X:${role}`, role, headOffice: ho });

describe('who may grant which role (shared/reference/grants.ts)', () => {
  it('knows the same head-office roles as head office and its validation', () => {
    expect([...headOfficeOnlyRoles].sort()).toEqual([...headOfficeRoles].sort());
  });

  for (const ho of [false, true]) {
    const table = ho ? mayGrantAtHeadOffice : mayGrantAtClinic;
    it(`every role × every role, ${ho ? 'in head-office mode' : 'at a clinic desk'}: add, raise someone below, reset a PIN`, () => {
      for (const actor of staffRoles) {
        for (const role of staffRoles) {
          const grants = table[actor].includes(role);
          const why = `${actor} → ${role}${ho ? ' (HO)' : ''}`;
          expect(staffChangeRefusal(by(actor, ho), { kind: 'add', role }) === null, `add ${why}`).toBe(grants);
          // Raising a guide of the clinic (someone below every lead) to `role`.
          const guide = { id: 'staff:X:someone', role: 'guide' as const };
          const raise = staffChangeRefusal(by(actor, ho), { kind: 'update', target: guide, role, pin: false });
          expect(raise === null, `raise ${why}`).toBe(table[actor].includes('guide') && grants);
          // Resetting the PIN of someone of `role`: only from above (head office's peers, in its own mode).
          const reset = staffChangeRefusal(by(actor, ho), { kind: 'update', target: { id: 'staff:X:other', role }, role, pin: true });
          expect(reset === null, `reset PIN ${why}`).toBe(table[actor].includes(role));
          if (reset) expect(reset.field).toBe('pin');
        }
        expect(grantableRoles(by(actor, ho), staffRoles).sort(), `grantable by ${actor}`).toEqual([...table[actor]].sort());
      }
    });
  }

  it('head-office roles only from head-office mode, whoever asks', () => {
    for (const actor of staffRoles) for (const role of headOffice) expect(staffChangeRefusal(by(actor), { kind: 'add', role }), `${actor} → ${role}`).toMatchObject({ field: 'role' });
    expect(staffChangeRefusal(by('hoCsDirector'), { kind: 'add', role: 'gmOffice' })).toEqual({ field: 'role', rule: 'headOfficeGrants', params: { role: 'gmOffice' }, message: 'role: only head office grants gmOffice' });
  });

  it('nobody changes their own role, up or down; their own PIN and other fields, yes', () => {
    for (const actor of staffRoles) {
      const self = { id: by(actor).id, role: actor };
      for (const role of staffRoles) {
        const refusal = staffChangeRefusal(by(actor, true), { kind: 'update', target: self, role, pin: false });
        if (role === actor) expect(refusal).toBeNull();
        else expect(refusal, `${actor} → ${role}`).toEqual({ field: 'role', rule: 'ownRole', params: {}, message: 'role: nobody changes their own role' });
      }
      expect(staffChangeRefusal(by(actor), { kind: 'update', target: self, role: actor, pin: true }), `${actor}'s own PIN`).toBeNull();
    }
  });

  it('changing anything about someone at or above you is refused (the issue: a lead deactivating, renaming or demoting the dean)', () => {
    expect(staffChangeRefusal(by('guideLead'), { kind: 'update', target: { id: 'staff:X:dean', role: 'dean' }, role: 'dean', pin: false })).toEqual({ field: 'id', rule: 'changeAbove', params: { role: 'dean' }, message: 'id: only someone above a dean may change them' });
    expect(staffChangeRefusal(by('guideLead'), { kind: 'update', target: { id: 'staff:X:dean', role: 'dean' }, role: 'guide', pin: false })).toMatchObject({ field: 'id' });
    expect(staffChangeRefusal(by('guideLead'), { kind: 'update', target: { id: 'staff:X:peer', role: 'guideLead' }, role: 'guideLead', pin: false })).toMatchObject({ field: 'id' });
    expect(staffChangeRefusal(by('guideLead'), { kind: 'update', target: { id: 'staff:X:dean', role: 'dean' }, role: 'dean', pin: true })).toEqual({ field: 'pin', rule: 'resetPinAbove', params: { role: 'dean' }, message: 'pin: only someone above a dean may reset their PIN' });
    // Lowering someone below you is yours to do.
    expect(staffChangeRefusal(by('csDirector'), { kind: 'update', target: { id: 'staff:X:lead', role: 'guideLead' }, role: 'guide', pin: false })).toBeNull();
  });

  it('a lead grants nothing at or above her own level', () => {
    expect(staffChangeRefusal(by('guideLead'), { kind: 'add', role: 'guideLead' })).toEqual({ field: 'role', rule: 'grantBelowOwn', params: { by: 'guideLead', role: 'guideLead' }, message: 'role: a guideLead may grant only roles below their own, not guideLead' });
    expect(staffChangeRefusal(by('dean'), { kind: 'add', role: 'dean' })).toMatchObject({ field: 'role' });
    expect(staffChangeRefusal(by('csDirector'), { kind: 'add', role: 'medicalDirector' })).toMatchObject({ field: 'role' });
  });
});
