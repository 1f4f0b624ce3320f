/** Patient complaints (投诉): intake, numbering, the 11 steps, deadlines, approvals, penalties. */
export const complaintContract = {} as const;
