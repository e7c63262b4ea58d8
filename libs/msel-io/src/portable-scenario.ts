import type { InjectKind, Language, MediaSource, NormalizedInject, Objective } from '@excon/domain';

/**
 * A scenario as it leaves and enters ExCon through files: the stored inject fields, with targets named
 * by command-post code instead of id, so a file carries over to another installation.
 */
export interface PortableInject extends Omit<NormalizedInject, 'targets' | 'kind' | 'media'> {
  offsetSeconds: number;
  /** Command-post codes. */
  targets: string[];
  /** Absent: a message (files written before media injects existed, and every spreadsheet). */
  kind?: InjectKind;
  /** A media inject's outlet; its logo stays behind (attachments are not in the file). */
  media?: MediaSource | null;
}

export interface PortableScenario {
  title: string;
  description: string;
  language: Language;
  objectives: Objective[];
  injects: PortableInject[];
}
