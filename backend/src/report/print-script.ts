/**
 * The report's print button: one inline script, allowed by the Content
 * Security Policy through its hash (no 'unsafe-inline', no handler attribute).
 * The report is opened from a blob: URL, which keeps the policy of the page
 * that made it, so the hash is in the policy every response carries.
 */
import { createHash } from 'node:crypto';

export const PRINT_SCRIPT = "document.getElementById('print').addEventListener('click',function(){window.print()})";

/** The CSP source that lets exactly PRINT_SCRIPT run. */
export const PRINT_SCRIPT_SOURCE = `'sha256-${createHash('sha256').update(PRINT_SCRIPT, 'utf8').digest('base64')}'`;
