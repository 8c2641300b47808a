/** Metadata for hand-made chain events in tests: one meeting, one chair, a time and a commandId per revision. */
export const chainMeta = (revision: number, meetingId = 'm1') => ({
  meetingId,
  revision,
  recordedAt: `2025-05-01T09:00:0${revision % 10}.000Z`,
  actor: { role: 'chair', id: 'cred-1' },
  commandId: `cmd-${revision}`,
});
