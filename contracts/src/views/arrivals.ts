import type { CheckInMethod, Role } from '../meeting/commands.js';
import type { MeetingState } from '../meeting/state.js';

/**
 * How the members present now arrived (P-05: presence proven in the room): counts per way of checking in, for
 * the roles that see presence, and, for the chair and the desk (clerk), the list of phone check-ins to compare
 * with the faces in the hall.
 */
export interface ArrivalsView {
  /** Present members (voters or not) by how they checked in: at the desk, with their card at the kiosk, by phone. */
  byMethod: Record<CheckInMethod, number>;
  /** Chair and clerk only: members present by their own phone and the venue code, earliest first. */
  phone?: { memberId: string; name: string; at: string }[];
}

/** The roles that check members in at the desk against the paper register. */
export const DESK_ROLES: readonly Role[] = ['chair', 'clerk'];

export function arrivalsOf(s: MeetingState, role: Role): ArrivalsView {
  const byMethod: Record<CheckInMethod, number> = { desk: 0, kiosk: 0, self: 0 };
  const phone: NonNullable<ArrivalsView['phone']> = [];
  for (const m of s.members.values()) {
    if (!m.present) continue;
    // A member present in a snapshot written before arrivals were kept counts as checked in at the desk.
    const method = m.arrival?.method ?? 'desk';
    byMethod[method]++;
    if (method === 'self' && m.arrival) phone.push({ memberId: m.memberId, name: m.name, at: m.arrival.at });
  }
  if (!DESK_ROLES.includes(role)) return { byMethod };
  phone.sort((a, b) => a.at.localeCompare(b.at) || a.memberId.localeCompare(b.memberId));
  return { byMethod, phone };
}
