/** The visit after check-in: statuses, escort and hand-off, the waiting-room display, VIPs, handover, the day view. */
export const visitsContract = {} as const;
