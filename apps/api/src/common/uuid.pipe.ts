import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { validationException } from './validation';

/** Path ids must be UUIDs; anything else is a 400 naming the parameter, never a database error. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUUID(value, 'all')) throw validationException([{ field: metadata.data ?? 'id', message: 'must be a UUID' }]);
    return value;
  }
}

/** A member state's path code: two capital letters (ISO 3166-1 alpha-2); anything else is a 400 naming the parameter. */
@Injectable()
export class CountryCodePipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!/^[A-Z]{2}$/.test(value))
      throw validationException([{ field: metadata.data ?? 'code', message: 'must be an ISO 3166-1 alpha-2 code such as KZ' }]);
    return value;
  }
}
