import { DEVELOPMENT_JWT_SECRET } from '@vanthu/shared';
import { SERVICES } from '@vanthu/shared';
import { runLifecycleScenario } from '../scenario/lifecycle-scenario';
import { figuresTable, runTrackingScenario } from '../scenario/tracking-scenario';

/**
 * `npm run demo`: the whole lifecycle of one resolution against the system `npm start` runs, then
 * the follow-up of its implementation by the two communes.
 */
export async function demoCommand(): Promise<number> {
  const apiUrl = process.env.INTAKE_URL ?? `http://127.0.0.1:${SERVICES.intake.apiPort}`;
  const uiUrl = process.env.TEMPORAL_UI_URL ?? 'http://127.0.0.1:8233';
  const ready = await fetch(`${apiUrl}/health/ready`).then((r) => r.ok, () => false);
  if (!ready) {
    console.error(`The intake API at ${apiUrl} is not ready. Start the system first: npm start`);
    return 1;
  }
  const begun = Date.now();
  let n = 0;
  const jwtSecret = process.env.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET;
  const onStep = (step: string, detail?: string) => console.log(`${String(++n).padStart(2)}. ${step}${detail ? ` — ${detail}` : ''}`);
  const result = await runLifecycleScenario({ apiUrl, jwtSecret, onStep });
  const doc = result.document;
  console.log(`\nDone in ${((Date.now() - begun) / 1000).toFixed(1)} s: ${doc.notation} is ${doc.status}.`);
  console.table(doc.recipients.map((r) => ({ recipient: r.org, status: r.status, edXML: r.statusCode, arrivalNumber: r.arrivalNumber })));
  console.log('History:');
  for (const t of doc.history) console.log(`  ${t.action.padEnd(20)} ${t.status.padEnd(12)} ${t.actor ?? ''}`);
  console.log(`\nIn the Temporal UI: ${uiUrl}/namespaces/default/workflows/${doc.workflowId}`);
  console.log(`  or list by search attribute: DocumentNumber = "${doc.notation}"`);

  console.log(`\nImplementation of ${doc.notation}:`);
  const tracking = await runTrackingScenario({ apiUrl, jwtSecret, documentId: doc.id, notation: doc.notation ?? doc.id, onStep });
  console.log(`\nFigures of ${tracking.province.org} for ${doc.notation}, as of ${tracking.province.asOf}:`);
  console.table(figuresTable(tracking.province));
  for (const [org, figures] of Object.entries(tracking.communes)) {
    console.log(`What ${org} assigned for it:`);
    console.table(figuresTable(figures));
  }
  console.log(`Tasks in the Temporal UI: ${uiUrl}/namespaces/default/workflows?query=${encodeURIComponent(`TaskSourceDocument = "${doc.id}"`)}`);
  return 0;
}
