import { useText } from '../i18n/i18n';
import { commonText } from '../i18n/common';
import { staffRoles, type StaffRole } from '../../shared/reference/schemas';
import { Select } from '../ui/ui';

/** A staff member's role (岗位), in the staff's words; the desk's roster and head office's share it. */
export function RoleSelect({ id, value, onChange }: { id: string; value: StaffRole; onChange(role: StaffRole): void }) {
  const c = useText(commonText);
  return (
    <Select id={id} value={value} onChange={(e) => onChange(e.target.value as StaffRole)}>
      {staffRoles.map((r) => (
        <option key={r} value={r}>
          {c.role[r]}
        </option>
      ))}
    </Select>
  );
}
