import { MSEL_JSON_FORMAT, MSEL_JSON_SCHEMA_VERSION } from '../msel-fields';
import type { PortableScenario } from '../portable-scenario';

/**
 * The scenario as ExCon's JSON, pretty-printed: `{format, schemaVersion, exportedAt, scenario}`, every inject
 * with all its fields (controller notes included, so the file is for staff only), which `readMselJson` reads
 * back as it was. `exportedAt` defaults to now.
 */
export function writeJson(scenario: PortableScenario, exportedAt: Date = new Date()): Buffer {
  const document = {
    format: MSEL_JSON_FORMAT,
    schemaVersion: MSEL_JSON_SCHEMA_VERSION,
    exportedAt: exportedAt.toISOString(),
    // Fields picked one by one: whatever else the caller's objects carry (ORM state, ids) stays out of the file.
    scenario: {
      title: scenario.title,
      description: scenario.description,
      language: scenario.language,
      objectives: scenario.objectives.map(({ ref, title, capabilityTarget, criticalTasks }) => ({
        ref,
        title,
        ...(capabilityTarget !== undefined && { capabilityTarget }),
        ...(criticalTasks !== undefined && { criticalTasks: [...criticalTasks] }),
      })),
      injects: scenario.injects.map((inject) => ({
        ref: inject.ref,
        offsetSeconds: inject.offsetSeconds,
        title: inject.title,
        body: inject.body,
        targets: inject.targets,
        precedence: inject.precedence,
        from: inject.from,
        expectedAction: inject.expectedAction,
        ackWithinSeconds: inject.ackWithinSeconds,
        respondWithinSeconds: inject.respondWithinSeconds,
        objectiveRefs: inject.objectiveRefs,
        translations: Object.fromEntries(Object.entries(inject.translations).map(([lang, text]) => [lang, { title: text.title, body: text.body }])),
        contingencyRef: inject.contingencyRef,
        contingency: inject.contingency,
        controllerNotes: inject.controllerNotes,
        ...(inject.kind === 'media' && inject.media
          ? { kind: inject.kind, media: { outlet: inject.media.outlet, format: inject.media.format } }
          : {}),
      })),
    },
  };
  return Buffer.from(`${JSON.stringify(document, null, 2)}\n`, 'utf-8');
}
