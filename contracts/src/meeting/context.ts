import type { Role } from './commands.js';

/** Everything decide() needs from the world arrives here: the clock and who is acting. */
export interface DecideContext {
  meetingId: string;
  now: string;
  actor: { role: Role | 'system'; id: string };
}
