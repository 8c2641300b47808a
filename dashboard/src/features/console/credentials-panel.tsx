import type { MeetingView } from '@tallyroom/contracts';
import type { MeetingApi } from '../../lib/api-client';
export function CredentialsPanel(_: { view: MeetingView; api: MeetingApi; meetingId: string }) { return null; }
