import { parse } from 'yaml';
import { demoScenarioSchema, type DemoScenario } from '../../../shared/model/demo-scenario';
import { scenarioDocuments, scenarioTexts } from './scenario-texts';

/** The scenario files, in the order the presenter's list shows them. */
const SCENARIO_FILE_NAMES = ['ci-clone-storm.yaml', 'sao-paulo-slow-clones.yaml', 'storage-node-lost.yaml', 'bad-deploy-one-node.yaml'] as const;

/** The scenario files with their text. */
const texts = scenarioTexts(SCENARIO_FILE_NAMES);
export const SCENARIO_FILES: ReadonlyArray<{ file: string; text: string }> = SCENARIO_FILE_NAMES.map((file) => ({ file, text: texts[file]! }));

/** Reads one scenario file; throws an Error naming the file and every problem in it. */
export function parseScenario(file: string, text: string): DemoScenario {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    throw new Error(`${file} is not valid YAML: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  return checkScenario(file, raw);
}

/** Checks one parsed scenario file; throws an Error naming the file and every problem in it. */
function checkScenario(file: string, raw: unknown): DemoScenario {
  const checked = demoScenarioSchema.safeParse(raw);
  if (!checked.success) {
    const issues = checked.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ');
    throw new Error(`${file} is not a valid scenario: ${issues}. See docs/demo-scenarios.md.`);
  }
  return checked.data;
}

/**
 * Every scenario shipped with Fleetscope, from the files parsed at build time in a bundle (the same
 * YAML parser, the same check as `parseScenario`).
 */
export const demoScenarios = (): DemoScenario[] => {
  const documents = scenarioDocuments(SCENARIO_FILE_NAMES);
  return SCENARIO_FILE_NAMES.map((file) => checkScenario(file, documents[file]));
};
