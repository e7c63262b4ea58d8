import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { AuthenticatedRequest } from '../auth/actor';
import { ExercisesService } from '../exercises/exercises.service';

/**
 * For a route an operator may call with a body: the exercise of the path must be one the caller sees
 * before the body is validated, so an exercise of another post answers 404 whatever the body, as it does
 * on every other route (not a 400 that would tell the route apart). A path id that is not a UUID is left
 * to UuidPipe's 400.
 */
@Injectable()
export class VisibleExerciseGuard implements CanActivate {
  constructor(private readonly exercises: ExercisesService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const id = request.params.id;
    if (request.actor && typeof id === 'string' && isUUID(id, 'all')) await this.exercises.visible(id, request.actor);
    return true;
  }
}
