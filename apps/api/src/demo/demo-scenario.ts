import type { InjectInput, ObjectiveView } from '@excon/contracts';
import type { Language } from '@excon/domain';

/** A demo inject names its targets by command post code; the seed turns them into ids. */
export type DemoInject = InjectInput;

export const DEMO_SCENARIO: { title: string; description: string; language: Language; objectives: ObjectiveView[]; injects: DemoInject[] } = {
  title: 'PLACEHOLDER',
  description: '',
  language: 'ru',
  objectives: [],
  injects: [],
};
