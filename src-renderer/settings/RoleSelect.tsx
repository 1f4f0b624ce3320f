import { useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { staffRoles, type StaffRole } from '../../shared/reference/schemas';
import { Select } from '../ui/ui';

/**
 * A staff member's role (岗位), in the staff's words; the desk's roster and head office's share it.
 * `roles`: the roles the signed-in person may give (shared/reference/grants.ts); the current value
 * is always listed, so a record keeps showing the role it has.
 */
export function RoleSelect({ id, value, onChange, roles = staffRoles, disabled = false }: { id: string; value: StaffRole; onChange(role: StaffRole): void; roles?: readonly StaffRole[]; disabled?: boolean }) {
  const c = useText(commonText);
  return (
    <Select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as StaffRole)}>
      {staffRoles.filter((r) => r === value || roles.includes(r)).map((r) => (
        <option key={r} value={r}>
          {c.role[r]}
        </option>
      ))}
    </Select>
  );
}
