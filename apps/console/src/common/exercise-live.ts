import type {
  DeliveryOverdueMessage,
  DeliveryUpdateMessage,
  DeliveryView,
  ExerciseInjectView,
  ExerciseStateMessage,
  ExerciseView,
  InjectUpdateMessage,
} from '@excon/contracts';
import { isDeliveryBeyond } from '@excon/domain';
import { api } from '../api/api';
import { listen, type ConsoleSocket } from '../socket/console-socket';
import { frameScheduler } from './frame-store';
import { serverNow } from './server-time';
import { createStore } from './store';
import type { ClockReading } from './time';

function further(fetched: DeliveryView, pushed: DeliveryView | undefined): DeliveryView {
  if (!pushed) return fetched;
  const ahead = isDeliveryBeyond(pushed.status, fetched.status) ? pushed : fetched;
  return { ...ahead, overdueAt: fetched.overdueAt ?? pushed.overdueAt };
}

/**
 * One exercise as staff watch it: the exercise with its injects and every delivery, kept current by
 * the staff socket events (`exercise:state`, `inject:update`, `delivery:update`, `delivery:overdue`) and
 * reloaded over REST on every (re)connect so that nothing missed while offline stays missing.
 */
export class ExerciseLive {
  readonly exercise = createStore<ExerciseView | null>(null);
  readonly deliveries = createStore<ReadonlyMap<string, DeliveryView>>(new Map());
  readonly reading = createStore<ClockReading | null>(null);
  /** Deadlines missed during this session, newest first. */
  readonly overdue = createStore<DeliveryOverdueMessage[]>([]);
  readonly failure = createStore<unknown>(null);
  private reloading: Promise<void> | null = null;
  /** Pushed deliveries not yet in the store: a busy exercise's events are applied once per animation frame, not a copy of every delivery per event. */
  private readonly pending = new Map<string, DeliveryView>();
  private readonly flusher = frameScheduler(() => this.flush());

  constructor(
    readonly exerciseId: string,
    private readonly socket: ConsoleSocket,
  ) {}

  start(): () => void {
    const stop = listen(this.socket, {
      connect: () => void this.reload(),
      'exercise:state': (m) => m.exerciseId === this.exerciseId && this.noteState(m),
      'inject:update': (m) => m.exerciseId === this.exerciseId && this.noteInject(m),
      'delivery:update': (m) => m.exerciseId === this.exerciseId && this.noteDelivery(m),
      'delivery:overdue': (m) => {
        if (m.exerciseId !== this.exerciseId) return;
        this.overdue.set([m, ...this.overdue.get().filter((o) => o.deliveryId !== m.deliveryId)]);
        const known = this.delivery(m.deliveryId);
        if (known && !known.overdueAt) this.putDelivery({ ...known, overdueAt: m.deadlineAt });
        if (m.contingencyInjectId) void this.reload();
      },
    });
    void this.reload();
    return () => {
      stop();
      this.flusher.cancel();
    };
  }

  /** The exercise and its deliveries from REST (one reload at a time). */
  reload(): Promise<void> {
    this.reloading ??= (async () => {
      try {
        const [exercise, deliveries] = await Promise.all([api.exercise(this.exerciseId), api.deliveries(this.exerciseId)]);
        this.setExercise(exercise);
        // A push that overtook the REST answer is newer than it: keep the further-along of the two.
        this.flush();
        const known = this.deliveries.get();
        this.deliveries.set(new Map(deliveries.map((d) => [d.id, further(d, known.get(d.id))])));
        this.failure.set(null);
      } catch (error) {
        this.failure.set(error);
      } finally {
        this.reloading = null;
      }
    })();
    return this.reloading;
  }

  /** The answer of a control action (start, pause, …): the exercise as it is now. */
  setExercise(exercise: ExerciseView): void {
    const known = this.exercise.get();
    this.exercise.set({ ...exercise, injects: exercise.injects ?? known?.injects });
    this.reading.set({ status: exercise.status, speed: exercise.speed, scenarioSeconds: exercise.scenarioSeconds, at: serverNow() });
  }

  /** The answer of an inject action (fire, hold, retime, ad hoc). */
  putInject(inject: ExerciseInjectView): void {
    const exercise = this.exercise.get();
    if (!exercise) return;
    const injects = exercise.injects ?? [];
    const next = injects.some((i) => i.id === inject.id) ? injects.map((i) => (i.id === inject.id ? inject : i)) : [...injects, inject];
    this.exercise.set({ ...exercise, injects: next });
  }

  private noteState(m: ExerciseStateMessage): void {
    const exercise = this.exercise.get();
    if (exercise) this.exercise.set({ ...exercise, status: m.status, speed: m.speed, scenarioSeconds: m.scenarioSeconds, title: m.title });
    this.reading.set({ status: m.status, speed: m.speed, scenarioSeconds: m.scenarioSeconds, at: Date.parse(m.at) });
    // Due times move on pause, resume and speed changes: take them from the server.
    void this.reload();
  }

  private noteInject(m: InjectUpdateMessage): void {
    const known = this.exercise.get()?.injects?.find((i) => i.id === m.injectId);
    if (!known) {
      void this.reload();
      return;
    }
    this.putInject({ ...known, status: m.status, offsetSeconds: m.offsetSeconds, dueAt: m.dueAt, firedAt: m.firedAt });
  }

  private noteDelivery(m: DeliveryUpdateMessage): void {
    const known = this.delivery(m.deliveryId);
    const inject = this.exercise.get()?.injects?.find((i) => i.id === m.injectId);
    this.putDelivery({
      id: m.deliveryId,
      exerciseId: m.exerciseId,
      injectId: m.injectId,
      commandPostId: m.commandPostId,
      seq: m.seq,
      status: m.status,
      dueAt: known?.dueAt ?? inject?.dueAt ?? null,
      firedAt: m.firedAt,
      deliveredAt: m.deliveredAt,
      acknowledgedAt: m.acknowledgedAt,
      respondedAt: m.respondedAt,
      response: m.response,
      overdueAt: m.overdueAt,
      readAt: m.readAt,
      acknowledgedOnConsoleAt: m.acknowledgedOnConsoleAt,
      respondedOnConsoleAt: m.respondedOnConsoleAt,
    });
  }

  private delivery(id: string): DeliveryView | undefined {
    return this.pending.get(id) ?? this.deliveries.get().get(id);
  }

  private putDelivery(delivery: DeliveryView): void {
    this.pending.set(delivery.id, delivery);
    this.flusher.request();
  }

  private flush(): void {
    if (this.pending.size === 0) return;
    const next = new Map(this.deliveries.get());
    for (const [id, delivery] of this.pending) next.set(id, delivery);
    this.pending.clear();
    this.deliveries.set(next);
  }
}
