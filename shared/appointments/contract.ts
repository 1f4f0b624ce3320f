/** Appointments (预约): booking, changes, the day-before calls, no-shows. */
export const appointmentsContract = {} as const;
