import type { CommandPostView, EvaluatorAssignmentView, ObservationView, RatingView } from '@excon/contracts';
import type { Objective } from '@excon/domain';
import { evaluationApi } from '../api/evaluation-api';
import { createStore } from '../common/store';
import { listen, type ConsoleSocket } from '../socket/console-socket';
import { mergeObservations, removeObservation, upsertObservation } from './observation-list';
import { mergeRatings, upsertRating } from './rating-grid';

/** What the assignment and rating panels get: the exercise, its objectives and posts, the caller (id, role), the live store. */
export interface EvaluationPanelProps {
  exerciseId: string;
  objectives: Objective[];
  posts: CommandPostView[];
  me: string;
  role: string;
  live: EvaluationLive;
}

/**
 * The evaluation of one exercise as staff watch it: observations, ratings and evaluator assignments, kept
 * current by `observation:created|updated|deleted` and `rating:updated` and reloaded over REST on every
 * (re)connect, so that nothing missed while offline stays missing.
 */
export class EvaluationLive {
  readonly observations = createStore<ObservationView[]>([]);
  readonly ratings = createStore<RatingView[]>([]);
  readonly assignments = createStore<EvaluatorAssignmentView[]>([]);
  readonly loaded = createStore(false);
  readonly failure = createStore<unknown>(null);
  /** Ids deleted in this session: a reload that started before the deletion does not bring them back. */
  private readonly deleted = new Set<string>();
  private reloading: Promise<void> | null = null;

  constructor(
    readonly exerciseId: string,
    private readonly socket: ConsoleSocket,
  ) {}

  start(): () => void {
    const onObservation = (m: ObservationView) => m.exerciseId === this.exerciseId && this.putObservation(m);
    const stop = listen(this.socket, {
      connect: () => void this.reload(),
      'observation:created': onObservation,
      'observation:updated': onObservation,
      'observation:deleted': (m) => m.exerciseId === this.exerciseId && this.dropObservation(m.id),
      'rating:updated': (m) => m.exerciseId === this.exerciseId && this.putRating(m),
    });
    void this.reload();
    return stop;
  }

  reload(): Promise<void> {
    this.reloading ??= (async () => {
      try {
        const [observations, ratings, assignments] = await Promise.all([
          evaluationApi.observations(this.exerciseId),
          evaluationApi.ratings(this.exerciseId),
          evaluationApi.evaluators(this.exerciseId),
        ]);
        this.observations.set(mergeObservations(observations, this.observations.get(), this.deleted));
        this.ratings.set(mergeRatings(ratings, this.ratings.get()));
        this.assignments.set(assignments);
        this.failure.set(null);
        this.loaded.set(true);
      } catch (error) {
        this.failure.set(error);
      } finally {
        this.reloading = null;
      }
    })();
    return this.reloading;
  }

  /** A created or edited observation (a push, or the answer of the caller's own POST/PATCH). */
  putObservation(observation: ObservationView): void {
    if (this.deleted.has(observation.id)) return;
    this.observations.set(upsertObservation(this.observations.get(), observation));
  }

  dropObservation(observationId: string): void {
    this.deleted.add(observationId);
    this.observations.set(removeObservation(this.observations.get(), observationId));
  }

  putRating(rating: RatingView): void {
    this.ratings.set(upsertRating(this.ratings.get(), rating));
  }

  setAssignments(assignments: EvaluatorAssignmentView[]): void {
    this.assignments.set(assignments);
  }
}
