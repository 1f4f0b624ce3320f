/** Who the test head office knows: its admin, and one desk user per clinic. */
export const HO_ADMIN = { username: 'admin', password: 'admin-pw' };

export const DESK_USERS = {
  BJ: { username: 'desk_bj', password: 'bj-secret-pw' },
  SH: { username: 'desk_sh', password: 'sh-secret-pw' },
} as const;

/** A head-office reader (role `headoffice`), when the test head office consolidates. */
export const HO_USER = { username: 'ho_director', password: 'ho-secret-pw' };

export const HO_CLINICS = [
  { code: 'BJ', deskUsers: [{ ...DESK_USERS.BJ }] },
  { code: 'SH', deskUsers: [{ ...DESK_USERS.SH }] },
];
