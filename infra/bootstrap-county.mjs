#!/usr/bin/env node
/**
 * Creates a county's organisation tree through the public API (POST /api/organisations) from a CSV file and prints
 * each organisation's admin link.
 *
 *   TALLYROOM_OPERATOR_TOKEN=… node infra/bootstrap-county.mjs --url https://tally.example.gov.cn --csv county.csv
 *     [--out links.csv]
 *
 * The CSV (UTF-8, a header line, comma-separated, fields may be "quoted"):
 *
 *   name,kind,parent,timeZone
 *   某某县委组织部,county,,Asia/Shanghai
 *   县直机关工委,committee,某某县委组织部,
 *   第一党支部,branch,县直机关工委,
 *
 * Exactly one row has no parent (the county); every other row names its parent by the `name` of an earlier row, so
 * the tree is created top-down. `kind` is one of county, committee, branch, village, community; `timeZone` may be
 * left empty (the server's default, or the parent's). The root is created with the operator token; each child with
 * the org-admin token of the county, as an org-admin manages its whole subtree.
 *
 * The links are credentials: they go to --out (created with mode 0600, refused if it exists) or, without it, to
 * standard output. Running the script twice creates a second tree; nothing is deduplicated by name.
 * Exit status: 0 done, 1 the server refused an organisation (the ones already created are printed), 2 bad input.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const KINDS = ['county', 'committee', 'branch', 'village', 'community'];

/** One CSV line into fields: commas separate, double quotes enclose, "" inside quotes is a quote. */
export function csvFields(line) {
  const fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field.trim());
      field = '';
    } else field += c;
  }
  fields.push(field.trim());
  return fields;
}

/**
 * The rows of the county's CSV, checked: known kinds, one root, unique names, every parent an earlier row.
 * Throws an Error naming the line for anything else, before anything is sent.
 */
export function parseCounty(text) {
  const lines = text
    .replace(/^\uFEFF/, '') // Excel writes a byte-order mark
    .split(/\r?\n/)
    .map((l, i) => ({ l, n: i + 1 }))
    .filter(({ l }) => l.trim() !== '');
  if (lines.length < 2) throw new Error('the CSV needs a header line and at least the county');
  const header = csvFields(lines[0].l).map((h) => h.toLowerCase());
  const col = (name) => header.indexOf(name.toLowerCase());
  for (const name of ['name', 'kind', 'parent'])
    if (col(name) < 0) throw new Error(`the header has no "${name}" column (expected name,kind,parent,timeZone)`);
  const rows = [];
  const seen = new Set();
  for (const { l, n } of lines.slice(1)) {
    const f = csvFields(l);
    const row = {
      line: n,
      name: f[col('name')] ?? '',
      kind: f[col('kind')] ?? '',
      parent: f[col('parent')] || null,
      timeZone: col('timeZone') >= 0 ? f[col('timeZone')] || null : null,
    };
    if (!row.name) throw new Error(`line ${n}: no name`);
    if (!KINDS.includes(row.kind)) throw new Error(`line ${n}: kind "${row.kind}" is not one of ${KINDS.join(', ')}`);
    if (seen.has(row.name)) throw new Error(`line ${n}: "${row.name}" appears twice; names must be unique`);
    if (row.parent !== null && !seen.has(row.parent))
      throw new Error(`line ${n}: parent "${row.parent}" is not an earlier row`);
    seen.add(row.name);
    rows.push(row);
  }
  const roots = rows.filter((r) => r.parent === null);
  if (roots.length !== 1) throw new Error(`exactly one row must have no parent (the county); found ${roots.length}`);
  return rows;
}

/** Creates the rows in order; `post(path, body, token)` → {status, body}. Returns what was created, in order. */
export async function bootstrap(rows, { operatorToken, post, log = () => undefined }) {
  const created = [];
  const ids = new Map();
  let adminToken;
  for (const row of rows) {
    const body = {
      name: row.name,
      kind: row.kind,
      ...(row.parent !== null ? { parentId: ids.get(row.parent) } : {}),
      ...(row.timeZone ? { timeZone: row.timeZone } : {}),
    };
    const token = row.parent === null ? operatorToken : adminToken;
    const reply = await post('/api/organisations', body, token);
    if (reply.status !== 200 && reply.status !== 201) {
      const err = new Error(
        `line ${row.line} (${row.name}): ${reply.status} ${reply.body?.error?.code ?? ''} ${reply.body?.error?.message ?? ''}`.trim(),
      );
      err.created = created;
      throw err;
    }
    const { organisationId, credentials, links } = reply.body;
    ids.set(row.name, organisationId);
    if (row.parent === null) adminToken = credentials['org-admin'];
    created.push({
      name: row.name,
      kind: row.kind,
      parent: row.parent ?? '',
      organisationId,
      link: links['org-admin'],
    });
    log(`created ${row.kind} ${row.name} → ${organisationId}`);
  }
  return created;
}

export const linksCsv = (created) =>
  ['name,kind,parent,organisationId,adminLink']
    .concat(created.map((c) => [c.name, c.kind, c.parent, c.organisationId, c.link].map(quote).join(',')))
    .join('\n') + '\n';
const quote = (v) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

function args(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--url' || a === '--csv' || a === '--out') out[a.slice(2)] = argv[++i];
    else if (a === '--help' || a === '-h') out.help = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return out;
}

async function main() {
  let o;
  try {
    o = args(process.argv.slice(2));
  } catch (e) {
    console.error(e.message);
    return 2;
  }
  const operatorToken = process.env.TALLYROOM_OPERATOR_TOKEN;
  if (o.help || !o.url || !o.csv || !operatorToken) {
    console.error(
      'usage: TALLYROOM_OPERATOR_TOKEN=… node infra/bootstrap-county.mjs --url <public URL> --csv <county.csv> [--out <links.csv>]',
    );
    return o.help ? 0 : 2;
  }
  if (o.out && existsSync(o.out)) {
    console.error(`${o.out} exists; the links in it would be lost. Choose another --out.`);
    return 2;
  }
  let rows;
  try {
    rows = parseCounty(readFileSync(o.csv, 'utf8'));
  } catch (e) {
    console.error(`${o.csv}: ${e.message}`);
    return 2;
  }
  const base = o.url.replace(/\/+$/, '');
  const post = async (path, body, token) => {
    const res = await fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json().catch(() => undefined) };
  };
  const write = (created) => {
    if (o.out) writeFileSync(o.out, linksCsv(created), { mode: 0o600, flag: 'wx' });
    else process.stdout.write(linksCsv(created));
  };
  try {
    const created = await bootstrap(rows, { operatorToken, post, log: (s) => console.error(s) });
    write(created);
    console.error(`${created.length} organisations created${o.out ? `; admin links in ${o.out}` : ''}`);
    return 0;
  } catch (e) {
    console.error(e.message);
    if (e.created?.length) write(e.created);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main();
