import type { MeetingView } from '@tallyroom/contracts';
import type { MeetingApi } from '../../lib/api-client';
export function ChairConsole(_: { view: MeetingView; api: MeetingApi }) { return null; }
