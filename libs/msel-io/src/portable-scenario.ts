import type { Language, NormalizedInject, Objective } from '@excon/domain';

/**
 * A scenario as it leaves and enters ExCon through files: the stored inject fields, with targets named
 * by command-post code instead of id, so a file carries over to another installation.
 */
export interface PortableInject extends Omit<NormalizedInject, 'targets'> {
  offsetSeconds: number;
  /** Command-post codes. */
  targets: string[];
}

export interface PortableScenario {
  title: string;
  description: string;
  language: Language;
  objectives: Objective[];
  injects: PortableInject[];
}
