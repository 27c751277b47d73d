import { parse } from 'yaml';
import { demoScenarioSchema, type DemoScenario } from '../../../shared/model/demo-scenario';
import badDeploy from './bad-deploy-one-node.yaml';
import cloneStorm from './ci-clone-storm.yaml';
import saoPaulo from './sao-paulo-slow-clones.yaml';
import storageLost from './storage-node-lost.yaml';

/** The scenario files, bundled as text (esbuild's and vitest's `.yaml` text loaders), in the order the presenter's list shows them. */
export const SCENARIO_FILES: ReadonlyArray<{ file: string; text: string }> = [
  { file: 'ci-clone-storm.yaml', text: cloneStorm },
  { file: 'sao-paulo-slow-clones.yaml', text: saoPaulo },
  { file: 'storage-node-lost.yaml', text: storageLost },
  { file: 'bad-deploy-one-node.yaml', text: badDeploy },
];

/** Reads one scenario file; throws an Error naming the file and every problem in it. */
export function parseScenario(file: string, text: string): DemoScenario {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    throw new Error(`${file} is not valid YAML: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const checked = demoScenarioSchema.safeParse(raw);
  if (!checked.success) {
    const issues = checked.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ');
    throw new Error(`${file} is not a valid scenario: ${issues}. See docs/demo-scenarios.md.`);
  }
  return checked.data;
}

/** Every scenario shipped with Fleetscope. */
export const demoScenarios = (): DemoScenario[] => SCENARIO_FILES.map(({ file, text }) => parseScenario(file, text));
