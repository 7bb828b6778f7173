import {
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Inject,
  Injectable,
  NestInterceptor,
  Type,
  mixin,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import type { Observable } from 'rxjs';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Problem } from '../errors/problem';

/** One uploaded file as a feature's service receives it. */
export interface Upload {
  /** The client's file name, for FileStore's sanitised display name only. */
  readonly declaredName: string;
  readonly content: Buffer;
}

/**
 * Interceptor for a `multipart/form-data` route with one file in `field` (default `file`):
 * multer 2 with UPLOAD_MAX_BYTES, one file, a few short text fields, UTF-8 file names. The
 * file stays in memory (never a temporary plaintext file on disk) until the service hands it to
 * `FileStore.put`, which checks its type. Errors become problem+json: too large → 413
 * `payload_too_large`; anything else malformed → 400 `bad_request`.
 *
 *   @Post(':id/attachments')
 *   @UseInterceptors(AttachmentUpload())
 *   add(@Param('id') id: string, @UploadedFile() file: Express.Multer.File | undefined) {
 *     return this.service.attach(id, requireUpload(file));
 *   }
 *
 * Note: the global `jsonOnly` middleware answers 415 to non-JSON bodies under /api; the first
 * upload route must be let through there (see docs/architecture.md, "Attachments").
 */
export function AttachmentUpload(field = 'file'): Type<NestInterceptor> {
  @Injectable()
  class AttachmentUploadInterceptor implements NestInterceptor {
    private readonly handler: ReturnType<ReturnType<typeof multer>['single']>;

    constructor(@Inject(APP_CONFIG) config: AppConfig) {
      this.handler = multer({
        storage: multer.memoryStorage(),
        defParamCharset: 'utf8',
        limits: {
          fileSize: config.files.uploadMaxBytes,
          files: 1,
          fields: 10,
          fieldNameSize: 100,
          fieldSize: 8 * 1024,
          parts: 11,
          headerPairs: 50,
        },
      }).single(field);
    }

    async intercept(ctx: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      const http = ctx.switchToHttp();
      await new Promise<void>((resolve, reject) => {
        this.handler(http.getRequest<Request>(), http.getResponse<Response>(), (err: unknown) => {
          if (err) reject(uploadProblem(err));
          else resolve();
        });
      });
      return next.handle();
    }
  }
  return mixin(AttachmentUploadInterceptor);
}

/** The uploaded file, or 400 when the request carried none. */
export function requireUpload(file: Express.Multer.File | undefined): Upload {
  if (!file?.buffer)
    throw new Problem(HttpStatus.BAD_REQUEST, 'bad_request', 'Ingen fil skickades med.');
  return { declaredName: file.originalname, content: file.buffer };
}

function uploadProblem(err: unknown): Problem {
  if (err instanceof MulterError && err.code === 'LIMIT_FILE_SIZE')
    return new Problem(HttpStatus.PAYLOAD_TOO_LARGE, 'payload_too_large', 'Filen är för stor.');
  return new Problem(
    HttpStatus.BAD_REQUEST,
    'bad_request',
    'Uppladdningen kunde inte läsas: skicka en fil som multipart/form-data.',
  );
}
