import type { MeetingActorRole } from '../access.js';
import type { VenueCodeOfWindow } from './venue-code.js';

/** Everything decide() needs from the world arrives here: the clock and who is acting. */
export interface DecideContext {
  meetingId: string;
  now: string;
  actor: { role: MeetingActorRole | 'system'; id: string };
  /**
   * What the edge proved about a check-in, for the decider to judge (P-05: presence proven in the room).
   * `venueCodes`: the codes the hall shows now (venue-code.ts), which a member's own check-in must match.
   * `card`: the member whose personal card the kiosk read. The verifier, without the venue key, passes what
   * the event says (the window it matched, the member checked in) and the decider checks it against the time.
   */
  presence?: { venueCodes?: readonly VenueCodeOfWindow[]; card?: string };
}
