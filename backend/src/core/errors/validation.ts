import {
  ArgumentMetadata,
  HttpStatus,
  Injectable,
  PipeTransform,
  ValidationError,
  ValidationPipe,
} from '@nestjs/common';
import { FieldError, Problem } from './problem';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own: FieldError[] = e.constraints
      ? [{ field, messages: Object.values(e.constraints) }]
      : [];
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** The global pipe: strips nothing silently — unknown fields are an error, types are converted. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new Problem(
        HttpStatus.BAD_REQUEST,
        'validation_failed',
        `Kontrollera fälten: ${fields.map((f) => f.field).join(', ')}.`,
        { errors: fields },
      );
    },
  });
}

/**
 * A version number in a path: a positive integer that fits the database's INTEGER column.
 * Nest's ParseIntPipe accepts 9007199254740993, which PostgreSQL then refuses with a 500.
 */
@Injectable()
export class ParseVersionPipe implements PipeTransform<string, number> {
  transform(value: string, meta: ArgumentMetadata): number {
    const n = /^[1-9]\d{0,9}$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n > 2_147_483_647)
      throw new Problem(HttpStatus.BAD_REQUEST, 'validation_failed', 'Ogiltigt versionsnummer.', {
        errors: [{ field: meta.data ?? 'version', messages: ['must be a positive integer'] }],
      });
    return n;
  }
}
