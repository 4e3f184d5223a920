// Shared by the Librarian's tests: the clinic-queue spec built by the host's own SpecBuilder, and a small
// folder of local sources written fresh for each test.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceSpec } from '@studio/sdk';
import { buildSpec, readDocument } from 'spec-to-pack-studio';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const EXAMPLE = join(ROOT, 'examples/clinic-queue');

export async function clinicSpec(): Promise<SourceSpec> {
  const idea = await readDocument(join(EXAMPLE, 'idea.yaml'));
  const decisions = await readDocument(join(EXAMPLE, 'decisions.yaml'));
  return buildSpec({ idea: idea.data, decisions: decisions.data }).spec;
}

/** A temp folder removed by the returned cleanup. */
export function tempDir(prefix = 'studio-librarian-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const WAITING_ROOMS_MD = `# Waiting rooms in walk-in clinics

A 2023 survey of walk-in clinics found that patients spend a median of 38 minutes in the waiting room.
Clinics that let patients join a queue remotely and wait elsewhere cut time in the waiting room by half.

## Notifications

Text message notifications sent when a patient is two places from the front brought 92% of patients back in time.
Patients who missed the turn text usually had their phone on silent; a second reminder recovered most of them.
`;

export const SMS_HTML = `<html><head><title>SMS gateways</title></head><body><nav>Home | About | Contact</nav>
<article><h1>SMS gateway reliability</h1>
<p>Managed SMS gateways publish uptime of 99.95% but regional outages of an hour happen a few times a year.</p>
<p>Falling back to a second provider during an SMS provider outage keeps notifications flowing.</p>
</article><footer>Copyright footer text</footer></body></html>`;

/** `<dir>/docs` with a Markdown file, an HTML file, a text file, a broken PDF and an ignored file. */
export function writeDocs(dir: string): string {
  const docs = join(dir, 'docs');
  mkdirSync(join(docs, 'more'), { recursive: true });
  writeFileSync(join(docs, 'waiting-rooms.md'), WAITING_ROOMS_MD);
  writeFileSync(join(docs, 'more', 'sms.html'), SMS_HTML);
  writeFileSync(
    join(docs, 'notes.txt'),
    'Staff dashboards that fit on one screen let front-desk staff reorder and pause patients quickly.\n',
  );
  writeFileSync(join(docs, 'report.pdf'), '%PDF-1.4 not really a pdf');
  writeFileSync(join(docs, 'image.png'), 'not an image');
  writeFileSync(join(docs, '.hidden.md'), 'hidden notes are not read');
  return docs;
}

/** A two-page PDF printed by Chromium: a heading and a paragraph, then a paragraph. */
export const TURN_TEXTS_PDF = join(ROOT, 'test/fixtures/research/turn-texts.pdf');

/** The checked-in tiny embedding model (test/fixtures/embedding-model/make-model.mjs writes it). */
export const TINY_MODEL = join(ROOT, 'test/fixtures/embedding-model/tiny-bow-en');

/** Says what the "Turn notification" feature (F-2) is about in other words: no word of its query. */
export const ALERTS_MD = `# Alerts

Visitors receive an SMS alert shortly before being called and return to the lobby on time.
`;

/** Shares words with F-2's query (patients, come, two, front) but is about parking. */
export const PARKING_MD = `# Parking

Parking: patients who come from the two car parks at the front of the building pay at the desk.
`;

/** `<dir>/docs` with the two files above, for comparing the rankings. */
export function writeSemanticDocs(dir: string): void {
  mkdirSync(join(dir, 'docs'), { recursive: true });
  writeFileSync(join(dir, 'docs', 'alerts.md'), ALERTS_MD);
  writeFileSync(join(dir, 'docs', 'parking.md'), PARKING_MD);
}
