/** An office's name in the screen's language; a custom office (typed by the chair) shows as typed. */
export function officeLabel(t: (k: string, o?: Record<string, unknown>) => string, office: string): string {
  return t(`offices.${office}`, { defaultValue: office });
}
